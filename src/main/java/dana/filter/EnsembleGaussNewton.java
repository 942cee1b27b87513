package dana.filter;

import dana.obs.Observation;
import org.ejml.data.DMatrixRMaj;

/**
 * Gauss-Newton minimisation in ensemble space, the core of the IEnKF (Sakov, Oliver and Bertino 2012) and the
 * IEnKS (Bocquet and Sakov 2014). With the prior ensemble's mean xbar and anomalies A (rows, unnormalised,
 * already inflated), the state at the start of the window is x(w) = xbar + A^T w, the prior is
 * w ~ N(0, I / (N-1)), and the cost is
 * <pre>
 *   J(w) = za/2 |w|^2 + 1/2 sum_k beta_k |y_k - H_k M_k(x(w))|^2 / sigma^2,   za = N - 1,
 * </pre>
 * M_k the model from the window's start to observation time k, beta_k the observation's weight (1, 0, or a
 * fraction for multiple data assimilation). Each iteration propagates members around x(w) through the window
 * and estimates the sensitivities S_k = H_k M_k' A^T / sigma from their observed anomalies:
 * <ul>
 * <li>transform variant: members x(w) + T A with T = sqrt(N-1) (za I + S S^T)^(-1/2) of the previous
 *     iteration (T = I at the first); the observed anomalies are de-conditioned by T^-1;</li>
 * <li>bundle variant: members x(w) + eps A, anomalies divided by eps (a finite-difference Jacobian).</li>
 * </ul>
 * The step is dw = (za I + S S^T)^-1 (S u - za w), u = (y - mean of the observed members) / sigma, the
 * gradient and Hessian summed over the window's observations. The analysis at the window's start is
 * x(w) + T A with the last T: after one iteration on a linear model, the ETKF's.
 *
 * <p>The transform variant needs T, and so an eigendecomposition of S S^T, at every iteration. The bundle
 * variant with a fixed prior does not: its steps are Cholesky solves, and T is computed once, from the last
 * iteration's S S^T, when the analysis asks for it (the eigendecomposition is most of an iteration's cost).
 *
 * <p>With an EnKF-N hyperprior instead of a fixed inflation (Bocquet and Sakov 2012, Bocquet et al. 2015), the
 * prior term is (N-1) cL/2 ln(eN + |w|^2) and za becomes (N-1) cL / (eN + |w|^2), re-evaluated at every
 * iteration (the primal finite-size cost inside the Gauss-Newton loop; at convergence on a linear model it is
 * the dual EnKF-N's analysis). eN and cL are {@link EnkfN}'s, so its variants apply.
 */
final class EnsembleGaussNewton {

    final int nx, ne, n1;
    final double[] mean0;      // nx: prior mean at the window's start
    final double[] a0;         // ne x nx: prior anomalies (inflated)
    final double[] w;          // ne: the control variable
    final double[] t, tinv;    // ne x ne: symmetric transform and its inverse
    final double[] gramRaw;    // ne x ne: sum_k beta_k Yraw Yraw^T (Yraw: observed anomalies of the members / sigma)
    final double[] bRaw;       // ne: sum_k beta_k Yraw u
    final double[] gram, b;    // de-conditioned S S^T and S u
    final double[] lambda;     // eigenvalues of gram (>= 0)
    final double[] vt;         // eigenvectors of gram, by row
    final double[] dw;
    double za;                 // the prior precision (N-1 without hyperprior)
    boolean identityT;         // T = I exactly (first iteration)
    boolean transformPending;  // T is not yet that of the last iteration's gram (bundle steps by Cholesky)
    private final SymmetricEigen eig;
    private final double[] coef, tmp, vg;
    private final double[] chol;     // ne x ne: Cholesky factor of za I + S S^T (lower triangle)
    private final double[] ft, fi, ftv, fiv;  // the functions of the eigenvalues giving T and T^-1, times v_ir
    private double[] yt, u;    // observed anomalies (p x ne, by observation) and innovation of one observe()

