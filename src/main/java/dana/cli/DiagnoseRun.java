package dana.cli;

import dana.dan.DanAnalysis;
import dana.dan.DanNetworks;
import dana.diagnose.NetworkIncrement;
import dana.diagnose.SampledCycles;
import dana.experiment.AtomicFiles;
import dana.experiment.Defaults;
import dana.filter.MethodSpec;
import dana.model.Lorenz96Params;
import dana.nn.EngineOptions;
import dana.nn.NetworkFile;
import dana.nn.ResidualCnn;
import dana.obs.ObservationOperators;
import dana.run.RunSpec;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options both diagnostics share (a picocli mixin): the network, the twin experiment it runs on (standard
 * L96, H = I, R = sigma^2 I, as 'dana assimilate --method dan'), the sampling of cycles, threads and outputs.
 * Every check names its option.
 */
final class DiagnoseRun {

    @Option(names = "--network", paramLabel = "FILE", description = "Required: the network file (written by 'dana train').")
    String network;

    @Option(names = "--nx", defaultValue = "" + Defaults.NX, paramLabel = "N",
            description = "Number of state variables (>= 4). Default: ${DEFAULT-VALUE}.")
    int nx;

    @Option(names = "--sigma", defaultValue = "" + Defaults.SIGMA, paramLabel = "S",
            description = "Observation error standard deviation, R = S^2 I (> 0). Default: ${DEFAULT-VALUE}.")
    double sigma;

    @Option(names = "--seed", defaultValue = "" + Defaults.SEED, paramLabel = "S",
            description = "Seed of the truth, the observations and the sampled innovations. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "T",
            description = "Threads of the network engine (>= 1); the results do not depend on it. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory. Default: results/diagnose-<network name> (the run directory's name for a trained network.dann).")
    Path out;

    @Option(names = "--json", description = "Print the JSON summary on stdout instead of the table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress line on the terminal.")
    boolean quiet;

    /** The network, checked, with its analysis and its increment map sharing one engine. */
    record Loaded(String file, DanAnalysis analysis, NetworkIncrement map) {
    }

    RunSpec spec(int cycles, int burnIn) {
        if (network == null || network.isBlank()) {
            throw new IllegalArgumentException("network: missing (--network FILE)");
        }
        if (threads < 1 || threads > 256) throw new IllegalArgumentException("threads: must be in [1, 256], got " + threads);
        Lorenz96Params model = new Lorenz96Params(nx, Defaults.FORCING, Defaults.DT, Defaults.STEPS_PER_CYCLE);
        return new RunSpec(model, "identity", sigma, MethodSpec.dan(1, network), cycles, burnIn, seed,
                Defaults.INIT_SPREAD, Defaults.SPIN_UP);
    }

    static SampledCycles sampling(RunSpec spec, int every) {
        SampledCycles when = new SampledCycles(spec.burnIn(), every);
        if (when.count(spec.cycles()) < 1) {
            throw new IllegalArgumentException("every: no cycle sampled: (cycles - burn-in) / every = ("
                    + spec.cycles() + " - " + spec.burnIn() + ") / " + every + " < 1");
        }
        return when;
    }

    Loaded load(RunSpec spec) {
        DanNetworks.Loaded l = DanNetworks.load(Path.of(network), null,
                ObservationOperators.parse("identity", spec.model().nx(), spec.seed()));
        ResidualCnn net = l.contents().toNetwork(EngineOptions.defaults().withThreads(threads));
        try {
            NetworkIncrement map = new NetworkIncrement(net, l.layout(), spec.model().nx());
            return new Loaded(network, new DanAnalysis(net, l.layout(), spec.model().nx()), map);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(network + ": " + e.getMessage());
        }
    }

    Path dir() {
        if (out != null) return out;
        // Every trained network is <run directory>/network.dann: name it by its directory, or two diagnosed networks
        // would share (and overwrite) results/diagnose-network.
        return Path.of("results", "diagnose-" + NetworkFile.nameOf(network));
    }

    static void write(Map<Path, byte[]> files) {
        for (Map.Entry<Path, byte[]> f : files.entrySet()) AtomicFiles.write(f.getKey(), f.getValue());
    }
}
