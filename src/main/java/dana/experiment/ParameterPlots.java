package dana.experiment;

import dana.plot.ParameterPlot;
import dana.run.RunResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The experiment's {@code plots}: for each {@link PlotSpec}, the configurations grouped into lines by the values
 * of its series keys and placed at the value of its x key, each point the configuration's per-seed results.
 * When several configurations share a line and an x (a grid over a key that is neither, e.g. the inflation of
 * a tuned filter), the point is the one with the lowest mean rmse_a over its seeds, as {@code of: best} in
 * {@code expect}: the tuned value. A configuration whose method has no value of the x key (a filter against the
 * window length) is drawn as a horizontal level. Rendered as a PNG and a CSV of the numbers drawn.
 */
final class ParameterPlots {

    private ParameterPlots() {
    }

    /**
     * One drawn point: the configuration chosen and its values; {@code x} is NaN for a configuration whose method
     * has no value of the x key (a filter in a plot against the window length), drawn as a horizontal level.
     */
    record Chosen(String line, double x, RunConfig config, ParameterPlot.Point point) {

        boolean level() {
            return Double.isNaN(x);
        }
    }

    /** plots/FILE and plots/FILE.csv of each plot. */
    static void render(ExperimentResult result, Map<java.nio.file.Path, byte[]> files, java.nio.file.Path dir) {
        ExperimentConfig c = result.config();
        for (PlotSpec p : c.plots()) {
            List<Chosen> chosen = choose(result, p);
            Map<String, List<ParameterPlot.Point>> lines = new LinkedHashMap<>();
            List<ParameterPlot.Level> levels = new ArrayList<>();
            for (Chosen ch : chosen) {
                if (ch.level()) levels.add(new ParameterPlot.Level(ch.line(), ch.point().values(), ch.point().diverged()));
                else lines.computeIfAbsent(ch.line(), k -> new ArrayList<>()).add(ch.point());
            }
            List<ParameterPlot.Line> drawn = new ArrayList<>();
            lines.forEach((label, pts) -> drawn.add(new ParameterPlot.Line(label, pts)));
            String seeds = c.seeds().size() + " seed" + (c.seeds().size() == 1 ? "" : "s");
            ParameterPlot.Axes axes = new ParameterPlot.Axes(p.titleOrDefault(c.name()) + " (" + seeds + ")", p.x(),
                    p.y(), p.logX(), p.logY());
            files.put(dir.resolve(p.file()), ParameterPlot.render(axes, drawn, levels));
            files.put(dir.resolve(p.csvFile()), csv(p, chosen).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The points of a plot, in file order of their lines and configurations. */
    static List<Chosen> choose(ExperimentResult result, PlotSpec p) {
        Map<String, Chosen> best = new LinkedHashMap<>();
        Map<String, Double> bestScore = new LinkedHashMap<>();
        RunKey xKey = RunKey.of(p.x());
        for (RunConfig rc : result.config().runs()) {
            // a filter has no smoothed estimate, diverged or not: not a point of a plot of rmse_s
            if (p.y().equals("rmse_s") && !rc.method().method().isSmoother()) continue;
            Object xv = rc.value(xKey);
            // a method without this key is constant in it: a level; an infinite value (radius inf) cannot be drawn
            if (xv instanceof Number n && !Double.isFinite(n.doubleValue())) continue;
            double x = xv instanceof Number n ? n.doubleValue() : Double.NaN;
            String line = label(rc, p);
            List<SeedRun> runs = result.runsOf(rc);
            List<Double> values = new ArrayList<>();
            int diverged = 0;
            double rmseSum = 0;
            int rmseCount = 0;
            for (SeedRun r : runs) {
                if (r.result().diverged()) {
                    diverged++;
                    continue;
                }
                double v = field(r.result(), p.y());
                if (Double.isFinite(v)) values.add(v);
                rmseSum += r.result().rmseA();
                rmseCount++;
            }
            // a result the method does not have (rmse_s of a filter) and no divergence: nothing to draw
            if (values.isEmpty() && diverged == 0) continue;
            double score = rmseCount == 0 ? Double.POSITIVE_INFINITY : rmseSum / rmseCount;
            String key = line + "\u0000" + (Double.isNaN(x) ? "level" : Double.toString(x));
            Double prior = bestScore.get(key);
            if (prior == null || score < prior) {
                ParameterPlot.Point point = new ParameterPlot.Point(Double.isNaN(x) ? 0 : x, values.stream().mapToDouble(Double::doubleValue).toArray(),
                        diverged);
                best.put(key, new Chosen(line, x, rc, point));
                bestScore.put(key, score);
            }
        }
        return List.copyOf(best.values());
    }

    /**
     * "ienkf members=20": the method's value alone, the other series keys as key=value; a key the run does not
     * have (a network for enkf-n) is left out rather than shown as "network=-".
     */
    static String label(RunConfig rc, PlotSpec p) {
        if (p.series().isEmpty()) return p.y();
        StringJoiner sj = new StringJoiner(" ");
        for (String k : p.series()) {
            Object v = rc.value(RunKey.of(k));
            if (v == null && !k.equals(RunKey.METHOD.key)) continue;
            String text = v == null ? "-" : v instanceof Double d ? RunIds.compact(d) : v.toString();
            sj.add(k.equals(RunKey.METHOD.key) ? text : k + "=" + text);
        }
        return sj.toString();
    }

    static double field(RunResult r, String y) {
        return switch (y) {
            case "rmse_a" -> r.rmseA();
            case "rmse_f" -> r.rmseF();
            case "spread_a" -> r.spreadA();
            case "spread_f" -> r.spreadF();
            case "rmse_s" -> r.rmseS();
            case "cycles_per_second" -> r.cyclesPerSecond();
            default -> throw new IllegalArgumentException("y: unknown result field '" + y + "'; allowed: " + PlotSpec.Y_FIELDS);
        };
    }

    private static String csv(PlotSpec p, List<Chosen> chosen) {
        StringBuilder sb = new StringBuilder();
        Csv.row(sb, List.of("line", p.x(), "id", "seeds", "diverged", p.y() + "_mean", p.y() + "_min", p.y() + "_max"));
        for (Chosen c : chosen) {
            ParameterPlot.Point pt = c.point();
            // a level has no x: the cell is empty
            // x as the configuration holds it (a whole number stays whole)
            Csv.row(sb, Arrays.asList(c.line(), c.config().value(RunKey.of(p.x())), c.config().id(), pt.values().length + pt.diverged(), pt.diverged(),
                    pt.mean(), pt.min(), pt.max()));
        }
        return sb.toString();
    }
}
