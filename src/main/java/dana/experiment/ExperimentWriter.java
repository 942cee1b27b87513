package dana.experiment;

import dana.plot.ComparisonPlot;
import dana.plot.HovmollerPlot;
import dana.plot.RmseSeriesPlot;
import dana.run.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an experiment's results under one directory, each file atomically:
 * <pre>
 *   config.resolved.yaml          the experiment as it ran (re-runnable)
 *   summary.json, summary.csv     per run x seed, and per configuration
 *   series/ID-seedS.csv           per-cycle rmse_a, rmse_f, spread_a, spread_f
 *   plots/rmse-ID.png             analysis RMSE against cycle, seeds overlaid
 *   plots/rmse-by-config.png      analysis RMSE of every configuration, with the seeds' spread
 *   plots/hovmoller-ID.png        truth, analysis and error over the last cycles (first seed that did not diverge)
 *   plots/FILE.png, FILE.csv      each item of the file's plots: a result against a run key, lines by series keys
 * </pre>
 * (runs/, each run as it finished, is {@link FinishedRuns}'s, written while the experiment runs.)
 */
public final class ExperimentWriter {

    private ExperimentWriter() {
    }

    /**
     * Renders every file in memory first, so that a failure while rendering leaves nothing behind, then writes
     * them one by one, atomically.
     *
     * @param resolvedHeader comment lines for config.resolved.yaml (how it was produced)
     * @return the files written, in order
     */
    public static List<Path> write(Path dir, ExperimentResult result, List<String> resolvedHeader) {
        Map<Path, byte[]> files = render(dir, result, resolvedHeader);
        for (Map.Entry<Path, byte[]> f : files.entrySet()) AtomicFiles.write(f.getKey(), f.getValue());
        return List.copyOf(files.keySet());
    }

    static Map<Path, byte[]> render(Path dir, ExperimentResult result, List<String> resolvedHeader) {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        ExperimentConfig c = result.config();
        files.put(dir.resolve("config.resolved.yaml"), utf8(ResolvedConfig.render(c, resolvedHeader)));
        files.put(dir.resolve("summary.json"), utf8(Json.pretty(ResultFields.experiment(result)) + "\n"));
        files.put(dir.resolve("summary.csv"), utf8(SummaryCsv.render(result)));
        for (SeedRun r : result.runs()) {
            files.put(dir.resolve("series").resolve(seriesName(r.config().id(), r.seed())), utf8(SeriesCsv.render(r.result())));
        }
        Path plots = dir.resolve("plots");
        for (RunConfig rc : c.runs()) {
            List<SeedRun> runs = result.runsOf(rc);
            List<RmseSeriesPlot.Line> lines = runs.stream().map(r -> new RmseSeriesPlot.Line(r.seed(), r.result())).toList();
            files.put(plots.resolve("rmse-" + rc.id() + ".png"), RmseSeriesPlot.render(rc.id(), lines, rc.burnIn(), rc.cycles()));
            // the field window of a diverged run is incomplete: show the first seed that did not diverge
            runs.stream().filter(r -> !r.result().diverged()).findFirst().ifPresent(r -> {
                RunResult.FieldWindow fw = r.result().fields();
                String title = rc.id() + ", seed " + r.seed() + ": cycles " + fw.firstCycle() + "-" + (fw.firstCycle() + fw.cycles() - 1);
                files.put(plots.resolve("hovmoller-" + rc.id() + ".png"), HovmollerPlot.render(title, fw));
            });
        }
        files.put(plots.resolve("rmse-by-config.png"), comparison(c, result, result.summaries()));
        ParameterPlots.render(result, files, plots);
        return files;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String seriesName(String id, long seed) {
        return id + "-seed" + seed + ".csv";
    }

    private static byte[] comparison(ExperimentConfig c, ExperimentResult result, List<ConfigSummary> summaries) {
        int n = summaries.size();
        List<String> ids = new ArrayList<>();
        double[] mean = new double[n], sd = new double[n], ref = new double[n];
        double[][] perSeed = new double[n][c.seeds().size()];
        for (int i = 0; i < n; i++) {
            ConfigSummary s = summaries.get(i);
            ids.add(s.config().id());
            mean[i] = s.rmseA();
            sd[i] = s.rmseASd();
            ref[i] = s.check() != null && s.check().expectation().reference() != null ? s.check().expectation().reference() : Double.NaN;
            List<SeedRun> runs = result.runsOf(s.config());
            for (int k = 0; k < runs.size(); k++) perSeed[i][k] = runs.get(k).result().diverged() ? Double.NaN : runs.get(k).result().rmseA();
        }
        String title = c.name() + ": analysis RMSE by configuration (" + c.seeds().size() + " seed" + (c.seeds().size() == 1 ? "" : "s") + ")";
        return ComparisonPlot.render(title, ids, mean, sd, c.seeds(), perSeed, ref);
    }
}
