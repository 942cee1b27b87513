package dana.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dana.experiment.AtomicFiles;
import dana.experiment.Csv;
import dana.experiment.Json;
import dana.plot.ParameterPlot;
import dana.train.TrainConfigYaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The files of a sweep's directory besides the points': the resolved sweep (written when it starts) and the
 * summary over the points (written when they are done), each atomically:
 * <pre>
 *   sweep.resolved.yaml     the sweep with the base inlined and every key explicit (re-runnable)
 *   summary.csv             one row per point and evaluated configuration (the network, then each reference)
 *   summary.json            the sweep's settings, then per point its training and each configuration's aRMSE
 *   rmse-vs-PARAM.png       aRMSE against the parameter: the network and the references, seed min..max bars
 * </pre>
 */
public final class SweepWriter {

    public static final String RESOLVED = "sweep.resolved.yaml";

    static final List<String> CSV_HEADER = List.of("parameter", "value", "series", "method", "rmse_a", "rmse_a_sd",
            "rmse_a_min", "rmse_a_max", "seeds", "diverged", "training_steps", "train_seconds", "validation_rmse_a");

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private SweepWriter() {
    }

    public static String plotName(SweepParameter p) {
        return "rmse-vs-" + p.key + ".png";
    }

    static void writeResolved(Path dir, SweepConfig c, List<String> header) {
        AtomicFiles.write(dir.resolve(RESOLVED), resolved(c, header));
    }

