package dana.cli;

import dana.train.Outcome;
import dana.train.TrainConfig;
import dana.train.TrainConfigParser;
import dana.train.Trainer;
import dana.train.TrainingStoppedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dana train FILE.yaml}: trains the learned analysis (docs/dan.md). The file is read and validated
 * completely before anything is written; a run continues from its latest checkpoint with --resume.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains the learned analysis (a residual CNN, 'dan') by backpropagation through unrolled DA "
                + "cycles on an online pool of Lorenz-96 trajectories; validates it by DA runs on held-out seeds; "
                + "writes checkpoints, a log, curves and the final network (use it with 'dana assimilate --method dan "
                + "--network DIR/network.dann').", "The file format is in docs/dan.md."})
final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The training file (YAML).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory. Default: results/<name>.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in the directory from its latest checkpoint "
            + "(bit for bit as if it had not stopped); the file must be the one the run started with.")
    boolean resume;

    @Option(names = "--quiet", description = "No progress line on the terminal.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TrainConfig config = TrainConfigParser.read(file);
        Path dir = out != null ? out : Path.of("results", config.name());
        String command = "dana train " + file + " --out " + dir + (resume ? " --resume" : "");
        PrintWriter stdout = spec.commandLine().getOut(), stderr = spec.commandLine().getErr();
        TrainProgress progress = new TrainProgress(stdout, stderr, TerminalProgress.wanted(quiet));
        Outcome o;
        try (Trainer trainer = resume ? Trainer.resume(config, dir, progress, command)
                : Trainer.start(config, dir, progress, command)) {
            o = trainer.run();
        } catch (TrainingStoppedException e) {
            progress.clear();
            stderr.println("dana: " + e.getMessage());
            stderr.flush();
            return Main.EXIT_FAILURE;
        } finally {
            progress.clear();
        }
        stdout.printf(Locale.ROOT, "trained %d steps in %.1f min of training (%.1f min wall), %.0f sample-cycles/s%n",
                o.steps(), o.trainSeconds() / 60, o.wallSeconds() / 60, o.sampleCyclesPerSecond());
        stdout.printf(Locale.ROOT, "validation aRMSE %s%n", Double.isNaN(o.validationRmse()) ? "-"
                : Double.isInfinite(o.validationRmse()) ? "diverged" : String.format(Locale.ROOT, "%.4f", o.validationRmse()));
        stdout.println("network: " + o.network());
        stdout.println("results: " + dir);
        stdout.flush();
        return Main.EXIT_OK;
    }
}