    EnsembleGaussNewton(int nx, int ne) {
        this.nx = nx;
        this.ne = ne;
        this.n1 = ne - 1;
        mean0 = new double[nx];
        a0 = new double[ne * nx];
        w = new double[ne];
        t = new double[ne * ne];
        tinv = new double[ne * ne];
        gramRaw = new double[ne * ne];
        bRaw = new double[ne];
        gram = new double[ne * ne];
        b = new double[ne];
        lambda = new double[ne];
        vt = new double[ne * ne];
        dw = new double[ne];
        eig = new SymmetricEigen(ne);
        coef = new double[ne * ne];
        tmp = new double[ne * ne];
        vg = new double[ne];
        chol = new double[ne * ne];
        ft = new double[ne];
        fi = new double[ne];
        ftv = new double[ne];
        fiv = new double[ne];
        u = new double[nx];
        yt = new double[nx * ne];
    }

    /** Starts a minimisation from the prior ensemble: mean, anomalies times {@code inflation}, w = 0, T = I. */
    void start(DMatrixRMaj prior, double inflation) {
        double[] e = prior.data;
        java.util.Arrays.fill(mean0, 0.0);
        for (int m = 0; m < ne; m++) {
            for (int i = 0; i < nx; i++) mean0[i] += e[m * nx + i];
        }
        for (int i = 0; i < nx; i++) mean0[i] /= ne;
        for (int m = 0; m < ne; m++) {
            for (int i = 0; i < nx; i++) a0[m * nx + i] = inflation * (e[m * nx + i] - mean0[i]);
        }
        java.util.Arrays.fill(w, 0.0);
        setIdentity(t);
        setIdentity(tinv);
        identityT = true;
        transformPending = false;
        za = n1;
    }

    private void setIdentity(double[] a) {
        java.util.Arrays.fill(a, 0.0);
        for (int i = 0; i < ne; i++) a[i * ne + i] = 1.0;
    }

    /**
     * The members to propagate at this iteration: x(w) + T A (transform), x(w) + eps A (bundle), written to
     * {@code out}'s rows.
     */
    void members(DMatrixRMaj out, boolean bundle, double eps) {
        for (int m = 0; m < ne; m++) {
            for (int c = 0; c < ne; c++) coef[m * ne + c] = w[c] + (bundle ? (m == c ? eps : 0.0) : t[m * ne + c]);
        }
        combine(out);
    }

    /** The analysis at the window's start, x(w) + T A, written to {@code out}'s rows. */
    void analysis(DMatrixRMaj out) {
        if (transformPending) {
            decompose();
            transform();
        }
        for (int m = 0; m < ne; m++) {
            for (int c = 0; c < ne; c++) coef[m * ne + c] = w[c] + t[m * ne + c];
        }
        combine(out);
    }

    /**
     * out row m = xbar + sum_c coef_mc A_c, summed in ascending c. Zero coefficients (T = I at the first
     * iteration) are added too: k A_c is then a zero, and adding a zero to a finite sum leaves it as it is (the
     * sums start from a mean, which is never -0.0, and a sum of finite numbers becomes -0.0 only from two -0.0).
     */
    private void combine(DMatrixRMaj out) {
        double[] e = out.data;
        for (int m = 0; m < ne; m++) {
            System.arraycopy(mean0, 0, e, m * nx, nx);
            VectorOps.addRows(e, m * nx, nx, coef, m * ne, 1, a0, 0, nx, ne);
        }
    }

    /** Clears the sums of the window's observation terms before an iteration. */
    void clearObservations() {
        java.util.Arrays.fill(gramRaw, 0.0);
        java.util.Arrays.fill(bRaw, 0.0);
    }

