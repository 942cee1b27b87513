package dana.diagnose;

import dana.util.Seeds;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The gain of an analysis map estimated as the study does, by a centred least-squares regression over sampled
 * innovations: draw delta_j ~ N(0, R) (j = 1..Np), zeta_j = H^T R^-1 delta_j = delta_j / sigma^2 (H = I), evaluate
 * a_j = a(x, zeta_j), and fit a_j - abar ~ G (zeta_j - zetabar), with abar and zetabar the means over j:
 * <pre>
 *   G_ls = [sum_j (a_j - abar)(zeta_j - zetabar)^T] [sum_j (zeta_j - zetabar)(zeta_j - zetabar)^T]^-1
 * </pre>
 * (the ordinary least-squares slope with an intercept; the intercept abar - G_ls zetabar estimates a(x, 0)).
 * For a map affine in zeta the fit is exact whatever the draws, as soon as the centred zetas span R^Nx
 * (Np >= Nx + 1); for a nonlinear map G_ls is the slope averaged over the innovations' distribution, while the
 * Jacobian is the slope at zeta = 0: the two differ by the map's curvature.
 */
public final class LeastSquaresGain {

    private LeastSquaresGain() {
    }

    /** The smallest number of innovations for which the regression is determined. */
    public static int minimumSamples(int nx) {
        return nx + 1;
    }

    /**
     * @param samples Np, at least {@link #minimumSamples}
     * @param seed    the draws come from the stream ("diagnose-innovations", cycle)
     * @param cycle   index of the stream (the DA cycle), so every cycle has its own draws
     * @param out     G_ls, row-major Nx x Nx
     */
    public static void estimate(IncrementMap map, double[] x, double sigma, int samples, long seed, long cycle,
                                double[] out) {
        int n = map.nx();
        if (samples < minimumSamples(n)) {
            throw new IllegalArgumentException("samples: the regression needs >= Nx + 1 = " + minimumSamples(n)
                    + " innovations, got " + samples);
        }
        SplittableRandom rng = Seeds.stream(seed, "diagnose-innovations", cycle);
        double[] zetas = new double[samples * n];
        for (int k = 0; k < zetas.length; k++) zetas[k] = sigma * Seeds.gaussian(rng) / (sigma * sigma);
        double[] a = new double[samples * n];
        map.increments(x, zetas, samples, a);
        centre(zetas, samples, n);
        centre(a, samples, n);
        // normal equations: Czz G^T = Cza, with Czz = Z^T Z (Nx x Nx, symmetric positive definite) and Cza = Z^T A
        DMatrixRMaj z = DMatrixRMaj.wrap(samples, n, zetas);
        DMatrixRMaj am = DMatrixRMaj.wrap(samples, n, a);
        DMatrixRMaj czz = new DMatrixRMaj(n, n);
        DMatrixRMaj cza = new DMatrixRMaj(n, n);
        org.ejml.dense.row.CommonOps_DDRM.multTransA(z, z, czz);
        org.ejml.dense.row.CommonOps_DDRM.multTransA(z, am, cza);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(n);
        if (!chol.setA(czz)) throw new IllegalStateException("the sampled innovations do not span the state space");
        DMatrixRMaj gt = new DMatrixRMaj(n, n);
        chol.solve(cza, gt);
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < n; l++) out[i * n + l] = gt.get(l, i);
        }
    }

    private static void centre(double[] rows, int count, int n) {
        double[] mean = new double[n];
        for (int j = 0; j < count; j++) {
            for (int i = 0; i < n; i++) mean[i] += rows[j * n + i];
        }
        for (int i = 0; i < n; i++) mean[i] /= count;
        for (int j = 0; j < count; j++) {
            for (int i = 0; i < n; i++) rows[j * n + i] -= mean[i];
        }
    }
}
