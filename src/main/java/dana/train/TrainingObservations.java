package dana.train;

import dana.obs.Observation;
import dana.obs.ObservationOperator;
import dana.obs.ObservationOperators;
import dana.util.Seeds;
import java.util.SplittableRandom;

/**
 * Observations of the training trajectories, drawn on the fly: y = H x^t + N(0, sigma^2 I) with the configured
 * operator. Every draw is a pure function of (seed, trajectory slot, generation, cycle): the operator of a
 * trajectory is seeded from (slot, generation), so random subsets and time-varying masks differ between
 * trajectories as they differ between twin experiments, and the noise of a cycle comes from its own stream.
 * Nothing here has a state, which is what lets a resumed run draw exactly what the uninterrupted one drew.
 */
final class TrainingObservations {

    private final String spec;
    private final int nx;
    private final double sigma;
    private final long seed;
    /** The identity (or any fixed full selection) is shared: it does not depend on the trajectory. */
    private final ObservationOperator shared;

    TrainingObservations(String spec, int nx, double sigma, long seed) {
        this.spec = spec;
        this.nx = nx;
        this.sigma = sigma;
        this.seed = seed;
        ObservationOperator probe = ObservationOperators.parse(spec, nx, seed);
        this.shared = probe.isStatic() && probe.observedIndices(1).length == nx ? probe : null;
    }

    /** The observation of cycle {@code cycle} (>= 1) of trajectory (slot, generation) whose truth is in x. */
    Observation observe(int slot, long generation, long cycle, double[] x, int off) {
        ObservationOperator h = shared != null ? shared
                : ObservationOperators.parse(spec, nx, Seeds.derive(seed, "train-obs-operator", slot, generation));
        int[] idx = h.observedIndices((int) Math.min(Integer.MAX_VALUE, cycle));
        SplittableRandom noise = Seeds.stream(seed, "train-obs-noise", slot, generation, cycle);
        double[] y = new double[idx.length];
        for (int j = 0; j < idx.length; j++) y[j] = x[off + idx[j]] + sigma * Seeds.gaussian(noise);
        return new Observation((int) Math.min(Integer.MAX_VALUE, cycle), idx, y, sigma);
    }
}
