package dana.train;

import dana.dan.DanLayout;
import dana.model.Lorenz96Params;
import dana.obs.ObservationOperators;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A training run, fully resolved and validated: the twin-experiment set-up the network learns on (model,
 * observation operator, sigma), the grid sizes it trains at, the network, the training, the validation and the
 * checkpoint interval.
 *
 * @param model the model (forcing, dt, steps per cycle) at the grid size of the validation runs
 * @param nx    the grid sizes Nx the training draws from, one per step (a single one: the plain training); the
 *              convolutions are the same at every Nx, so one set of weights trains on all of them
 */
public record TrainConfig(String name, Lorenz96Params model, List<Integer> nx, String obs, double sigma,
                          NetworkSpec network, TrainingSpec training, ValidationSpec validation, int checkpointEvery) {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public TrainConfig {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: must be letters, digits, '.', '_' or '-' (it names the output directory), got '" + name + "'");
        }
        if (model == null) throw new IllegalArgumentException("model: missing");
        if (nx == null || nx.isEmpty()) {
            throw new IllegalArgumentException("model.nx: needs at least one grid size (a number, or a list such as [20, 40, 80])");
        }
        for (int i = 0; i < nx.size(); i++) {
            int n = nx.get(i);
            if (n < 4) {
                throw new IllegalArgumentException("model.nx" + (nx.size() > 1 ? "[" + i + "]" : "")
                        + ": must be >= 4 (the L96 stencil spans 4 points), got " + n);
            }
        }
        if (new HashSet<>(nx).size() != nx.size()) throw new IllegalArgumentException("model.nx: the grid sizes must be distinct, got " + nx);
        nx = List.copyOf(nx);
        if (obs == null) throw new IllegalArgumentException("obs: missing; allowed: " + ObservationOperators.ALLOWED);
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma: must be > 0 (observation error standard deviation), got " + sigma);
        }
        if (network == null) throw new IllegalArgumentException("network: missing");
        if (training == null) throw new IllegalArgumentException("training: missing");
        if (validation == null) throw new IllegalArgumentException("validation: missing");
        if (checkpointEvery < 1) throw new IllegalArgumentException("checkpoint_every: must be >= 1 step, got " + checkpointEvery);
        // the network's input channels must not depend on Nx: the operator observes everything at every size, or
        // at none (a size where e.g. subset:0.99 rounds to every point would drop the precision channel)
        boolean precision = precisionAt(obs, model.nx());
        for (int n : nx) {
            if (precisionAt(obs, n) != precision) {
                throw new IllegalArgumentException("obs: '" + obs + "' observes every variable at Nx = "
                        + (precision ? n : model.nx()) + " but not at Nx = " + (precision ? model.nx() : n)
                        + ", so the network's input channels would differ between grid sizes; choose another operator");
            }
        }
    }

    /** A training at one grid size, validated at the same size: the plain training. */
    public TrainConfig(String name, Lorenz96Params model, String obs, double sigma, NetworkSpec network,
                       TrainingSpec training, ValidationSpec validation, int checkpointEvery) {
        this(name, model, List.of(model.nx()), obs, sigma, network, training, validation, checkpointEvery);
    }

    /** True when the network gets the observation-precision channel (the operator is not the identity). */
    public boolean precisionChannel() {
        return precisionAt(obs, model.nx());
    }

    /** True when the training draws a grid size per step. */
    public boolean multipleSizes() {
        return nx.size() > 1;
    }

    /** The model at grid size {@code n}. */
    public Lorenz96Params modelAt(int n) {
        return new Lorenz96Params(n, model.forcing(), model.dt(), model.stepsPerCycle());
    }

    private static boolean precisionAt(String obs, int n) {
        return DanLayout.needsPrecisionChannel(ObservationOperators.parse(obs, n, 0));
    }
}
