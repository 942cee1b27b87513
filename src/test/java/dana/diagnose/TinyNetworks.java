package dana.diagnose;

import dana.dan.DanLayout;
import dana.dan.DanVariant;
import dana.nn.Activation;
import dana.nn.CnnConfig;
import dana.nn.EngineOptions;
import dana.nn.ResidualCnn;
import java.util.SplittableRandom;

/** Small networks for the diagnostics' tests: a single-state DAN layout (state + innovation channels). */
final class TinyNetworks {

    static final DanLayout LAYOUT = new DanLayout(1, DanVariant.FULL, false);

    private TinyNetworks() {
    }

    /** Nf = 6, one block of 2 convolutions, kernel 3, head at full scale (the output is not near 0). */
    static ResidualCnn network(Activation act, long seed) {
        CnnConfig cfg = new CnnConfig(2, 1, 6, 1, 2, 3, act, 3, 1.0);
        return new ResidualCnn(cfg, seed, EngineOptions.defaults().withThreads(1));
    }

    static NetworkIncrement map(Activation act, long seed, int nx) {
        return new NetworkIncrement(network(act, seed), LAYOUT, nx);
    }

    /** A state of the size of L96's: mean 2.3, spread 3.6. */
    static double[] state(int nx, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[nx];
        for (int i = 0; i < nx; i++) x[i] = 2.3 + 3.6 * (2 * rng.nextDouble() - 1);
        return x;
    }
}
