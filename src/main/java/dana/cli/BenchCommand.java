package dana.cli;

import dana.bench.ClassicalBench;
import dana.experiment.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dana bench [classical]}: speed of the classical filters, single thread, standard configuration. Figures
 * are medians of repeated timed runs after a warm-up, with the ensemble forecast alone as the baseline measured in
 * the same run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure speed: 'classical' = cycles/s of EnKF-N, ETKF, LETKF, 3D-Var, IEnKF, IEnKS, 4D-Var (single thread); "
                + "'train' = training throughput of the learned analysis in sample-cycles/s (whole TBPTT steps, "
                + "Nf=40, Nb=5, Nsb 5 and 2, batch 128 and 256); 'cnn' = the residual CNN's forward+backward "
                + "GFLOP/s (dana.nn.NnBench; extra name=value arguments go to it, e.g. batch=256 layersPerBlock=2)."})
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "classical", paramLabel = "SUITE", description = "Suite to run: classical, train, cnn.")
    String suite;

    @Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "cnn only: arguments of dana.nn.NnBench.")
    java.util.List<String> cnnArgs = new ArrayList<>();

    @Option(names = "--steps", defaultValue = "4", description = "train: timed steps per case, after the warm-up; the median is reported (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "train: untimed steps per case first (JIT compilation; default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--niter", defaultValue = "10", description = "train: cycles unrolled per step (default ${DEFAULT-VALUE}).")
    int niter;

    @Option(names = "--threads", defaultValue = "2", description = "train: network engine threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--cycles", defaultValue = "10000", description = "Cycles per timed run (default ${DEFAULT-VALUE}).")
    int cycles;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed runs per case; the median is reported (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (suite.equals("train")) return train();
        if (suite.equals("cnn")) {
            try {
                dana.nn.NnBench.main(cnnArgs.toArray(new String[0]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cnn: " + e.getMessage() + " (arguments are name=value: batch, nx, "
                        + "filters, blocks, layersPerBlock, kernel, threads, shards, seconds, runs, activation)", e);
            }
            return Main.EXIT_OK;
        }
        if (!suite.equals("classical")) {
            throw new IllegalArgumentException("suite: unknown benchmark suite '" + suite + "'; allowed: classical, train, cnn");
        }
        if (!cnnArgs.isEmpty()) throw new IllegalArgumentException("suite: extra arguments are for 'cnn' only: " + cnnArgs);
        if (cycles < 100) throw new IllegalArgumentException("cycles: must be >= 100 for a meaningful timing, got " + cycles);
        if (repeats < 1) throw new IllegalArgumentException("repeats: must be >= 1, got " + repeats);
        TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr(), "bench", TerminalProgress.wanted(quiet));
        List<ClassicalBench.Case> cases = ClassicalBench.run(cycles, repeats, progress);
        progress.finish();
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("suite", suite);
            root.put("cycles", cycles);
            root.put("repeats", repeats);
            root.put("java", Runtime.version().toString());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ClassicalBench.Case c : cases) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("case", c.name());
                row.put("members", c.members());
                row.put("cycles_per_second", Math.round(c.cyclesPerSecond()));
                row.put("best_cycles_per_second", Math.round(c.best()));
                row.put("microseconds_per_cycle", c.microsPerCycle());
                row.put("cycles_per_cpu_second", Math.round(c.cyclesPerCpuSecond()));
                row.put("cost_vs_forecast_only", c.microsPerCycle() / baseline(cases, c.members()));
                rows.add(row);
            }
            root.put("results", rows);
            out.println(Json.compact(root));
        } else {
            out.printf(Locale.ROOT, "classical filters, standard L96 configuration, 1 thread, %d cycles x %d repeats (median)%n",
                    cycles, repeats);
            int width = 4;
            for (ClassicalBench.Case c : cases) width = Math.max(width, c.name().length());
            String head = "%-" + width + "s %10s %12s %10s %12s%n", row = "%-" + width + "s %10.0f %12.0f %10.1f %12.1f%n";
            out.printf(Locale.ROOT, head, "case", "cycles/s", "cycles/cpu-s", "us/cycle", "x forecast");
            for (ClassicalBench.Case c : cases) {
                out.printf(Locale.ROOT, row, c.name(), c.cyclesPerSecond(),
                        c.cyclesPerCpuSecond(), c.microsPerCycle(), c.microsPerCycle() / baseline(cases, c.members()));
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private int train() {
        if (steps < 1) throw new IllegalArgumentException("steps: must be >= 1, got " + steps);
        if (warmup < 0) throw new IllegalArgumentException("warmup: must be >= 0, got " + warmup);
        if (niter < 1) throw new IllegalArgumentException("niter: must be >= 1, got " + niter);
        if (threads < 1) throw new IllegalArgumentException("threads: must be >= 1, got " + threads);
        if (!cnnArgs.isEmpty()) throw new IllegalArgumentException("suite: extra arguments are for 'cnn' only: " + cnnArgs);
        TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr(), "bench train", TerminalProgress.wanted(quiet));
        List<dana.train.TrainBench.Case> cases;
        try {
            cases = dana.train.TrainBench.run(dana.train.TrainBench.defaultCases(), niter, threads, warmup, steps, progress);
        } finally {
            progress.finish();
        }
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("suite", suite);
            root.put("niter", niter);
            root.put("threads", threads);
            root.put("warmup_steps", warmup);
            root.put("timed_steps", steps);
            root.put("java", Runtime.version().toString());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (dana.train.TrainBench.Case c : cases) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("batch", c.batch());
                row.put("layers_per_block", c.layersPerBlock());
                row.put("parameters", c.parameters());
                row.put("seconds_per_step", c.medianSeconds());
                row.put("sample_cycles_per_second", Math.round(c.sampleCyclesPerSecond()));
                row.put("best_sample_cycles_per_second", Math.round(c.bestSampleCyclesPerSecond()));
                rows.add(row);
            }
            root.put("results", rows);
            out.println(Json.compact(root));
        } else {
            out.printf(Locale.ROOT, "training steps of the learned analysis: L96 Nx=40, Nf=40 Nb=5 K=5 GELU, Ne=1, Niter=%d, "
                    + "%d thread%s, median of %d steps after %d of warm-up%n", niter, threads, threads == 1 ? "" : "s", steps, warmup);
            out.printf(Locale.ROOT, "%-6s %4s %11s %9s %18s %10s%n", "batch", "Nsb", "parameters", "s/step", "sample-cycles/s", "best");
            for (dana.train.TrainBench.Case c : cases) {
                out.printf(Locale.ROOT, "%-6d %4d %11d %9.3f %18.0f %10.0f%n", c.batch(), c.layersPerBlock(), c.parameters(),
                        c.medianSeconds(), c.sampleCyclesPerSecond(), c.bestSampleCyclesPerSecond());
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** Time per cycle of the forecast alone for this ensemble size. */
    private static double baseline(List<ClassicalBench.Case> cases, int members) {
        for (ClassicalBench.Case c : cases) {
            if (c.name().startsWith(ClassicalBench.BASELINE) && c.members() == members) return c.microsPerCycle();
        }
        return Double.NaN;
    }
}