    static String resolved(SweepConfig c, List<String> header) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        if (!c.description().isEmpty()) m.put("description", c.description());
        m.put("parameter", c.parameter().key);
        m.put("values", c.points().stream().map(p -> p.value().number()).toList());
        if (c.parameter() != SweepParameter.STEPS) m.put("steps", c.steps());
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("cycles", c.evaluation().cycles());
        e.put("burn_in", c.evaluation().burnIn());
        e.put("seeds", c.evaluation().seeds());
        m.put("evaluation", e);
        m.put("threads_per_point", c.threadsPerPoint());
        List<Map<String, Object>> refs = PointResult.referenceSettings(c.points().get(0).references());
        if (!refs.isEmpty()) m.put("references", refs);
        Map<String, Object> base = TrainConfigYaml.values(c.base());
        base.remove("name");   // each point is named after the sweep and its value
        m.put("base", base);
        StringBuilder sb = new StringBuilder();
        for (String h : header) sb.append("# ").append(h).append('\n');
        try {
            sb.append(YAML.writeValueAsString(m));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write YAML: " + ex.getOriginalMessage(), ex);
        }
        return sb.toString();
    }

    /** summary.csv, summary.json and the plot, rendered in memory first, then written atomically. */
    static void writeSummary(Path dir, SweepResult r) {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(dir.resolve("summary.csv"), csv(r).getBytes(StandardCharsets.UTF_8));
        files.put(dir.resolve("summary.json"), (Json.pretty(summary(r)) + "\n").getBytes(StandardCharsets.UTF_8));
        files.put(dir.resolve(plotName(r.config().parameter())), plot(r));
        files.forEach(AtomicFiles::write);
    }

    static String csv(SweepResult r) {
        StringBuilder sb = new StringBuilder();
        Csv.row(sb, CSV_HEADER);
        for (PointResult p : r.points()) {
            for (PointResult.Series s : p.series()) {
                boolean net = s.id().equals(SweepPoint.NETWORK_ID);
                PointResult.Training t = p.training();
                Csv.row(sb, Arrays.asList(p.parameter(), p.value(), s.id(), s.method(), s.rmseA(), s.rmseASd(),
                        s.rmseAMin(), s.rmseAMax(), s.seeds(), s.diverged(), net ? t.steps() : null,
                        net ? t.trainSeconds() : null,
                        net ? (t.validationDiverged() ? (Object) Double.POSITIVE_INFINITY : t.validationRmseA()) : null));
            }
        }
        return sb.toString();
    }

    /** The content of summary.json. */
    public static Map<String, Object> summary(SweepResult r) {
        SweepConfig c = r.config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("description", c.description());
        m.put("parameter", c.parameter().key);
        m.put("parameter_description", c.parameter().description);
        m.put("short", c.shortened());
        m.put("steps", c.parameter() == SweepParameter.STEPS ? null : c.steps());
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("cycles", c.evaluation().cycles());
        e.put("burn_in", c.evaluation().burnIn());
        e.put("seeds", c.evaluation().seeds());
        m.put("evaluation", e);
        m.put("references", r.referenceIds());
        List<Object> points = new ArrayList<>();
        for (PointResult p : r.points()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("value", c.point(p.label()) == null ? p.value() : c.point(p.label()).value().number());
            pm.put("label", p.label());
            pm.put("directory", SweepRunner.POINTS + "/" + p.label());
            PointResult.Training t = p.training();
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("steps", t.steps());
            tm.put("train_seconds", t.trainSeconds());
            tm.put("wall_seconds", t.wallSeconds());
            tm.put("validation_rmse_a", t.validationRmseA());
            tm.put("validation_diverged", t.validationDiverged());
            tm.put("sample_cycles_per_second", t.sampleCyclesPerSecond());
            pm.put("training", tm);
            List<Object> series = new ArrayList<>();
            for (PointResult.Series s : p.series()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("id", s.id());
                sm.put("method", s.method());
                sm.put("parameters", s.parameters());
                sm.put("rmse_a", s.rmseA());
                sm.put("rmse_a_sd", s.rmseASd());
                sm.put("rmse_a_min", s.rmseAMin());
                sm.put("rmse_a_max", s.rmseAMax());
                sm.put("seeds", s.seeds());
                sm.put("diverged", s.diverged());
                sm.put("rmse_a_per_seed", s.perSeed());
                series.add(sm);
            }
            pm.put("series", series);
            points.add(pm);
        }
        m.put("points", points);
        List<Object> failures = new ArrayList<>();
        for (SweepResult.Failure f : r.failures()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("label", f.label());
            fm.put("message", f.message());
            failures.add(fm);
        }
        m.put("failures", failures);
        m.put("computed_now", r.computed());
        m.put("seconds", r.seconds());
        return m;
    }

    /**
     * The network's line first (its training budget in the label), then the references: one line each when the
     * parameter changes the twin experiment (sigma, fraction), else one horizontal level each, since they are
     * then the same runs at every point.
     */
    static byte[] plot(SweepResult r) {
        SweepConfig c = r.config();
        String network = c.parameter() == SweepParameter.STEPS ? "DAN (trained at each value)"
                : String.format(Locale.ROOT, "DAN (%,d training steps)", c.steps());
        Map<String, List<ParameterPlot.Point>> lines = new LinkedHashMap<>();
        lines.put(network, new ArrayList<>());
        List<ParameterPlot.Level> levels = new ArrayList<>();
        boolean levelReferences = !c.parameter().changesTwin();
        for (PointResult p : r.points()) {
            for (PointResult.Series s : p.series()) {
                boolean net = s.id().equals(SweepPoint.NETWORK_ID);
                double[] values = s.perSeed().stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
                if (net || !levelReferences) {
                    lines.computeIfAbsent(net ? network : s.id(), k -> new ArrayList<>())
                            .add(new ParameterPlot.Point(p.x(), values, s.diverged()));
                } else if (p == r.points().get(0)) {
                    levels.add(new ParameterPlot.Level(s.id(), values, s.diverged()));
                }
            }
        }
        List<ParameterPlot.Line> drawn = new ArrayList<>();
        lines.forEach((label, pts) -> {
            if (!pts.isEmpty()) drawn.add(new ParameterPlot.Line(label, pts));
        });
        double lo = r.points().stream().mapToDouble(PointResult::x).min().orElse(1);
        double hi = r.points().stream().mapToDouble(PointResult::x).max().orElse(1);
        boolean logX = c.parameter().geometric && lo > 0 && hi / lo >= 4;
        int seeds = c.evaluation().seeds().size();
        String title = String.format(Locale.ROOT, "%s: aRMSE against %s (%d seed%s x %,d cycles)", c.name(),
                c.parameter().key, seeds, seeds == 1 ? "" : "s", c.evaluation().cycles() - c.evaluation().burnIn());
        ParameterPlot.Axes axes = new ParameterPlot.Axes(title, c.parameter().description, "analysis RMSE", logX, false);
        return ParameterPlot.render(axes, drawn, levels);
    }
}
