package dana.cli;

import dana.dan.DanNetworks;
import dana.experiment.Defaults;
import dana.experiment.Json;
import dana.experiment.ResultFields;
import dana.filter.EnkfN;
import dana.filter.IterativeSpec;
import dana.filter.Method;
import dana.filter.MethodSpec;
import dana.model.Lorenz96Params;
import dana.run.RunResult;
import dana.var.FourDVarConfig;
import dana.run.RunSpec;
import dana.run.Runner;
import dana.obs.ObservationOperators;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dana assimilate}: one twin experiment with one method, reported as a table or one JSON object. */
@Command(name = "assimilate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs one twin experiment on Lorenz-96: a truth run, its noisy observations, and a DA method "
                + "cycling forecasts and analyses. Reports the time-mean analysis and forecast RMSE and the ensemble "
                + "spread over the cycles after the burn-in.",
            "Defaults are the standard configuration: Nx=40, F=8, dt=0.05, 1 step per cycle, H=I, R=I."})
final class AssimilateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--method", paramLabel = "METHOD",
            description = "Required: climatology | oi | 3dvar | etkf | enkf | enkf-n | letkf | ienkf | ienks | 4dvar | dan")
    String method;

    @Option(names = "--network", paramLabel = "FILE",
            description = "The learned analysis's network file (dan; written by 'dana train').")
    String network;

    @Option(names = "--nx", defaultValue = "" + Defaults.NX, paramLabel = "N",
            description = "Number of state variables (>= 4). Default: ${DEFAULT-VALUE}.")
    int nx;

    @Option(names = "--forcing", defaultValue = "" + Defaults.FORCING, paramLabel = "F",
            description = "Forcing F of Lorenz-96. Default: ${DEFAULT-VALUE}.")
    double forcing;

    @Option(names = "--dt", defaultValue = "" + Defaults.DT, paramLabel = "DT",
            description = "RK4 time step (> 0). Default: ${DEFAULT-VALUE}.")
    double dt;

    @Option(names = "--steps-per-cycle", defaultValue = "" + Defaults.STEPS_PER_CYCLE, paramLabel = "K",
            description = "RK4 steps between analyses (>= 1). Default: ${DEFAULT-VALUE}.")
    int stepsPerCycle;

    @Option(names = "--obs", defaultValue = Defaults.OBS, paramLabel = "SPEC",
            description = "Observed variables: identity | every:K | subset:FRACTION (fixed random subset) | "
                    + "random:FRACTION (new random mask each cycle). Default: ${DEFAULT-VALUE}.")
    String obs;

    @Option(names = "--sigma", defaultValue = "" + Defaults.SIGMA, paramLabel = "S",
            description = "Observation error standard deviation, R = S^2 I (> 0). Default: ${DEFAULT-VALUE}.")
    double sigma;

    @Option(names = "--members", paramLabel = "N",
            description = "Ensemble size (ensemble methods: >= 2, default " + Defaults.MEMBERS + "; dan: >= 1, "
                    + "default the size the network was trained with).")
    Integer members;

    @Option(names = "--inflation", defaultValue = "" + Defaults.INFLATION, paramLabel = "X",
            description = "Multiplicative inflation of the forecast anomalies (>= 1; etkf, enkf, letkf; ienkf/ienks: of the "
                    + "prior anomalies at the window's start). Default: ${DEFAULT-VALUE}.")
    double inflation;

    @Option(names = "--rotate", description = "Random mean-preserving rotation of the analysis anomalies (etkf, enkf-n).")
    boolean rotate;

    @Option(names = "--radius", defaultValue = "Infinity", paramLabel = "R", converter = InfinityDoubleConverter.class,
            description = "LETKF localisation length in grid points (> 0; inf = none). Default: ${DEFAULT-VALUE}.")
    double radius;

    @Option(names = "--alpha", paramLabel = "A",
            description = "B = A x climatological covariance (3dvar, 4dvar, oi; > 0). Default: 0.02 for 3dvar and 4dvar, 1 for oi.")
    Double alpha;

    @Option(names = "--variant", paramLabel = "V",
            description = "EnKF-N hyperprior: jeffreys | mode-corrected | mode-corrected-x2. Default: mode-corrected-x2 "
                    + "(enkf-n); none, i.e. the given inflation only (ienkf, ienks).")
    String variant;

    @Option(names = "--lag", defaultValue = "1", paramLabel = "L",
            description = "ienks, 4dvar: window length in cycles (>= 1, at most --cycles). Default: ${DEFAULT-VALUE}.")
    int lag;

    @Option(names = "--shift", paramLabel = "S",
            description = "ienks, 4dvar: cycles the window moves per step (1 <= S <= lag). Default: 1.")
    Integer shift;

    @Option(names = "--iterations", defaultValue = "" + IterativeSpec.DEFAULT_ITERATIONS, paramLabel = "K",
            description = "ienkf, ienks: most Gauss-Newton iterations per window; 4dvar: most outer Gauss-Newton loops "
                    + "(relinearisations) per window (>= 1). Default: ${DEFAULT-VALUE}.")
    int iterations;

    @Option(names = "--inner-iterations", defaultValue = "" + FourDVarConfig.DEFAULT_INNER_ITERATIONS, paramLabel = "K",
            description = "4dvar: most conjugate-gradient iterations per outer loop (>= 1). Default: ${DEFAULT-VALUE}.")
    int innerIterations;

    @Option(names = "--tolerance", paramLabel = "X",
            description = "ienkf, ienks: stop iterating when the increment is at most X prior standard deviations "
                    + "(>= 0; 0 = always run --iterations), default " + IterativeSpec.DEFAULT_TOLERANCE + "; 4dvar: "
                    + "relative tolerance in [0, 1) of the conjugate gradients (residual) and of the outer loops "
                    + "(gradient against its value at the background), default " + FourDVarConfig.DEFAULT_TOLERANCE + ".")
    Double tolerance;

    @Option(names = "--form", defaultValue = "transform", paramLabel = "F",
            description = "ienkf, ienks: transform (members x + T A) | bundle (finite differences, x + eps A). Default: ${DEFAULT-VALUE}.")
    String form;

    @Option(names = "--epsilon", defaultValue = "" + IterativeSpec.DEFAULT_EPSILON, paramLabel = "E",
            description = "ienkf, ienks, bundle form: the bundle scale (> 0). Default: ${DEFAULT-VALUE}.")
    double epsilon;

    @Option(names = "--mda", description = "ienks: multiple data assimilation (each observation in every window "
            + "containing it, weights summing to one) instead of single.")
    boolean mda;

    @Option(names = "--cycles", defaultValue = "" + Defaults.CYCLES, paramLabel = "K",
            description = "Analysis cycles (>= 1). Default: ${DEFAULT-VALUE}.")
    int cycles;

    @Option(names = "--burn-in", defaultValue = "" + Defaults.BURN_IN, paramLabel = "B",
            description = "Cycles left out of the statistics (0 <= B < cycles). Default: ${DEFAULT-VALUE}.")
    int burnIn;

    @Option(names = "--seed", defaultValue = "" + Defaults.SEED, paramLabel = "S",
            description = "Seed of the truth, the observations and every random draw of the method. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--init-spread", defaultValue = "" + Defaults.INIT_SPREAD, paramLabel = "S",
            description = "Standard deviation of the initial ensemble around the truth (>= 0). Default: ${DEFAULT-VALUE}.")
    double initSpread;

    @Option(names = "--spin-up", defaultValue = "" + Defaults.SPIN_UP, paramLabel = "K",
            description = "Cycles that bring the truth onto the attractor before cycle 0 (>= 0). Default: ${DEFAULT-VALUE}.")
    int spinUp;

    @Option(names = "--divergence-factor", defaultValue = "" + Runner.DIVERGENCE_FACTOR, paramLabel = "X",
            description = "The run diverged when the analysis RMSE exceeds X climatological standard deviations "
                    + "(or is not finite). The default only catches blow-ups: a filter that lost the truth sits near 1.4. "
                    + "Default: ${DEFAULT-VALUE}.")
    double divergenceFactor;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T",
            description = "Threads for the member forecasts (>= 1). The results do not depend on it; it pays off "
                    + "only for large ensembles or models. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--json", description = "Print exactly one JSON object on stdout instead of the table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress line on the terminal.")
    boolean quiet;

    @Override
    public Integer call() {
        RunSpec run = runSpec();
        if (threads < 1) throw new IllegalArgumentException("threads: must be >= 1, got " + threads);
        if (!(divergenceFactor > 0)) {
            throw new IllegalArgumentException("divergence-factor: must be > 0 (climatological standard deviations), got " + divergenceFactor);
        }
        PrintWriter out = spec.commandLine().getOut();
        TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr(), run.method().method().cliName(),
                TerminalProgress.wanted(quiet));
        RunResult result;
        try {
            result = new Runner().run(run, threads, progress, divergenceFactor);
        } finally {
            progress.finish();
        }
        out.print(json ? Json.compact(ResultFields.run(result)) + "\n" : RunTable.render(result, divergenceFactor));
        out.flush();
        return Main.EXIT_OK;
    }

    /** The options as a validated run; every check names the option. */
    RunSpec runSpec() {
        if (method == null) throw new IllegalArgumentException("method: missing (--method METHOD); allowed: " + Method.allowed());
        Method m = Method.parse(method);
        if (variant != null && !m.isIterative()) EnkfN.Variant.parse(variant);
        if (m != Method.DAN && network != null) {
            throw new IllegalArgumentException("network: --network is for --method dan only");
        }
        Lorenz96Params model = new Lorenz96Params(nx, forcing, dt, stepsPerCycle);
        int ne = members != null ? members : m == Method.DAN ? danMembers(model) : Defaults.MEMBERS;
        IterativeSpec it = m.isIterative()
                ? new IterativeSpec(lag, shift != null ? shift : 1, iterations,
                        tolerance != null ? tolerance : IterativeSpec.DEFAULT_TOLERANCE, IterativeSpec.parseBundle(form),
                        epsilon, mda)
                : null;
        FourDVarConfig var = m == Method.VAR4D
                ? new FourDVarConfig(lag, shift != null ? shift : 1, iterations, innerIterations,
                        tolerance != null ? tolerance : FourDVarConfig.DEFAULT_TOLERANCE)
                : null;
        MethodSpec ms = new MethodSpec(m, ne, inflation, rotate, radius,
                alpha != null ? alpha : MethodSpec.defaultAlpha(m), variant, network, it, var);
        RunSpec run = new RunSpec(model, obs, sigma, ms, cycles, burnIn, seed, initSpread, spinUp);
        if (m == Method.DAN) {
            // the network file is read and checked against the run before any work starts
            DanNetworks.load(Path.of(network), ne, ObservationOperators.parse(obs, nx, seed));
        }
        return run;
    }

    /** The ensemble size the network was trained with (the dan default), or 1 if the file cannot say. */
    private int danMembers(Lorenz96Params model) {
        if (network == null || network.isBlank()) {
            throw new IllegalArgumentException("network: dan needs a network file (--network FILE)");
        }
        return DanNetworks.load(Path.of(network), null, ObservationOperators.parse(obs, model.nx(), seed))
                .layout().members();
    }
}
