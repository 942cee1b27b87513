package dana.nn;

/**
 * Hyper-parameters of {@link Adam} (the learning rate comes from a {@link LearningRateSchedule} per step).
 *
 * @param beta1       decay of the first-moment average, in [0, 1)
 * @param beta2       decay of the second-moment average, in [0, 1)
 * @param epsilon     added to the root of the second moment, > 0
 * @param weightDecay decoupled weight decay (AdamW): each step multiplies the parameters by (1 - lr wd); 0 = off
 */
public record AdamConfig(double beta1, double beta2, double epsilon, double weightDecay) {

    public AdamConfig {
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and > 0, got " + epsilon);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and >= 0, got " + weightDecay);
        }
    }

    /** beta1 0.9, beta2 0.999, epsilon 1e-8, no weight decay. */
    public static AdamConfig defaults() {
        return new AdamConfig(0.9, 0.999, 1e-8, 0);
    }
}
