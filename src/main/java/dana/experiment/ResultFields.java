package dana.experiment;

import dana.filter.MethodSpec;
import dana.model.Lorenz96Params;
import dana.run.RunResult;
import dana.run.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable fields of results, as ordered maps ready for JSON: one run ({@code dana assimilate
 * --json}, each row of {@code summary.json}) and a whole experiment. Non-finite numbers become null, so a
 * diverged run never shows NaN. {@link #TIMING_KEYS} are the only fields that vary between identical runs.
 */
public final class ResultFields {

    /** Keys whose values are wall-clock measurements; everything else is reproducible. */
    public static final List<String> TIMING_KEYS = List.of("seconds", "cycles_per_second");

    private ResultFields() {
    }

    public static Map<String, Object> run(RunResult r) {
        RunSpec s = r.spec();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", s.method().method().cliName());
        m.put("parameters", parameters(s.method()));
        m.put("model", model(s.model()));
        m.put("obs", s.obs());
        m.put("sigma", s.sigma());
        m.put("cycles", s.cycles());
        m.put("burn_in", s.burnIn());
        m.put("seed", s.seed());
        m.put("init_spread", s.initSpread());
        m.put("spin_up", s.spinUp());
        m.put("rmse_a", num(r.rmseA()));
        m.put("rmse_a_se", num(r.rmseASe()));
        m.put("rmse_f", num(r.rmseF()));
        m.put("spread_a", num(r.spreadA()));
        m.put("spread_f", num(r.spreadF()));
        m.put("rmse_s", num(r.rmseS()));
        m.put("diverged", r.diverged());
        m.put("diverged_at_cycle", r.diverged() ? r.divergedAtCycle() : null);
        m.put("seconds", num(r.seconds()));
        m.put("cycles_per_second", num(r.cyclesPerSecond()));
        return m;
    }

    /** The method's parameters; an infinite localisation radius is written as the text "inf". */
    public static Map<String, Object> parameters(MethodSpec spec) {
        Map<String, Object> p = new LinkedHashMap<>();
        spec.parameters().forEach((k, v) -> p.put(k, v instanceof Double d && !Double.isFinite(d) ? RunIds.compact(d) : v));
        return p;
    }

    public static Map<String, Object> model(Lorenz96Params p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "lorenz96");
        m.put("nx", p.nx());
        m.put("forcing", p.forcing());
        m.put("dt", p.dt());
        m.put("steps_per_cycle", p.stepsPerCycle());
        return m;
    }

    /** The experiment: its settings, one entry per configuration (aggregated) and one per run. */
    public static Map<String, Object> experiment(ExperimentResult result) {
        ExperimentConfig c = result.config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("description", c.description());
        m.put("short", c.shortened());
        m.put("seeds", c.seeds());
        List<Object> configs = new ArrayList<>();
        for (ConfigSummary s : result.summaries()) configs.add(summary(s));
        m.put("configurations", configs);
        List<Object> runs = new ArrayList<>();
        for (SeedRun r : result.runs()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", r.config().id());
            row.putAll(run(r.result()));
            row.put("divergence_factor", r.config().divergenceFactor());
            runs.add(row);
        }
        m.put("runs", runs);
        m.put("seconds", num(result.seconds()));
        return m;
    }

    static Map<String, Object> summary(ConfigSummary s) {
        RunConfig c = s.config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("method", c.method().method().cliName());
        m.put("parameters", parameters(c.method()));
        m.put("model", model(c.model()));
        m.put("obs", c.obs());
        m.put("sigma", c.sigma());
        m.put("cycles", c.cycles());
        m.put("burn_in", c.burnIn());
        m.put("seeds", s.seeds());
        m.put("rmse_a", num(s.rmseA()));
        m.put("rmse_a_sd", num(s.rmseASd()));
        m.put("rmse_f", num(s.rmseF()));
        m.put("spread_a", num(s.spreadA()));
        m.put("spread_f", num(s.spreadF()));
        m.put("rmse_s", num(s.rmseS()));
        m.put("diverged_count", s.diverged());
        m.put("cycles_per_second", num(s.cyclesPerSecond()));
        if (s.check() != null) {
            Expectation e = s.check().expectation();
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("rmse_a", e.rmseA() == null ? null : e.rmseA().text());
            x.put("of", e.bestOnly() ? "best" : "each");
            x.put("reference", e.reference());
            x.put("source", e.source());
            if (e.relativeTo() != null) {
                x.put("relative_to", e.relativeTo());
                x.put("ratio", num(s.check().ratio()));
            }
            x.put("check", s.check().verdict());
            m.put("expected", x);
        }
        return m;
    }

    static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
