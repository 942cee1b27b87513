package dana.cli;

import dana.diagnose.SampledCycles;
import dana.diagnose.SensitivityDiagnostic;
import dana.diagnose.SensitivityReport;
import dana.diagnose.SensitivityResult;
import dana.experiment.Json;
import dana.nn.NetworkFile;
import dana.run.RunSpec;
import dana.run.Runner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dana diagnose sensitivity}: the locality tensor of the network, folded by translation invariance. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The locality of the learned analysis: S(p, q) = < d^2 a_i / dx_{i+p} dzeta_{i+q} at zeta = 0 >, "
                + "the mixed second derivatives averaged over the grid points i and the forecasts of a DA run with the "
                + "network, with their root mean square. Table on stdout, CSV, heat-map PNG and JSON files. Costs 2 Nx "
                + "gains (2 Nx^2 network forward and backward passes) per sampled cycle."})
final class DiagnoseSensitivityCommand implements Callable<Integer> {

    @Mixin
    DiagnoseRun run;

    @Option(names = "--cycles", defaultValue = "2500", paramLabel = "K", description = "Analysis cycles (>= 1). Default: ${DEFAULT-VALUE}.")
    int cycles;

    @Option(names = "--burn-in", defaultValue = "500", paramLabel = "B", description = "Cycles before the first sample (0 <= B < cycles). Default: ${DEFAULT-VALUE}.")
    int burnIn;

    @Option(names = "--every", defaultValue = "100", paramLabel = "K", description = "Sample every K-th cycle after the burn-in (>= 1). Default: ${DEFAULT-VALUE}.")
    int every;

    @Option(names = "--step", defaultValue = "0.02", paramLabel = "H",
            description = "Central-difference step in x for the derivative of the exact gain (> 0). Default: ${DEFAULT-VALUE}.")
    double step;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RunSpec dan = run.spec(cycles, burnIn);
        SampledCycles when = DiagnoseRun.sampling(dan, every);
        if (!(step > 0) || !Double.isFinite(step)) throw new IllegalArgumentException("step: must be > 0, got " + step);
        DiagnoseRun.Loaded net = run.load(dan);
        PrintWriter out = spec.commandLine().getOut();
        TerminalProgress p = new TerminalProgress(spec.commandLine().getErr(), "dan + sensitivity",
                TerminalProgress.wanted(run.quiet));
        SensitivityResult r;
        try {
            r = SensitivityDiagnostic.run(new Runner(), dan, net.analysis(), net.map(), when, step,
                    Runner.DIVERGENCE_FACTOR, p);
        } finally {
            p.finish();
        }
        Path dir = run.dir();
        String label = "dan " + NetworkFile.nameOf(net.file());
        DiagnoseRun.write(SensitivityReport.files(dir, r, label, net.file(), when));
        out.print(run.json ? Json.compact(SensitivityReport.summary(r, net.file(), when)) + "\n"
                : SensitivityReport.table(r, label, when, cycles) + "  files: " + dir + "/sensitivity*\n");
        out.flush();
        return Main.EXIT_OK;
    }
}
