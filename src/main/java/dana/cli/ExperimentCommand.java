package dana.cli;

import dana.experiment.ExperimentConfig;
import dana.experiment.ExperimentParser;
import dana.experiment.ExperimentResult;
import dana.experiment.ExperimentRunner;
import dana.experiment.ExperimentWriter;
import dana.experiment.FinishedRuns;
import dana.experiment.Json;
import dana.experiment.ResultFields;
import dana.run.Runner;
import java.io.PrintWriter;
import java.nio.file.Files;
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
 * {@code dana experiment FILE.yaml}: every configuration of the file with every seed, in parallel; prints one
 * table row per configuration and writes the results directory. The file is read and validated completely
 * before anything runs; each run is kept under runs/ the moment it finishes (what {@code --resume} reads back), and
 * the summaries, series and plots are written once every run has finished.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the experiment described by a YAML file (format: docs/cli.md): a grid of runs x seeds "
                + "on a fixed pool of threads, each run on one thread, so the results do not depend on the thread count.",
            "Writes config.resolved.yaml, summary.json, summary.csv, series/*.csv and plots/*.png under the output directory, "
                + "and each run as it finishes under runs/, so that --resume continues an interrupted experiment."})
final class ExperimentCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The experiment file (YAML).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory. Default: results/<name>-<yyyyMMdd-HHmmss>.")
    Path out;

    @Option(names = "--short", description = "Apply the file's 'short' block (fewer cycles and seeds): a quick check.")
    boolean shortMode;

    @Option(names = "--resume", description = "Reuse the runs an earlier, interrupted or partial, experiment finished in "
            + "--out DIR (DIR/runs/): a run with the same settings, seed and network file is read back, not recomputed.")
    boolean resume;

    @Option(names = "--threads", paramLabel = "T",
            description = "Runs in parallel (>= 1). Default: the number of processors.")
    Integer threads;

    @Option(names = "--json", description = "Print the summary (the content of summary.json) on stdout instead of the table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress line and no closing note on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        ExperimentConfig config = ExperimentParser.read(file, shortMode);
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (t < 1) throw new IllegalArgumentException("threads: must be >= 1, got " + t);
        if (resume && out == null) {
            throw new IllegalArgumentException("resume: needs --out DIR, the directory of the experiment to continue");
        }
        LocalDateTime started = LocalDateTime.now();
        Path dir = out != null ? out : defaultDirectory(config.name(), started);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("out: " + dir + " exists and is not a directory");
        }
        PrintWriter stdout = spec.commandLine().getOut(), stderr = spec.commandLine().getErr();
        TerminalProgress progress = new TerminalProgress(stderr, config.name(), TerminalProgress.wanted(quiet));
        ExperimentResult result;
        try {
            result = new ExperimentRunner(new Runner(), t).run(config, progress, FinishedRuns.in(dir, resume));
        } finally {
            progress.finish();
        }
        String version = new Main.Version().getVersion()[0];
        List<String> header = List.of(
                "Resolved by " + version + " from " + file + (shortMode ? " with --short" : "") + " on " + started.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + ".",
                "Every run is explicit; repeat it with: dana experiment " + dir.resolve("config.resolved.yaml"));
        ExperimentWriter.write(dir, result, header);
        if (json) {
            stdout.print(Json.pretty(ResultFields.experiment(result)) + "\n");
            if (!quiet) stderr.println("dana: results in " + dir);
        } else {
            stdout.print(SummaryTable.render(result, t));
            stdout.println("results: " + dir);
        }
        stdout.flush();
        stderr.flush();
        return Main.EXIT_OK;
    }

    /** results/NAME-TIMESTAMP, with -2, -3, ... if an experiment of that name started in the same second. */
    static Path defaultDirectory(String name, LocalDateTime started) {
        Path base = Path.of("results", name + "-" + started.format(STAMP));
        Path p = base;
        for (int k = 2; Files.exists(p); k++) p = Path.of(base + "-" + k);
        return p;
    }
}
