package dana.filter;

import dana.obs.Observation;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * The ensemble-space algebra shared by the ETKF family (ETKF, EnKF-N, LETKF, stochastic EnKF): mean and
 * anomalies, normalised observation anomalies S = H A / sigma and innovation u = (y - H xbar) / sigma, the
 * eigendecomposition S S^T = V diag(lambda) V^T, the symmetric square-root transform, and the random
 * mean-preserving rotation. One instance per analysis: it is a set of reusable workspaces, and allocates only
 * when the number of observations grows.
 *
 * <p>Conventions: members are rows (Ne x Nx); inflation s multiplies the anomalies before the update, so in
 * the formulas below S and A stand for the inflated anomalies, and the eigenvalues of (sS)(sS)^T are
 * s^2 lambda.
 */
final class EnsembleSpace {

    final int nx;
    final int ne;
    final double[] mean;
    final DMatrixRMaj anomalies;  // Ne x Nx
    private final double[] anomaliesByVariable; // Nx x Ne: the anomalies transposed
    double[] st;                  // p x Ne row-major: S^T, row j = observation j's anomalies / sigma (contiguous
                                  // over members, so that S S^T and S u are sums of vectorisable rank-one updates)
    double[] u;                   // p: (y - H xbar) / sigma
    int p;
    final DMatrixRMaj gram;       // Ne x Ne: S S^T
    final double[] lambda;        // eigenvalues of gram, >= 0
    final double[] vt;            // Ne x Ne row-major, ROW i = eigenvector i
    final double[] b;             // Ne: S u
    final double[] vb;            // Ne: V^T S u
    final DMatrixRMaj w;          // Ne x Ne: coefficient matrix of the update, E^a = xbar + W A
    final DMatrixRMaj tmp;        // Ne x Ne
    private final SymmetricEigen eig;
    private MeanPreservingRotation rotation; // created on first use
    private final double[] rotated;
    private final double[] wm;    // Ne: mean weights
    private final double[] f;     // Ne: a function of the eigenvalues
    private final double[] fv;    // Ne: f_i times one component of each eigenvector

    EnsembleSpace(int nx, int ne) {
        this.nx = nx;
        this.ne = ne;
        mean = new double[nx];
        anomalies = new DMatrixRMaj(ne, nx);
        anomaliesByVariable = new double[nx * ne];
        st = new double[nx * ne];
        u = new double[nx];
        gram = new DMatrixRMaj(ne, ne);
        lambda = new double[ne];
        vt = new double[ne * ne];
        b = new double[ne];
        vb = new double[ne];
        w = new DMatrixRMaj(ne, ne);
        tmp = new DMatrixRMaj(ne, ne);
        eig = new SymmetricEigen(ne);
        rotated = new double[ne * ne];
        wm = new double[ne];
        f = new double[ne];
        fv = new double[ne];
    }

    /** Mean and anomalies of the ensemble, anomalies multiplied by {@code inflation}. */
    void center(DMatrixRMaj ens, double inflation) {
        double[] e = ens.data, a = anomalies.data;
        java.util.Arrays.fill(mean, 0.0);
        for (int m = 0; m < ne; m++) {
            for (int i = 0; i < nx; i++) mean[i] += e[m * nx + i];
        }
        for (int i = 0; i < nx; i++) mean[i] /= ne;
        for (int m = 0; m < ne; m++) {
            for (int i = 0; i < nx; i++) a[m * nx + i] = inflation * (e[m * nx + i] - mean[i]);
        }
        // by variable, for observe(): an observation's anomalies are then a contiguous row (the LETKF reads them
        // once per grid point)
        for (int m = 0; m < ne; m++) {
            for (int i = 0; i < nx; i++) anomaliesByVariable[i * ne + m] = a[m * nx + i];
        }
    }

    /** S and u for the observations, unweighted. Requires {@link #center}. */
    void observe(Observation obs) {
        observe(obs, null, 0);
    }

