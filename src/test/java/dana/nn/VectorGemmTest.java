package dana.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorGemmTest {

    private final Gemm gemm = new VectorGemm();

    /** Shapes around every edge of the blocking: rows not a multiple of 4, columns of 0-3 vectors + a tail. */
    @Test
    void matchesPlainLoopsForEdgeShapes() {
        SplittableRandom rng = new SplittableRandom(1);
        int[] sizes = {1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 33, 40, 49};
        for (int m : new int[]{1, 3, 4, 5, 9, 13}) {
            for (int n : sizes) {
                for (int k : new int[]{1, 2, 7, 20}) {
                    for (boolean transposedA : new boolean[]{false, true}) {
                        for (boolean acc : new boolean[]{false, true}) {
                            check(rng, m, n, k, transposedA, acc);
                        }
                    }
                }
            }
        }
    }

    /** The narrow kernels: one column with a transposed A and a contiguous C (the head's weight gradient). */
    @Test
    void singleContiguousColumnWithTransposedA() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int m : new int[]{8, 13, 32, 45, 200}) {
            for (boolean acc : new boolean[]{false, true}) {
                int k = 17, acs = m + 2;
                float[] a = Reference.randomFloats(rng, k * acs + 1);
                float[] b = Reference.randomFloats(rng, 3 * k);
                float[] c = Reference.randomFloats(rng, m);
                float[] before = c.clone();
                gemm.multiply(m, 1, k, a, 1, 1, acs, b, 0, 3, c, 0, 1, acc);
                for (int i = 0; i < m; i++) {
                    double s = acc ? before[i] : 0;
                    for (int p = 0; p < k; p++) s += (double) a[1 + i + p * acs] * b[3 * p];
                    assertEquals(s, c[i], 1e-5 * (k + 1), "m=" + m + " row " + i);
                }
            }
        }
    }

    /** A with overlapping rows (row stride < k), as the convolutions read their im2col matrix. */
    @Test
    void overlappingRows() {
        SplittableRandom rng = new SplittableRandom(2);
        int m = 11, n = 19, k = 15, ars = 3;
        float[] a = Reference.randomFloats(rng, ars * m + k + 4);
        float[] b = Reference.randomFloats(rng, k * n);
        float[] c = new float[m * n];
        gemm.multiply(m, n, k, a, 2, ars, 1, b, 0, n, c, 0, n, false);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += (double) a[2 + i * ars + p] * b[p * n + j];
                assertEquals(s, c[i * n + j], 1e-5 * k);
            }
        }
    }

    private void check(SplittableRandom rng, int m, int n, int k, boolean transposedA, boolean acc) {
        int lda = k + 3, ldb = n + 2, ldc = n + 5;
        int rows = transposedA ? k : m;
        float[] a = Reference.randomFloats(rng, 1 + rows * (transposedA ? m + 3 : lda));
        int ars = transposedA ? 1 : lda;
        int acs = transposedA ? m + 3 : 1;
        float[] b = Reference.randomFloats(rng, 2 + k * ldb);
        float[] c = Reference.randomFloats(rng, 3 + m * ldc);
        float[] before = c.clone();
        gemm.multiply(m, n, k, a, 1, ars, acs, b, 2, ldb, c, 3, ldc, acc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = acc ? before[3 + i * ldc + j] : 0;
                for (int p = 0; p < k; p++) s += (double) a[1 + i * ars + p * acs] * b[2 + p * ldb + j];
                assertEquals(s, c[3 + i * ldc + j], 1e-5 * (k + 1), () -> "m=" + m + " n=" + n + " k=" + k);
            }
            // columns beyond n are not touched
            for (int j = n; j < ldc && 3 + i * ldc + j < c.length; j++) {
                assertEquals(before[3 + i * ldc + j], c[3 + i * ldc + j]);
            }
        }
    }
}
