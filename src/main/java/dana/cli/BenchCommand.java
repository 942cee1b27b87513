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
        description = {"Measure speed: 'classical' = cycles/s of EnKF-N, ETKF, LETKF, 3D-Var (single thread);",
                "'cnn' = GFLOP/s of the residual CNN forward+backward (arguments name=value, e.g. batch=256 threads=2)."})
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "classical", paramLabel = "SUITE", description = "Suite to run: classical | cnn.")
    String suite;

    @Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "cnn only: batch, nx, filters, blocks, "
            + "layersPerBlock, kernel, threads, seconds, runs.")
    java.util.List<String> cnnArguments = new ArrayList<>();

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
        if (suite.equals("cnn")) {
            dana.nn.NnBench.main(cnnArguments.toArray(new String[0]));
            return Main.EXIT_OK;
        }
        if (!suite.equals("classical")) {
            throw new IllegalArgumentException("suite: unknown benchmark suite '" + suite + "'; allowed: classical, cnn");
        }
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
            out.printf(Locale.ROOT, "%-52s %10s %12s %10s %12s%n", "case", "cycles/s", "cycles/cpu-s", "us/cycle", "x forecast");
            for (ClassicalBench.Case c : cases) {
                out.printf(Locale.ROOT, "%-52s %10.0f %12.0f %10.1f %12.1f%n", c.name(), c.cyclesPerSecond(),
                        c.cyclesPerCpuSecond(), c.microsPerCycle(), c.microsPerCycle() / baseline(cases, c.members()));
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
