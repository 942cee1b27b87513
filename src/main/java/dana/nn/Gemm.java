package dana.nn;

/**
 * Single-precision matrix product, the one operation the convolutions are built on, behind a narrow interface
 * so that another backend (e.g. a BLAS reached through the FFM API) can replace {@link VectorGemm}.
 *
 * <p>Computes, for {@code i < m}, {@code j < n}: {@code C[i][j] = (accumulate ? C[i][j] : 0) +
 * sum_{p < k} A(i, p) * B[p][j]} where
 * <ul>
 *   <li>{@code A(i, p) = a[aOff + i * aRowStride + p * aColStride]}: general strides, so that A may be a
 *       transposed view ({@code aRowStride = 1}) or have overlapping rows ({@code aRowStride < k}), which is
 *       how a convolution reads its im2col matrix straight from a halo-padded activation without copying it;
 *       a backend that needs a dense A must copy it first;</li>
 *   <li>{@code B[p][j] = b[bOff + p * ldb + j]} and {@code C[i][j] = c[cOff + i * ldc + j]}, row-major.</li>
 * </ul>
 * A call must be deterministic (same inputs, same bits); the engine's thread-count independence relies on it.
 */
public interface Gemm {

    void multiply(int m, int n, int k,
                  float[] a, int aOff, int aRowStride, int aColStride,
                  float[] b, int bOff, int ldb,
                  float[] c, int cOff, int ldc,
                  boolean accumulate);
}
