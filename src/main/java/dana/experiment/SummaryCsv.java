package dana.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * summary.csv: one row per (configuration, seed) with {@code row = run}, then one row per configuration with
 * {@code row = mean} (means over the seeds that did not diverge, {@code rmse_a_sd} their spread and
 * {@code diverged} the count of diverged seeds).
 */
final class SummaryCsv {

    static final List<String> HEADER = List.of("row", "id", "seed", "method", "members", "inflation", "rotate",
            "radius", "alpha", "variant", "nx", "forcing", "dt", "steps_per_cycle", "obs", "sigma", "cycles",
            "burn_in", "rmse_a", "rmse_a_se", "rmse_a_sd", "rmse_f", "spread_a", "spread_f", "diverged",
            "diverged_at_cycle", "seconds", "cycles_per_second",
            // appended (scripts reading columns by position keep working): the learned analysis's network, the
            // window of the iterative and variational methods, and the smoothed estimate's RMSE of the smoothers
            "network", "lag", "shift", "iterations", "rmse_s");

    private SummaryCsv() {
    }

    static String render(ExperimentResult result) {
        StringBuilder sb = new StringBuilder();
        Csv.row(sb, HEADER);
        for (SeedRun r : result.runs()) {
            var x = r.result();
            List<Object> row = new ArrayList<>(List.of("run", r.config().id(), r.seed()));
            row.addAll(settings(r.config()));
            row.addAll(java.util.Arrays.asList(x.rmseA(), x.rmseASe(), null, x.rmseF(), x.spreadA(), x.spreadF(),
                    x.diverged(), x.diverged() ? x.divergedAtCycle() : null, x.seconds(), x.cyclesPerSecond()));
            row.addAll(window(r.config()));
            row.add(x.rmseS());
            Csv.row(sb, row);
        }
        for (ConfigSummary s : result.summaries()) {
            List<Object> row = new ArrayList<>(List.of("mean", s.config().id(), "all"));
            row.addAll(settings(s.config()));
            row.addAll(java.util.Arrays.asList(s.rmseA(), null, s.rmseASd(), s.rmseF(), s.spreadA(), s.spreadF(),
                    s.diverged(), null, null, s.cyclesPerSecond()));
            row.addAll(window(s.config()));
            row.add(s.rmseS());
            Csv.row(sb, row);
        }
        return sb.toString();
    }

    /** network, lag, shift, iterations: empty where the method has none. */
    private static List<Object> window(RunConfig c) {
        var m = c.method();
        Integer lag = null, shift = null, iterations = null;
        if (m.iterative() != null) {
            lag = m.iterative().lag();
            shift = m.iterative().shift();
            iterations = m.iterative().iterations();
        } else if (m.variational() != null) {
            lag = m.variational().lag();
            shift = m.variational().shift();
            iterations = m.variational().outerLoops();
        }
        return java.util.Arrays.asList(m.network(), lag, shift, iterations);
    }

    private static List<Object> settings(RunConfig c) {
        var m = c.method();
        var p = c.model();
        return java.util.Arrays.asList(m.method().cliName(), m.members(), m.inflation(), m.rotate(), m.radius(),
                m.alpha(), m.variant(), p.nx(), p.forcing(), p.dt(), p.stepsPerCycle(), c.obs(), c.sigma(),
                c.cycles(), c.burnIn());
    }
}
