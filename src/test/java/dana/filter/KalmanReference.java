package dana.filter;

import dana.obs.Observation;
import dana.util.Seeds;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** The Kalman filter analysis written directly in state space, as the independent truth for the ensemble filters. */
final class KalmanReference {

    final double[] mean;
    final DMatrixRMaj cov;

    private KalmanReference(double[] mean, DMatrixRMaj cov) {
        this.mean = mean;
        this.cov = cov;
    }

    /** x^a = x^f + K (y - H x^f), P^a = (I - K H) P^f, K = P^f H^T (H P^f H^T + R)^-1, with the selection H. */
    static KalmanReference analyse(double[] xf, DMatrixRMaj pf, Observation obs) {
        int n = xf.length, p = obs.size();
        int[] idx = obs.indices();
        DMatrixRMaj h = new DMatrixRMaj(p, n);
        for (int j = 0; j < p; j++) h.set(j, idx[j], 1.0);
        DMatrixRMaj pht = new DMatrixRMaj(n, p);
        CommonOps_DDRM.multTransB(pf, h, pht);
        DMatrixRMaj s = new DMatrixRMaj(p, p);
        CommonOps_DDRM.mult(h, pht, s);
        for (int j = 0; j < p; j++) s.add(j, j, obs.sigma() * obs.sigma());
        CommonOps_DDRM.invert(s);
        DMatrixRMaj k = new DMatrixRMaj(n, p);
        CommonOps_DDRM.mult(pht, s, k);
        double[] xa = xf.clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) xa[i] += k.get(i, j) * (obs.values()[j] - xf[idx[j]]);
        }
        DMatrixRMaj ikh = CommonOps_DDRM.identity(n);
        DMatrixRMaj kh = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(k, h, kh);
        CommonOps_DDRM.subtractEquals(ikh, kh);
        DMatrixRMaj pa = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(ikh, pf, pa);
        return new KalmanReference(xa, pa);
    }

    static KalmanReference of(double[] mean, DMatrixRMaj cov) {
        return new KalmanReference(mean, cov);
    }

    static double[] mean(DMatrixRMaj ens) {
        int ne = ens.numRows, n = ens.numCols;
        double[] m = new double[n];
        for (int r = 0; r < ne; r++) for (int i = 0; i < n; i++) m[i] += ens.get(r, i) / ne;
        return m;
    }

    static DMatrixRMaj covariance(DMatrixRMaj ens) {
        int ne = ens.numRows, n = ens.numCols;
        double[] m = mean(ens);
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        for (int r = 0; r < ne; r++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) c.add(i, j, (ens.get(r, i) - m[i]) * (ens.get(r, j) - m[j]) / (ne - 1));
            }
        }
        return c;
    }

    static DMatrixRMaj randomEnsemble(int ne, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DMatrixRMaj e = new DMatrixRMaj(ne, n);
        for (int i = 0; i < e.data.length; i++) e.data[i] = 1.0 + 2.0 * Seeds.gaussian(rng);
        return e;
    }

    static Observation randomObservation(int[] idx, double sigma, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] y = new double[idx.length];
        for (int j = 0; j < y.length; j++) y[j] = 3.0 * Seeds.gaussian(rng);
        return new Observation(1, idx, y, sigma);
    }
}
