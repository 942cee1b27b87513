package dana.twin;

import dana.model.Model;
import dana.obs.Observation;
import dana.obs.ObservationOperator;
import dana.util.Seeds;
import java.util.SplittableRandom;

/**
 * A twin experiment: a truth trajectory of the model, spun up onto its attractor, and its noisy observations
 * y_k = H_k x_k + e_k, e_k ~ N(0, sigma^2 I), for cycles k = 1..cycles. Everything is drawn from streams derived
 * from one seed ("truth", "obs-noise"), so the same seed gives the same experiment whatever runs beside it.
 */
public final class TwinExperiment {

    private final int nx;
    private final int cycles;
    private final double[] truth;          // (cycles + 1) * nx, row k = x_k
    private final Observation[] observations; // index k = y_k, k >= 1
    private final double sigma;

    private TwinExperiment(int nx, int cycles, double[] truth, Observation[] observations, double sigma) {
        this.nx = nx;
        this.cycles = cycles;
        this.truth = truth;
        this.observations = observations;
        this.sigma = sigma;
    }

    /**
     * Generates the experiment.
     *
     * @param spinUpCycles cycles integrated from the model's initial state before x_0, to reach the attractor
     */
    public static TwinExperiment generate(Model model, ObservationOperator h, double sigma, int cycles,
                                          int spinUpCycles, long seed) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma must be > 0, got " + sigma);
        }
        if (cycles < 1) throw new IllegalArgumentException("cycles must be >= 1, got " + cycles);
        if (h.stateDim() != model.dim()) {
            throw new IllegalArgumentException("observation operator is for nx=" + h.stateDim() + " but the model has nx=" + model.dim());
        }
        int nx = model.dim();
        Model m = model.copy();
        double[] x = new double[nx];
        m.initialState(Seeds.stream(seed, "truth"), x);
        for (int k = 0; k < spinUpCycles; k++) m.forecast(x, 0);
        double[] truth = new double[(cycles + 1) * nx];
        System.arraycopy(x, 0, truth, 0, nx);
        for (int k = 1; k <= cycles; k++) {
            System.arraycopy(truth, (k - 1) * nx, truth, k * nx, nx);
            m.forecast(truth, k * nx);
        }
        SplittableRandom noise = Seeds.stream(seed, "obs-noise");
        Observation[] obs = new Observation[cycles + 1];
        for (int k = 1; k <= cycles; k++) {
            int[] idx = h.observedIndices(k);
            double[] y = new double[idx.length];
            for (int j = 0; j < idx.length; j++) y[j] = truth[k * nx + idx[j]] + sigma * Seeds.gaussian(noise);
            obs[k] = new Observation(k, idx, y, sigma);
        }
        return new TwinExperiment(nx, cycles, truth, obs, sigma);
    }

    public int nx() {
        return nx;
    }

    public int cycles() {
        return cycles;
    }

    public double sigma() {
        return sigma;
    }

    /** The truth array, row k (offset k * nx) is x_k; do not modify. */
    public double[] truthArray() {
        return truth;
    }

    /** A copy of x_k. */
    public double[] truth(int k) {
        double[] out = new double[nx];
        System.arraycopy(truth, k * nx, out, 0, nx);
        return out;
    }

    /** y_k for k in 1..cycles. */
    public Observation observation(int k) {
        return observations[k];
    }
}
