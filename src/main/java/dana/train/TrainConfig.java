package dana.train;

import dana.model.Lorenz96Params;
import dana.obs.ObservationOperators;
import java.util.regex.Pattern;

/**
 * A training run, fully resolved and validated: the twin-experiment set-up the network learns on (model,
 * observation operator, sigma), the network, the training, the validation and the checkpoint interval.
 */
public record TrainConfig(String name, Lorenz96Params model, String obs, double sigma, NetworkSpec network,
                          TrainingSpec training, ValidationSpec validation, int checkpointEvery) {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public TrainConfig {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: must be letters, digits, '.', '_' or '-' (it names the output directory), got '" + name + "'");
        }
        if (model == null) throw new IllegalArgumentException("model: missing");
        if (obs == null) throw new IllegalArgumentException("obs: missing; allowed: " + ObservationOperators.ALLOWED);
        ObservationOperators.parse(obs, model.nx(), 0);
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma: must be > 0 (observation error standard deviation), got " + sigma);
        }
        if (network == null) throw new IllegalArgumentException("network: missing");
        if (training == null) throw new IllegalArgumentException("training: missing");
        if (validation == null) throw new IllegalArgumentException("validation: missing");
        if (checkpointEvery < 1) throw new IllegalArgumentException("checkpoint_every: must be >= 1 step, got " + checkpointEvery);
    }

    /** True when the network gets the observation-precision channel (the operator is not the identity). */
    public boolean precisionChannel() {
        return dana.dan.DanLayout.needsPrecisionChannel(ObservationOperators.parse(obs, model.nx(), 0));
    }
}