    /**
     * Adds observation {@code obs} with weight {@code beta}, seen by the propagated members {@code ens}: the
     * observed anomalies and the innovation of their mean, both times sqrt(beta) / sigma.
     */
    void observe(DMatrixRMaj ens, Observation obs, double beta) {
        if (beta <= 0) return;
        double[] e = ens.data;
        int[] idx = obs.indices();
        double[] y = obs.values();
        double scale = Math.sqrt(beta) / obs.sigma();
        double invNe = 1.0 / ne;
        int p = idx.length;
        if (u.length < p) {
            u = new double[p];
            yt = new double[p * ne];
        }
        // Yraw^T (row j = observation j's anomalies over the members, / sigma) and the innovation
        for (int j = 0; j < p; j++) {
            int col = idx[j];
            double ybar = 0;
            for (int m = 0; m < ne; m++) ybar += e[m * nx + col];
            ybar *= invNe;
            u[j] = scale * (y[j] - ybar);
            for (int m = 0; m < ne; m++) yt[j * ne + m] = scale * (e[m * nx + col] - ybar);
        }
        // bRaw += Yraw u and the upper triangle of gramRaw += Yraw Yraw^T (iterate() mirrors it), each entry
        // summed over the observations in ascending order
        VectorOps.addRows(bRaw, 0, ne, u, 0, 1, yt, 0, ne, p);
        for (int m = 0; m < ne; m++) {
            int c0 = m - m % VectorOps.L;
            VectorOps.addRows(gramRaw, m * ne + c0, ne - c0, yt, m, ne, yt, c0, ne, p);
        }
    }

    /**
     * One Gauss-Newton step from the observation sums: de-conditions them, decomposes S S^T, updates za (with
     * a hyperprior), w and T (the bundle variant without hyperprior: solves for the step and leaves T to
     * {@link #analysis}). Returns the increment's size in units of the prior standard deviation,
     * sqrt((N-1) |dw|^2 / N).
     *
     * @param hyperprior the EnKF-N hyperprior, or null for the fixed prior (inflation only)
     */
    double iterate(boolean bundle, double eps, EnkfN.Variant hyperprior) {
        // observe() summed the upper triangle; y_m y_n = y_n y_m exactly, so the mirror is the full sum's bits
        for (int r = 1; r < ne; r++) {
            for (int c = 0; c < r; c++) gramRaw[r * ne + c] = gramRaw[c * ne + r];
        }
        if (bundle) {
            double e2 = 1.0 / (eps * eps), e1 = 1.0 / eps;
            for (int i = 0; i < gram.length; i++) gram[i] = gramRaw[i] * e2;
            for (int i = 0; i < ne; i++) b[i] = bRaw[i] * e1;
        } else if (identityT) {
            System.arraycopy(gramRaw, 0, gram, 0, gram.length);
            System.arraycopy(bRaw, 0, b, 0, ne);
        } else {
            // S = T^-1 Yraw: gram = T^-1 Graw T^-1, b = T^-1 braw (T symmetric)
            multiply(tinv, gramRaw, tmp);
            multiply(tmp, tinv, gram);
            for (int r = 0; r < ne; r++) {
                double acc = 0;
                for (int c = 0; c < ne; c++) acc += tinv[r * ne + c] * bRaw[c];
                b[r] = acc;
            }
        }
        if (bundle && hyperprior == null) {
            // the members do not need T and the prior term needs no eigenvalues: a Cholesky solve is the step
            double norm = choleskyStep();
            transformPending = true;
            return Math.sqrt(n1 * norm / ne);
        }
        decompose();
        if (hyperprior != null) {
            double[] c = EnkfN.hyperpriorCoefficients(lambda, ne, hyperprior);
            double ww = 0;
            for (int i = 0; i < ne; i++) ww += w[i] * w[i];
            za = n1 * c[1] / (c[0] + ww);
        }
        // dw = V (Lambda + za)^-1 V^T (b - za w)
        for (int i = 0; i < ne; i++) {
            double acc = 0;
            int vi = i * ne;
            for (int r = 0; r < ne; r++) acc += vt[vi + r] * (b[r] - za * w[r]);
            vg[i] = acc / (lambda[i] + za);
        }
        java.util.Arrays.fill(dw, 0.0);
        VectorOps.addRows(dw, 0, ne, vg, 0, 1, vt, 0, ne, ne);
        double norm = 0;
        for (int i = 0; i < ne; i++) {
            w[i] += dw[i];
            norm += dw[i] * dw[i];
        }
        transform();
        return Math.sqrt(n1 * norm / ne);
    }

