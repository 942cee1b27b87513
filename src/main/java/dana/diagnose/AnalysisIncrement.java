package dana.diagnose;

import dana.filter.Analysis;
import dana.obs.Observation;
import org.ejml.data.DMatrixRMaj;

/**
 * Any single-state analysis of a fully observed state (H = I, R = sigma^2 I) as a map a(x, zeta): the
 * observations that give the innovation term zeta at x are y = x + sigma^2 zeta, and a = A(x, y) - x. This is
 * how the expansion machinery is tested on analyses whose gain is known (a Kalman update returns P^a), and how
 * any method of {@code dana.filter} with one member could be diagnosed like the network.
 */
public final class AnalysisIncrement implements IncrementMap {

    private final Analysis analysis;
    private final int nx;
    private final double sigma;
    private final int[] all;

    public AnalysisIncrement(Analysis analysis, int nx, double sigma) {
        if (analysis.members() != 1) {
            throw new IllegalArgumentException("members: the expansion takes a single-state analysis, this one has "
                    + analysis.members() + " members");
        }
        if (!(sigma > 0)) throw new IllegalArgumentException("sigma: must be > 0, got " + sigma);
        this.analysis = analysis;
        this.nx = nx;
        this.sigma = sigma;
        this.all = new int[nx];
        for (int i = 0; i < nx; i++) all[i] = i;
    }

    @Override
    public int nx() {
        return nx;
    }

    @Override
    public void increments(double[] x, double[] zetas, int count, double[] out) {
        DMatrixRMaj state = new DMatrixRMaj(1, nx);
        double r = sigma * sigma;
        for (int j = 0; j < count; j++) {
            double[] y = new double[nx];
            for (int i = 0; i < nx; i++) y[i] = x[i] + r * zetas[j * nx + i];
            System.arraycopy(x, 0, state.data, 0, nx);
            analysis.analyse(state, new Observation(0, all, y, sigma));
            for (int i = 0; i < nx; i++) out[j * nx + i] = state.data[i] - x[i];
        }
    }

    /** zeta is of order 1 / sigma: a step of 1e-3 / sigma keeps the difference far above rounding. */
    @Override
    public double gainStep() {
        return 1e-3 / sigma;
    }
}
