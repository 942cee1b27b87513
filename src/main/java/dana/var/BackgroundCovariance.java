package dana.var;

import dana.filter.Climatology;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * A static background error covariance B, held through its symmetric square root U = B^{1/2} (U = U^T, U U = B)
 * computed once by an eigendecomposition. 4D-Var minimises in the control variable v with x0 = x^b + U v, in
 * which the background term is |v|^2 / 2 and the Hessian is the identity plus a positive semi-definite term:
 * conjugate gradients then need no B^{-1} and converge in few iterations.
 */
public final class BackgroundCovariance {

    private final int n;
    private final double[] sqrt;     // n x n row-major, U = V diag(sqrt(lambda)) V^T
    private final double[] invSqrt;  // n x n row-major, U^{-1} (eigenvalues floored at a relative 1e-14)

    private BackgroundCovariance(int n, double[] sqrt, double[] invSqrt) {
        this.n = n;
        this.sqrt = sqrt;
        this.invSqrt = invSqrt;
    }

    /** B = alpha x the climatological covariance, the static B of 3D-Var and 4D-Var. */
    public static BackgroundCovariance climatological(Climatology clim, double alpha) {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha: must be > 0 (B = alpha x climatological covariance), got " + alpha);
        }
        DMatrixRMaj b = clim.covariance().copy();
        for (int i = 0; i < b.data.length; i++) b.data[i] *= alpha;
        return of(b);
    }

    /** The square root of a symmetric positive definite matrix (negative round-off eigenvalues are clipped). */
    public static BackgroundCovariance of(DMatrixRMaj b) {
        int n = b.numRows;
        if (n < 1 || b.numCols != n) {
            throw new IllegalArgumentException("B: must be square and non-empty, got " + b.numRows + " x " + b.numCols);
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(b.copy())) throw new IllegalArgumentException("B: eigendecomposition failed");
        double max = 0;
        for (int j = 0; j < n; j++) max = Math.max(max, eig.getEigenvalue(j).getReal());
        if (!(max > 0)) throw new IllegalArgumentException("B: must be positive definite, largest eigenvalue " + max);
        double[] s = new double[n * n], si = new double[n * n];
        for (int j = 0; j < n; j++) {
            double lambda = Math.max(eig.getEigenvalue(j).getReal(), 0.0);
            double r = Math.sqrt(lambda), ri = 1.0 / Math.sqrt(Math.max(lambda, 1e-14 * max));
            DMatrixRMaj v = eig.getEigenVector(j);
            double norm2 = 0;
            for (int i = 0; i < n; i++) norm2 += v.data[i] * v.data[i];
            for (int a = 0; a < n; a++) {
                double va = v.data[a] / norm2;
                for (int c = 0; c < n; c++) {
                    s[a * n + c] += r * va * v.data[c];
                    si[a * n + c] += ri * va * v.data[c];
                }
            }
        }
        return new BackgroundCovariance(n, s, si);
    }

    public int dim() {
        return n;
    }

    /** out = B^{1/2} v (out must not alias v). */
    public void applySqrt(double[] v, double[] out) {
        multiply(sqrt, v, out);
    }

    /** out = B^{-1/2} x (out must not alias x). */
    public void applyInverseSqrt(double[] x, double[] out) {
        multiply(invSqrt, x, out);
    }

    /** B itself, U U. */
    public DMatrixRMaj matrix() {
        DMatrixRMaj b = new DMatrixRMaj(n, n);
        for (int a = 0; a < n; a++) {
            for (int c = 0; c < n; c++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += sqrt[a * n + k] * sqrt[k * n + c];
                b.set(a, c, s);
            }
        }
        return b;
    }

    private void multiply(double[] m, double[] v, double[] out) {
        for (int a = 0; a < n; a++) {
            double s = 0;
            int row = a * n;
            for (int c = 0; c < n; c++) s += m[row + c] * v[c];
            out[a] = s;
        }
    }
}