    /** lambda and vt: the eigendecomposition of gram (negative roundoff eigenvalues set to 0). */
    private void decompose() {
        eig.decompose(gram);
        for (int i = 0; i < ne; i++) lambda[i] = Math.max(0.0, eig.value(i));
        System.arraycopy(eig.vectorsByRow(), 0, vt, 0, ne * ne);
    }

    /** T = sqrt(N-1) (Lambda + za)^-1/2 in the eigenbasis, T^-1 = (Lambda + za)^1/2 / sqrt(N-1). */
    private void transform() {
        double sn1 = Math.sqrt(n1);
        for (int i = 0; i < ne; i++) vg[i] = Math.sqrt(lambda[i] + za);
        java.util.Arrays.fill(t, 0.0);
        java.util.Arrays.fill(tinv, 0.0);
        for (int i = 0; i < ne; i++) {
            ft[i] = sn1 / vg[i];
            fi[i] = vg[i] / sn1;
        }
        // row r of T = sum_i (ft_i v_ir) v_i, of T^-1 the same with fi, in ascending i
        for (int r = 0; r < ne; r++) {
            for (int i = 0; i < ne; i++) {
                double vr = vt[i * ne + r];
                ftv[i] = ft[i] * vr;
                fiv[i] = fi[i] * vr;
            }
            VectorOps.addRows(t, r * ne, ne, ftv, 0, 1, vt, 0, ne, ne);
            VectorOps.addRows(tinv, r * ne, ne, fiv, 0, 1, vt, 0, ne, ne);
        }
        identityT = false;
        transformPending = false;
    }

    /**
     * w += dw with (za I + gram) dw = b - za w, by a Cholesky factorisation (the matrix is symmetric positive
     * definite: za > 0, gram a Gram matrix); returns |dw|^2.
     */
    private double choleskyStep() {
        for (int i = 0; i < ne; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = gram[i * ne + j] + (i == j ? za : 0.0);
                for (int k = 0; k < j; k++) sum -= chol[i * ne + k] * chol[j * ne + k];
                chol[i * ne + j] = i == j ? Math.sqrt(sum) : sum / chol[j * ne + j];
            }
        }
        // forward substitution L g = b - za w, then back substitution L^T dw = g
        for (int i = 0; i < ne; i++) {
            double sum = b[i] - za * w[i];
            for (int k = 0; k < i; k++) sum -= chol[i * ne + k] * vg[k];
            vg[i] = sum / chol[i * ne + i];
        }
        for (int i = ne - 1; i >= 0; i--) {
            double sum = vg[i];
            for (int k = i + 1; k < ne; k++) sum -= chol[k * ne + i] * dw[k];
            dw[i] = sum / chol[i * ne + i];
        }
        double norm = 0;
        for (int i = 0; i < ne; i++) {
            w[i] += dw[i];
            norm += dw[i] * dw[i];
        }
        return norm;
    }

    /** The inflation the prior term amounts to, sqrt((N-1) / za) (1 without hyperprior). */
    double inflation() {
        return Math.sqrt(n1 / za);
    }

    /** c = a b for ne x ne row-major arrays: row r of c = sum_k a_rk (row k of b), in ascending k. */
    private void multiply(double[] a, double[] bm, double[] c) {
        java.util.Arrays.fill(c, 0.0);
        for (int r = 0; r < ne; r++) VectorOps.addRows(c, r * ne, ne, a, r * ne, 1, bm, 0, ne, ne);
    }

    static boolean finite(DMatrixRMaj e) {
        double[] d = e.data;
        int n = e.numRows * e.numCols;
        for (int i = 0; i < n; i++) if (!Double.isFinite(d[i])) return false;
        return true;
    }
}
