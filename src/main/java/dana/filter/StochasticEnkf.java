package dana.filter;

import dana.obs.Observation;
import dana.util.Seeds;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * Stochastic EnKF with perturbed observations (Burgers et al. 1998), in ensemble space: each member is updated
 * with K (y + e_m - H x_m), K = A^T (S S^T + N1 I)^-1 S / sigma, and the perturbations e_m are centred so that
 * the mean update is the Kalman one.
 */
public final class StochasticEnkf implements Analysis {

    private final EnsembleSpace space;
    private final double inflation;
    private final SplittableRandom rng;
    private double[] pert = new double[0];

    public StochasticEnkf(int nx, int members, double inflation, SplittableRandom rng) {
        this.space = new EnsembleSpace(nx, members);
        this.inflation = inflation;
        this.rng = rng;
    }

    @Override
    public int members() {
        return space.ne;
    }

    @Override
    public void analyse(DMatrixRMaj ensemble, Observation obs) {
        EnsembleSpace sp = space;
        int ne = sp.ne;
        sp.center(ensemble, inflation);
        sp.observe(obs);
        sp.decompose();
        int p = sp.p;
        // centred observation perturbations, in units of sigma
        if (pert.length < ne * p) pert = new double[ne * p];
        for (int j = 0; j < p; j++) {
            double mu = 0;
            for (int m = 0; m < ne; m++) {
                double e = Seeds.gaussian(rng);
                pert[m * p + j] = e;
                mu += e;
            }
            mu /= ne;
            for (int m = 0; m < ne; m++) pert[m * p + j] -= mu;
        }
        // G = V (Lambda + N1)^-1 V^T; member m: d_m = u + pert_m - S_m (normalised innovation of that member),
        // coefficients c_m = G S d_m; x_m = xbar + A_m + sum_j c_mj A_j
        sp.symmetricFunction(1.0, -1.0, 1.0, sp.tmp);
        double[] g = sp.tmp.data, w = sp.w.data;
        double[] z = new double[ne];
        double[] d = new double[p];
        for (int m = 0; m < ne; m++) {
            for (int j = 0; j < p; j++) d[j] = sp.u[j] + pert[m * p + j] - sp.s(m, j);
            for (int r = 0; r < ne; r++) {
                double acc = 0;
                for (int j = 0; j < p; j++) acc += sp.s(r, j) * d[j];
                z[r] = acc;
            }
            for (int c = 0; c < ne; c++) {
                double acc = 0;
                for (int r = 0; r < ne; r++) acc += g[c * ne + r] * z[r];
                w[m * ne + c] = acc + (m == c ? 1.0 : 0.0);
            }
        }
        sp.apply(ensemble);
    }
}
