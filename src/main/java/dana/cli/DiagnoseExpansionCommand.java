package dana.cli;

import dana.diagnose.ExpansionDiagnostic;
import dana.diagnose.ExpansionReport;
import dana.diagnose.ExpansionResult;
import dana.diagnose.LeastSquaresGain;
import dana.diagnose.SampledCycles;
import dana.experiment.Json;
import dana.filter.Analysis;
import dana.filter.EnkfN;
import dana.filter.Method;
import dana.filter.MethodSpec;
import dana.filter.Methods;
import dana.model.Lorenz96;
import dana.nn.NetworkFile;
import dana.run.RunSpec;
import dana.run.Runner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dana diagnose expansion}: the network's bias, gain and implied P^a along a DA run, against an EnKF. */
@Command(name = "expansion", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Expands the learned analysis a(x, zeta) around zeta = 0 at the forecasts of a DA run with the "
                + "network: bias b_k = ||a(x^f_k, 0)||/sqrt(Nx), gain G = da/dzeta (exact, and by least squares over "
                + "sampled innovations), implied P^a = G; its time-mean eigenvalues against the analysis covariance "
                + "of an ensemble filter on the same truth and observations. Table on stdout, CSV, PNG and JSON "
                + "files in the output directory."})
final class DiagnoseExpansionCommand implements Callable<Integer> {

    @Mixin
    DiagnoseRun run;

    @Option(names = "--cycles", defaultValue = "5500", paramLabel = "K", description = "Analysis cycles (>= 1). Default: ${DEFAULT-VALUE}.")
    int cycles;

    @Option(names = "--burn-in", defaultValue = "500", paramLabel = "B", description = "Cycles before the first sample (0 <= B < cycles). Default: ${DEFAULT-VALUE}.")
    int burnIn;

    @Option(names = "--every", defaultValue = "50", paramLabel = "K", description = "Sample every K-th cycle after the burn-in (>= 1). Default: ${DEFAULT-VALUE}.")
    int every;

    @Option(names = "--samples", defaultValue = "500", paramLabel = "NP",
            description = "Innovations per sampled cycle for the least-squares gain (>= Nx + 1; 0 = none). Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--reference", defaultValue = "enkf-n", paramLabel = "METHOD",
            description = "The ensemble filter to compare with: enkf-n | etkf. Default: ${DEFAULT-VALUE}.")
    String reference;

    @Option(names = "--reference-members", defaultValue = "40", paramLabel = "N",
            description = "Its ensemble size (>= 2). Default: ${DEFAULT-VALUE}.")
    int referenceMembers;

    @Option(names = "--reference-inflation", defaultValue = "1.0", paramLabel = "X",
            description = "Its multiplicative inflation (etkf; >= 1). Default: ${DEFAULT-VALUE}.")
    double referenceInflation;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RunSpec dan = run.spec(cycles, burnIn);
        SampledCycles when = DiagnoseRun.sampling(dan, every);
        if (samples != 0 && samples < LeastSquaresGain.minimumSamples(run.nx)) {
            throw new IllegalArgumentException("samples: the least-squares gain needs >= Nx + 1 = "
                    + LeastSquaresGain.minimumSamples(run.nx) + " innovations (or 0 for none), got " + samples);
        }
        Method m = Method.parse(reference);
        if (m != Method.ENKF_N && m != Method.ETKF) {
            throw new IllegalArgumentException("reference: must be enkf-n or etkf, got '" + reference + "'");
        }
        MethodSpec refSpec = new MethodSpec(m, referenceMembers, referenceInflation, false, Double.POSITIVE_INFINITY,
                1.0, EnkfN.Variant.DEFAULT.cliName());
        DiagnoseRun.Loaded net = run.load(dan);
        Runner runner = new Runner();
        Analysis ref = Methods.create(refSpec, new Lorenz96(dan.model()), runner.climatology(dan.model()), dan.seed());
        PrintWriter out = spec.commandLine().getOut();
        boolean show = TerminalProgress.wanted(run.quiet);
        TerminalProgress p1 = new TerminalProgress(spec.commandLine().getErr(), "dan + expansion", show);
        TerminalProgress p2 = new TerminalProgress(spec.commandLine().getErr(), refSpec.method().cliName(), show);
        ExpansionResult r;
        try {
            r = ExpansionDiagnostic.run(runner, dan, net.analysis(), net.map(), ref, refSpec, when, samples,
                    Runner.DIVERGENCE_FACTOR, p1, p2);
        } finally {
            p1.finish();
            p2.finish();
        }
        ExpansionReport.Labels labels = new ExpansionReport.Labels("dan " + NetworkFile.nameOf(net.file()),
                refSpec.method().cliName() + ", " + referenceMembers + " members", net.file());
        Path dir = run.dir();
        Map<Path, byte[]> files = ExpansionReport.files(dir, r, labels, when);
        DiagnoseRun.write(files);
        out.print(run.json ? Json.compact(ExpansionReport.summary(r, labels, when)) + "\n"
                : ExpansionReport.table(r, labels, when, cycles) + "  files: " + dir + "/expansion-*\n");
        out.flush();
        return Main.EXIT_OK;
    }
}
