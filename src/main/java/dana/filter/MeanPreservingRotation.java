package dana.filter;

import dana.util.Seeds;
import java.util.SplittableRandom;

/**
 * Random orthogonal n x n matrices Omega with Omega 1 = 1 (Sakov and Oke 2008): Haar-distributed on the
 * orthogonal complement of the vector of ones, the identity along it. Applied to an ensemble transform it mixes
 * the members without changing the mean or the covariance. Allocation-free after construction.
 *
 * <p>Omega = H diag(1, Q) H, where H is the Householder reflection exchanging e_1 and 1/sqrt(n) and Q is Haar
 * on O(n-1): the Gram-Schmidt orthonormalisation of the rows of a Gaussian matrix (equivalently, the Q factor of
 * a QR decomposition whose R has a positive diagonal, which is Haar-distributed).
 */
final class MeanPreservingRotation {

    private final int n;
    private final double[] q;      // (n-1) x (n-1)
    private final double[] h;      // Householder vector
    private final double[] hv;     // n
    private final double hh;

    MeanPreservingRotation(int n) {
        if (n < 2) throw new IllegalArgumentException("a mean-preserving rotation needs n >= 2, got " + n);
        this.n = n;
        q = new double[(n - 1) * (n - 1)];
        h = new double[n];
        hv = new double[n];
        double inv = 1.0 / Math.sqrt(n);
        for (int i = 0; i < n; i++) h[i] = inv;
        h[0] -= 1.0;
        double s = 0;
        for (double x : h) s += x * x;
        hh = s;
    }

    /** Draws Omega into {@code out} (n x n, row-major). */
    void draw(SplittableRandom rng, double[] out) {
        int k = n - 1;
        for (int i = 0; i < k * k; i++) q[i] = Seeds.gaussian(rng);
        // modified Gram-Schmidt on the rows
        for (int r = 0; r < k; r++) {
            int or = r * k;
            for (int prev = 0; prev < r; prev++) {
                int op = prev * k;
                double dot = 0;
                for (int c = 0; c < k; c++) dot += q[or + c] * q[op + c];
                for (int c = 0; c < k; c++) q[or + c] -= dot * q[op + c];
            }
            double norm = 0;
            for (int c = 0; c < k; c++) norm += q[or + c] * q[or + c];
            norm = 1.0 / Math.sqrt(norm);
            for (int c = 0; c < k; c++) q[or + c] *= norm;
        }
        // out = diag(1, Q)
        java.util.Arrays.fill(out, 0, n * n, 0.0);
        out[0] = 1.0;
        for (int r = 0; r < k; r++) System.arraycopy(q, r * k, out, (r + 1) * n + 1, k);
        if (hh < 1e-30) return; // n = 1 cannot happen; h = 0 only if e_1 = 1/sqrt(n)
        double f = 2.0 / hh;
        // out <- out H = out - f (out h) h^T
        for (int r = 0; r < n; r++) {
            double dot = 0;
            for (int c = 0; c < n; c++) dot += out[r * n + c] * h[c];
            hv[r] = dot;
        }
        for (int r = 0; r < n; r++) {
            double a = f * hv[r];
            for (int c = 0; c < n; c++) out[r * n + c] -= a * h[c];
        }
        // out <- H out = out - f h (h^T out)
        java.util.Arrays.fill(hv, 0.0);
        for (int r = 0; r < n; r++) {
            double hr = h[r];
            for (int c = 0; c < n; c++) hv[c] += hr * out[r * n + c];
        }
        for (int r = 0; r < n; r++) {
            double a = f * h[r];
            for (int c = 0; c < n; c++) out[r * n + c] -= a * hv[c];
        }
    }
}