    /**
     * S and u for the observations, observation j weighted by {@code sqrtRho[off + j]}, the square root of its
     * localisation weight rho_j (null = all 1). Observations with zero weight are dropped. Requires
     * {@link #center}.
     */
    void observe(Observation obs, double[] sqrtRho, int off) {
        int[] idx = obs.indices();
        double[] y = obs.values();
        double invSigma = 1.0 / obs.sigma();
        int count = 0;
        for (int j = 0; j < idx.length; j++) if (sqrtRho == null || sqrtRho[off + j] > 0) count++;
        ensureObsCapacity(count);
        p = count;
        double[] at = anomaliesByVariable;
        int c = 0;
        for (int j = 0; j < idx.length; j++) {
            double r = sqrtRho == null ? 1.0 : sqrtRho[off + j];
            if (!(r > 0)) continue;
            double scale = invSigma * r;
            int col = idx[j] * ne;
            int row = c * ne;
            for (int m = 0; m < ne; m++) st[row + m] = scale * at[col + m];
            u[c] = scale * (y[j] - mean[idx[j]]);
            c++;
        }
    }

    /** S_mj = (H A)_mj / sigma (times the localisation weight's square root). */
    double s(int m, int j) {
        return st[j * ne + m];
    }

    private void ensureObsCapacity(int count) {
        if (u.length < count) u = new double[count];
        if (st.length < ne * count) st = new double[ne * count];
    }

    /** gram = S S^T and its eigendecomposition; b = S u and vb = V^T b. */
    void decompose() {
        sumGram();
        eig.decompose(gram.data);
        fromEigen();
    }

    /** {@link #decompose} of two spaces (two LETKF grid points) at once: their QR iterations interleave. */
    static void decomposeBoth(EnsembleSpace x, EnsembleSpace y) {
        x.sumGram();
        y.sumGram();
        SymmetricEigen.decomposeBoth(x.eig, x.gram.data, y.eig, y.gram.data);
        x.fromEigen();
        y.fromEigen();
    }

    /** The mean and (inflated) anomalies of another space of the same sizes, as its {@link #center} left them. */
    void centerLike(EnsembleSpace o) {
        System.arraycopy(o.mean, 0, mean, 0, nx);
        System.arraycopy(o.anomalies.data, 0, anomalies.data, 0, ne * nx);
        System.arraycopy(o.anomaliesByVariable, 0, anomaliesByVariable, 0, ne * nx);
    }

    private void sumGram() {
        double[] g = gram.data;
        java.util.Arrays.fill(g, 0, ne * ne, 0.0);
        java.util.Arrays.fill(b, 0.0);
        // b_m = sum_j s_mj u_j and g_mn = sum_j s_mj s_nj, each summed over j in ascending order; row m of g from
        // the vector block holding the diagonal on (the entries left of it are overwritten below)
        VectorOps.addRows(b, 0, ne, u, 0, 1, st, 0, ne, p);
        for (int m = 0; m < ne; m++) {
            int c0 = m - m % VectorOps.L;
            VectorOps.addRows(g, m * ne + c0, ne - c0, st, m, ne, st, c0, ne, p);
        }
        // S S^T is symmetric: the upper triangle was summed, the lower one is its mirror (the same sums in the same
        // order, since s_m s_n = s_n s_m exactly: bit-identical to the full loop, half the work)
        mirrorUpper(g);
    }

    private void fromEigen() {
        for (int i = 0; i < ne; i++) lambda[i] = Math.max(0.0, eig.value(i));
        System.arraycopy(eig.vectorsByRow(), 0, vt, 0, ne * ne);
        for (int i = 0; i < ne; i++) {
            double acc = 0;
            for (int r = 0; r < ne; r++) acc += vt[i * ne + r] * b[r];
            vb[i] = acc;
        }
    }

