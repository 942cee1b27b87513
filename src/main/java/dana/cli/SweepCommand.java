package dana.cli;

import dana.experiment.Json;
import dana.run.Runner;
import dana.sweep.SweepConfig;
import dana.sweep.SweepParser;
import dana.sweep.SweepResult;
import dana.sweep.SweepRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dana sweep FILE.yaml}: one network trained and evaluated per value of a training or twin parameter,
 * beside classical references (docs/sweeps.md). The file and the output directory are checked completely
 * before anything runs; a restarted sweep skips its finished points and resumes the others.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sensitivity sweep of the learned analysis (format: docs/sweeps.md): for each value of one "
                + "parameter (pool, batch, niter, steps, filters, blocks, layers_per_block, members, sigma, fraction), "
                + "trains a network from the base training file with a reduced budget, then evaluates it and the "
                + "classical references over the seeds. Points run side by side on the threads; every point is resumable: "
                + "run the same command again after an interruption.",
            "Writes sweep.resolved.yaml, points/PARAM=VALUE/ (a training run and its evaluation), summary.csv, "
                + "summary.json and rmse-vs-PARAM.png under the output directory."})
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The sweep file (YAML).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory. Default: results/<name> "
            + "(the same for every session, so that running the command again resumes the sweep).")
    Path out;

    @Option(names = "--short", description = "Apply the file's 'short' block (fewer values, steps, cycles and seeds): a quick check.")
    boolean shortMode;

    @Option(names = "--threads", paramLabel = "T", description = "Threads of the whole sweep (>= 1); points run side "
            + "by side, each on threads_per_point of them. Default: the number of processors.")
    Integer threads;

    @Option(names = "--json", description = "Print the summary (the content of summary.json) on stdout instead of the table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (t < 1) throw new IllegalArgumentException("threads: must be >= 1, got " + t);
        SweepConfig config = SweepParser.read(file, shortMode, t);
        Path dir = out != null ? out : Path.of("results", config.name() + (shortMode ? "-short" : ""));
        PrintWriter stdout = spec.commandLine().getOut(), stderr = spec.commandLine().getErr();
        String version = new Main.Version().getVersion()[0];
        List<String> header = List.of(
                "Resolved by " + version + " from " + file + (shortMode ? " with --short" : "") + " on "
                        + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + ".",
                "Continue or repeat it with: dana sweep " + dir.resolve("sweep.resolved.yaml") + " --out " + dir);
        SweepResult result = new SweepRunner(new Runner(), t).run(config, dir, new SweepProgress(stderr, !quiet), header);
        if (json) {
            stdout.print(Json.pretty(dana.sweep.SweepWriter.summary(result)) + "\n");
        } else {
            stdout.print(SweepTable.render(result, t));
            stdout.println("results: " + dir);
        }
        stdout.flush();
        if (!result.failures().isEmpty()) {
            SweepResult.Failure f = result.failures().get(0);
            stderr.println("dana: " + result.failures().size() + " point" + (result.failures().size() == 1 ? "" : "s")
                    + " failed, first " + f.label() + ": " + ErrorHandler.oneLine(f.message()));
            stderr.flush();
            return Main.EXIT_FAILURE;
        }
        return Main.EXIT_OK;
    }
}
