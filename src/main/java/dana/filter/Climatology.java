package dana.filter;

import dana.model.Model;
import dana.util.Seeds;
import org.ejml.data.DMatrixRMaj;

/**
 * The climatological mean and covariance of a model, estimated from a long free run on the attractor. For a
 * translation-invariant model (L96) the estimates are averaged over cyclic shifts, which makes the covariance
 * exactly circulant and divides the sampling noise by about sqrt(nx).
 */
public record Climatology(double[] mean, DMatrixRMaj covariance) {

    /** Sample count and spin-up used by {@link #estimate(Model, long)}. */
    public static final int DEFAULT_SAMPLES = 50_000;
    public static final int DEFAULT_SPIN_UP = 1_000;

    public int nx() {
        return mean.length;
    }

    /** Square root of the mean variance: the RMSE of forecasting by the climatological mean. */
    public double rmsSpread() {
        double s = 0;
        for (int i = 0; i < nx(); i++) s += covariance.get(i, i);
        return Math.sqrt(s / nx());
    }

    public static Climatology estimate(Model model, long seed) {
        return estimate(model, DEFAULT_SAMPLES, DEFAULT_SPIN_UP, seed);
    }

    /** Samples one state per cycle of a free run, after {@code spinUp} cycles. */
    public static Climatology estimate(Model model, int samples, int spinUp, long seed) {
        Model m = model.copy();
        int n = m.dim();
        double[] x = new double[n];
        m.initialState(Seeds.stream(seed, "climatology"), x);
        for (int k = 0; k < spinUp; k++) m.forecast(x, 0);
        double[] sum = new double[n];
        double[] cross = new double[n * n];
        for (int s = 0; s < samples; s++) {
            m.forecast(x, 0);
            for (int i = 0; i < n; i++) {
                sum[i] += x[i];
                double xi = x[i];
                int row = i * n;
                for (int j = 0; j <= i; j++) cross[row + j] += xi * x[j];
            }
        }
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) mean[i] = sum[i] / samples;
        DMatrixRMaj cov = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double c = (cross[i * n + j] - samples * mean[i] * mean[j]) / (samples - 1);
                cov.set(i, j, c);
                cov.set(j, i, c);
            }
        }
        if (m.isTranslationInvariant()) {
            return foldShifts(mean, cov);
        }
        return new Climatology(mean, cov);
    }

    /** Averages mean and covariance over cyclic shifts: C_ij depends on (j - i) mod n only. */
    static Climatology foldShifts(double[] mean, DMatrixRMaj cov) {
        int n = mean.length;
        double mu = 0;
        for (double v : mean) mu += v;
        mu /= n;
        double[] byLag = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) byLag[Math.floorMod(j - i, n)] += cov.get(i, j);
        }
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int lag = Math.floorMod(j - i, n);
                // symmetrise lag and -lag as well
                c.set(i, j, 0.5 * (byLag[lag] + byLag[Math.floorMod(-lag, n)]) / n);
            }
        }
        double[] m = new double[n];
        java.util.Arrays.fill(m, mu);
        return new Climatology(m, c);
    }
}
