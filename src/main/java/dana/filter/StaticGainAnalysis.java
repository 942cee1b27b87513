package dana.filter;

import dana.obs.Observation;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The best linear unbiased estimate with a static background covariance B = alpha * C_clim:
 * x^a = x^b + B H^T (H B H^T + R)^-1 (y - H x^b). With a cycled background (x^b = the forecast) this is
 * 3D-Var, whose quadratic cost this formula minimises exactly for the linear selection H; with the
 * climatological mean as background it is optimal interpolation. The gain is recomputed only when the
 * observed indices change (every cycle for a random mask, never for a fixed network).
 */
public final class StaticGainAnalysis implements Analysis {

    private final double[] climMean;
    private final DMatrixRMaj b;
    private final boolean cycled;
    private int[] gainIndices;
    private double gainSigma = Double.NaN;
    private DMatrixRMaj gain; // n x p
    private final double[] innovation;
    private final int n;

    /**
     * @param cycled true for 3D-Var (background = forecast), false for OI (background = climatological mean)
     */
    public StaticGainAnalysis(Climatology clim, double alpha, boolean cycled) {
        if (!(alpha > 0) || !Double.isFinite(alpha)) throw new IllegalArgumentException("alpha must be > 0, got " + alpha);
        this.climMean = clim.mean();
        this.n = clim.nx();
        this.b = clim.covariance().copy();
        CommonOps_DDRM.scale(alpha, b);
        this.cycled = cycled;
        this.innovation = new double[n];
    }

    @Override
    public int members() {
        return 1;
    }

    @Override
    public void analyse(DMatrixRMaj ensemble, Observation obs) {
        int[] idx = obs.indices();
        if (gain == null || obs.sigma() != gainSigma || !Arrays.equals(idx, gainIndices)) {
            gain = gain(b, idx, obs.sigma());
            gainIndices = idx.clone();
            gainSigma = obs.sigma();
        }
        int p = idx.length;
        double[] e = ensemble.data;
        for (int m = 0; m < ensemble.numRows; m++) {
            int off = m * n;
            if (!cycled) System.arraycopy(climMean, 0, e, off, n);
            for (int j = 0; j < p; j++) innovation[j] = obs.values()[j] - e[off + idx[j]];
            double[] k = gain.data;
            for (int i = 0; i < n; i++) {
                double s = 0;
                int row = i * p;
                for (int j = 0; j < p; j++) s += k[row + j] * innovation[j];
                e[off + i] += s;
            }
        }
    }

    /** K = B H^T (H B H^T + sigma^2 I)^-1 for the selection H of {@code idx}. */
    static DMatrixRMaj gain(DMatrixRMaj b, int[] idx, double sigma) {
        int n = b.numRows, p = idx.length;
        DMatrixRMaj s = new DMatrixRMaj(p, p);     // H B H^T + R
        DMatrixRMaj bht = new DMatrixRMaj(p, n);   // (B H^T)^T = H B
        for (int a = 0; a < p; a++) {
            for (int c = 0; c < p; c++) s.set(a, c, b.get(idx[a], idx[c]));
            s.add(a, a, sigma * sigma);
            for (int i = 0; i < n; i++) bht.set(a, i, b.get(idx[a], i));
        }
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(p);
        if (!chol.setA(s)) throw new IllegalStateException("H B H^T + R is not positive definite");
        DMatrixRMaj kt = new DMatrixRMaj(p, n);    // S^-1 H B = K^T since S and B are symmetric
        chol.solve(bht, kt);
        return CommonOps_DDRM.transpose(kt, null);
    }
}
