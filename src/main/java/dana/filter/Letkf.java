package dana.filter;

import dana.obs.Observation;
import org.ejml.data.DMatrixRMaj;

/**
 * Local ETKF (Hunt, Kostelich and Szunyogh 2007): each grid point is analysed by its own ETKF, using the
 * observations within the localisation support, each with its precision R^-1 tapered by the Gaspari-Cohn
 * function of its periodic distance. With an infinite radius every local analysis is the global ETKF.
 *
 * <p>The radius is a localisation length L in grid points, as DAPPER users know it: the Gaspari-Cohn
 * half-width is c = sqrt(10/3) L (the taper then has the curvature at 0 of a Gaussian of standard deviation L),
 * so observations up to 2c = 3.65 L away are used.
 */
public final class Letkf implements Analysis {

    private final EnsembleSpace space, second;  // the local analyses of two grid points
    private final double inflation;
    private final double halfWidth;

    /** Gaspari-Cohn half-width per unit of localisation length. */
    public static final double GC_PER_LENGTH = Math.sqrt(10.0 / 3.0);
    private final DMatrixRMaj forecastAnomalies;
    private final double[] forecastMean;
    // square roots of the Gaspari-Cohn weights, row i = grid point i's weights of the observations at weightsFor
    // (the same positions every cycle for a fixed operator, so computed once)
    private int[] weightsFor;
    private double[] sqrtRho = new double[0];
    private boolean[] anyInReach;

    public Letkf(int nx, int members, double inflation, double radius) {
        this.space = new EnsembleSpace(nx, members);
        this.second = new EnsembleSpace(nx, members);
        this.inflation = inflation;
        this.halfWidth = GC_PER_LENGTH * radius;
        this.forecastAnomalies = new DMatrixRMaj(members, nx);
        this.forecastMean = new double[nx];
    }

    @Override
    public int members() {
        return space.ne;
    }

    @Override
    public void analyse(DMatrixRMaj ensemble, Observation obs) {
        EnsembleSpace sp = space;
        int nx = sp.nx, ne = sp.ne;
        sp.center(ensemble, inflation);
        forecastAnomalies.setTo(sp.anomalies);
        System.arraycopy(sp.mean, 0, forecastMean, 0, nx);
        int[] idx = obs.indices();
        localWeights(idx, nx);
        int p = idx.length;
        second.centerLike(sp);
        double[] a = forecastAnomalies.data, e = ensemble.data;
        // the local analyses two grid points at a time (their eigendecompositions interleave); points with no
        // observation in reach keep their (inflated) forecast
        int pending = -1;
        for (int i = 0; i < nx; i++) {
            if (!anyInReach[i]) {
                for (int m = 0; m < ne; m++) e[m * nx + i] = forecastMean[i] + a[m * nx + i];
            } else if (pending < 0) {
                pending = i;
            } else {
                sp.observe(obs, sqrtRho, pending * p);
                second.observe(obs, sqrtRho, i * p);
                EnsembleSpace.decomposeBoth(sp, second);
                update(sp, pending, e);
                update(second, i, e);
                pending = -1;
            }
        }
        if (pending >= 0) {
            sp.observe(obs, sqrtRho, pending * p);
            sp.decompose();
            update(sp, pending, e);
        }
    }

    /** Grid point i of the analysis ensemble from its local eigen-quantities in {@code local}. */
    private void update(EnsembleSpace local, int i, double[] e) {
        int nx = local.nx, ne = local.ne;
        local.etkfCoefficients(1.0);
        double[] wd = local.w.data, a = forecastAnomalies.data;
        for (int m = 0; m < ne; m++) {
            double acc = forecastMean[i];
            for (int c = 0; c < ne; c++) acc += wd[m * ne + c] * a[c * nx + i];
            e[m * nx + i] = acc;
        }
    }

    /** Fills sqrtRho and anyInReach for observations at {@code idx}, unless they are those of the last call. */
    private void localWeights(int[] idx, int nx) {
        if (java.util.Arrays.equals(idx, weightsFor)) return;
        int p = idx.length;
        if (sqrtRho.length < nx * p) sqrtRho = new double[nx * p];
        anyInReach = new boolean[nx];
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < p; j++) {
                double rho = gaspariCohn(periodicDistance(i, idx[j], nx) / halfWidth);
                sqrtRho[i * p + j] = rho > 0 ? Math.sqrt(rho) : 0.0;
                anyInReach[i] |= rho > 0;
            }
        }
        weightsFor = idx.clone();
    }

    static double periodicDistance(int i, int j, int n) {
        int d = Math.abs(i - j);
        return Math.min(d, n - d);
    }

    /**
     * Gaspari and Cohn (1999) fifth-order piecewise rational function of r = distance / half-width: 1 at 0,
     * 0 from r = 2 on. An infinite half-width gives r = 0 everywhere (no localisation).
     */
    public static double gaspariCohn(double r) {
        if (r >= 2.0) return 0.0;
        if (r <= 1.0) {
            return ((( -0.25 * r + 0.5) * r + 0.625) * r - 5.0 / 3.0) * r * r + 1.0;
        }
        return ((((r / 12.0 - 0.5) * r + 0.625) * r + 5.0 / 3.0) * r - 5.0) * r + 4.0 - 2.0 / (3.0 * r);
    }
}
