package dana.var;

import dana.obs.Observation;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The Rauch-Tung-Striebel smoother of a perfect linear model over one window, written in state space with
 * explicit matrices: the independent truth for 4D-Var. Forward: Kalman filter from x_0 ~ N(x^b, B) (no
 * observation at t0); backward: x^s_k = x^a_k + P^a_k M^T (P^f_{k+1})^-1 (x^s_{k+1} - x^f_{k+1}).
 */
final class KalmanSmoother {

    private KalmanSmoother() {
    }

    /** The smoothed means x^s_0 .. x^s_L, row k of the result. */
    static double[][] smooth(DMatrixRMaj m, double[] xb, DMatrixRMaj b, Observation[] window) {
        int n = xb.length, lag = window.length;
        double[][] xa = new double[lag + 1][], xf = new double[lag + 1][];
        DMatrixRMaj[] pa = new DMatrixRMaj[lag + 1], pf = new DMatrixRMaj[lag + 1];
        xa[0] = xb.clone();
        pa[0] = b.copy();
        for (int k = 1; k <= lag; k++) {
            xf[k] = times(m, xa[k - 1]);
            DMatrixRMaj mp = new DMatrixRMaj(n, n);
            CommonOps_DDRM.mult(m, pa[k - 1], mp);
            pf[k] = new DMatrixRMaj(n, n);
            CommonOps_DDRM.multTransB(mp, m, pf[k]);
            Observation y = window[k - 1];
            if (y == null) {
                xa[k] = xf[k].clone();
                pa[k] = pf[k].copy();
                continue;
            }
            int p = y.size();
            int[] idx = y.indices();
            DMatrixRMaj s = new DMatrixRMaj(p, p);   // H P^f H^T + R
            DMatrixRMaj ph = new DMatrixRMaj(n, p);  // P^f H^T
            for (int a = 0; a < p; a++) {
                for (int c = 0; c < p; c++) s.set(a, c, pf[k].get(idx[a], idx[c]));
                s.add(a, a, y.sigma() * y.sigma());
                for (int i = 0; i < n; i++) ph.set(i, a, pf[k].get(i, idx[a]));
            }
            CommonOps_DDRM.invert(s);
            DMatrixRMaj gain = new DMatrixRMaj(n, p);
            CommonOps_DDRM.mult(ph, s, gain);
            xa[k] = xf[k].clone();
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < p; a++) xa[k][i] += gain.get(i, a) * (y.values()[a] - xf[k][idx[a]]);
            }
            // P^a = P^f - K H P^f
            pa[k] = pf[k].copy();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s2 = 0;
                    for (int a = 0; a < p; a++) s2 += gain.get(i, a) * pf[k].get(idx[a], j);
                    pa[k].add(i, j, -s2);
                }
            }
        }
        double[][] xs = new double[lag + 1][];
        xs[lag] = xa[lag];
        for (int k = lag - 1; k >= 0; k--) {
            DMatrixRMaj pmT = new DMatrixRMaj(n, n);
            CommonOps_DDRM.multTransB(pa[k], m, pmT);
            DMatrixRMaj inv = pf[k + 1].copy();
            CommonOps_DDRM.invert(inv);
            DMatrixRMaj c = new DMatrixRMaj(n, n);
            CommonOps_DDRM.mult(pmT, inv, c);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) d[i] = xs[k + 1][i] - xf[k + 1][i];
            double[] cd = times(c, d);
            xs[k] = xa[k].clone();
            for (int i = 0; i < n; i++) xs[k][i] += cd[i];
        }
        return xs;
    }

    static double[] times(DMatrixRMaj a, double[] x) {
        double[] out = new double[a.numRows];
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < a.numCols; j++) out[i] += a.get(i, j) * x[j];
        }
        return out;
    }
}
