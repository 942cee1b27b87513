package dana.diagnose;

import dana.filter.SymmetricEigen;
import java.util.Arrays;

/** Small helpers on Nx x Nx row-major matrices: the symmetric part, its sorted spectrum, sizes and folds. */
public final class Covariances {

    private Covariances() {
    }

    /** (M + M^T) / 2. */
    public static double[] symmetricPart(double[] m, int n) {
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) s[i * n + j] = 0.5 * (m[i * n + j] + m[j * n + i]);
        }
        return s;
    }

    /** The eigenvalues of a symmetric matrix, largest first. */
    public static double[] eigenvaluesDescending(double[] sym, int n) {
        SymmetricEigen eig = new SymmetricEigen(n);
        eig.decompose(sym);
        double[] v = new double[n];
        for (int j = 0; j < n; j++) v[j] = eig.value(j);
        Arrays.sort(v);
        for (int j = 0; j < n / 2; j++) {
            double t = v[j];
            v[j] = v[n - 1 - j];
            v[n - 1 - j] = t;
        }
        return v;
    }

    /** ||M - M^T||_F / ||M + M^T||_F: 0 for a symmetric matrix, 1 for an antisymmetric one. */
    public static double asymmetry(double[] m, int n) {
        double d = 0, s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double a = m[i * n + j], b = m[j * n + i];
                d += (a - b) * (a - b);
                s += (a + b) * (a + b);
            }
        }
        return s > 0 ? Math.sqrt(d / s) : 0;
    }

    /** ||A - B||_F / ||B||_F. */
    public static double relativeDifference(double[] a, double[] b) {
        double d = 0, s = 0;
        for (int k = 0; k < a.length; k++) {
            d += (a[k] - b[k]) * (a[k] - b[k]);
            s += b[k] * b[k];
        }
        return s > 0 ? Math.sqrt(d / s) : Math.sqrt(d);
    }

    /**
     * The matrix folded by translation invariance: {@code out[q] = mean over i of M[i][(i + q) mod n]}, the
     * mean entry at offset q (q = 0 the diagonal, q = 1 the right neighbour).
     */
    public static double[] byOffset(double[] m, int n) {
        double[] out = new double[n];
        for (int q = 0; q < n; q++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += m[i * n + (i + q) % n];
            out[q] = s / n;
        }
        return out;
    }

    /** The sample covariance of an ensemble (rows = members), Ne - 1 normalisation. */
    public static double[] ensembleCovariance(double[] members, int ne, int n) {
        double[] mean = new double[n];
        for (int m = 0; m < ne; m++) {
            for (int i = 0; i < n; i++) mean[i] += members[m * n + i];
        }
        for (int i = 0; i < n; i++) mean[i] /= ne;
        double[] c = new double[n * n];
        for (int m = 0; m < ne; m++) {
            for (int i = 0; i < n; i++) {
                double ai = members[m * n + i] - mean[i];
                for (int j = 0; j <= i; j++) c[i * n + j] += ai * (members[m * n + j] - mean[j]);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                c[i * n + j] /= ne - 1;
                c[j * n + i] = c[i * n + j];
            }
        }
        return c;
    }
}