    /**
     * The ETKF coefficients for anomalies multiplied by {@code s} (the eigen-quantities being those of the
     * un-multiplied S): w = V (s^2 Lambda + N1)^-1 V^T s b (mean), T = sqrt(N1) V (s^2 Lambda + N1)^-1/2 V^T
     * (symmetric square root); W = 1 w^T + T, so that E^a = xbar + W (s A).
     */
    void etkfCoefficients(double sInfl) {
        int n1 = ne - 1;
        java.util.Arrays.fill(wm, 0.0);
        double s2 = sInfl * sInfl;
        // mean weights wm = sum_i c_i v_i
        for (int i = 0; i < ne; i++) {
            double d = s2 * lambda[i] + n1;
            f[i] = sInfl * vb[i] / d;
        }
        VectorOps.addRows(wm, 0, ne, f, 0, 1, vt, 0, ne, ne);
        symmetricFunction(sInfl, -0.5, Math.sqrt(n1), w);
        for (int r = 0; r < ne; r++) {
            for (int c = 0; c < ne; c++) w.data[r * ne + c] += wm[c];
        }
    }

    /** out = factor * V diag((s^2 lambda + N1)^power) V^T. */
    void symmetricFunction(double sInfl, double power, double factor, DMatrixRMaj out) {
        int n1 = ne - 1;
        double s2 = sInfl * sInfl;
        for (int i = 0; i < ne; i++) {
            double x = s2 * lambda[i] + n1;
            // the two powers the filters use, without Math.pow (several times dearer, once per grid point in LETKF)
            f[i] = factor * (power == -0.5 ? 1.0 / Math.sqrt(x) : power == -1.0 ? 1.0 / x : Math.pow(x, power));
        }
        // out = sum_i f_i v_i v_i^T: rank-one updates over contiguous eigenvector rows. Not halved by symmetry
        // like the Gram matrix: (f v_r) v_c and (f v_c) v_r round differently, and the rotated ETKF at inflation
        // 1.02 is so marginal that this roundoff-level change made one of seeds 1-3 lose the truth.
        double[] o = out.data;
        java.util.Arrays.fill(o, 0, ne * ne, 0.0);
        for (int r = 0; r < ne; r++) {
            // row r = sum_i (f_i v_ir) v_i, in ascending i
            for (int i = 0; i < ne; i++) fv[i] = f[i] * vt[i * ne + r];
            VectorOps.addRows(o, r * ne, ne, fv, 0, 1, vt, 0, ne, ne);
        }
    }

    /** Copies the upper triangle of the Ne x Ne row-major matrix {@code g} onto its lower triangle. */
    private void mirrorUpper(double[] g) {
        for (int r = 1; r < ne; r++) {
            for (int c = 0; c < r; c++) g[r * ne + c] = g[c * ne + r];
        }
    }

    /** ens = xbar + W A (A being the anomalies as centred, i.e. already inflated). */
    void apply(DMatrixRMaj ens) {
        // row m of E^a = xbar + sum_c W_mc A_c, summed in ascending c
        double[] e = ens.data, a = anomalies.data, wd = w.data;
        for (int m = 0; m < ne; m++) {
            System.arraycopy(mean, 0, e, m * nx, nx);
            VectorOps.addRows(e, m * nx, nx, wd, m * ne, 1, a, 0, nx, ne);
        }
    }

    /** Replaces the anomaly part T of W = 1 w^T + T by Omega T, Omega a random mean-preserving rotation. */
    void rotate(SplittableRandom rng) {
        // W = 1 w^T + T and Omega 1 = 1, so Omega W = 1 w^T + Omega T: rotating W rotates only the anomalies
        if (rotation == null) rotation = new MeanPreservingRotation(ne);
        double[] omega = tmp.data, wd = w.data;
        rotation.draw(rng, omega);
        java.util.Arrays.fill(rotated, 0.0);
        for (int r = 0; r < ne; r++) VectorOps.addRows(rotated, r * ne, ne, omega, r * ne, 1, wd, 0, ne, ne);
        System.arraycopy(rotated, 0, wd, 0, ne * ne);
    }
}
