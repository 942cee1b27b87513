package dana.nn;

import static dana.nn.Simd.F;
import static dana.nn.Simd.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * {@link Gemm} with Vector API register-blocked micro-kernels: a tile of 4 rows of C by up to 3 vectors of
 * columns is held in 12 accumulators (AVX2 has 16 vector registers: 12 accumulators, 3 rows of B and one
 * broadcast of A), and the k loop does one broadcast of A per row and one load of B per vector per step.
 * Columns are the vectorised direction because every product in the engine has B rows contiguous (weights or
 * activation rows, channels last). Tiles are visited column panel by column panel so that a panel of B (at
 * most k x 3 vectors) stays in L1 while all row blocks of A stream past it; B is not packed since its panels
 * are read in place with one stride per row, and the engine's B matrices are at most a few tens of KB.
 *
 * <p>Every kernel, edge kernels included, sums each C element in increasing p by one fused multiply-add per
 * term, so a result does not depend on where the element falls in the blocking (and hence on the batch
 * size or the position of a sample in the batch).
 */
public final class VectorGemm implements Gemm {

    private static final int MR = 4;

    @Override
    public void multiply(int m, int n, int k,
                         float[] a, int aOff, int ars, int acs,
                         float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc,
                         boolean accumulate) {
        if (m <= 0 || n <= 0) return;
        if (k <= 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
            return;
        }
        int j = 0;
        while (j < n) {
            int left = n - j;
            int vectors = left >= 3 * L ? 3 : left >= 2 * L ? 2 : left >= L ? 1 : 0;
            int i = 0;
            if (vectors == 2) {
                // two vectors of columns leave room for six rows of accumulators (12 of 16 registers)
                for (; i + 6 <= m; i += 6) {
                    k6x2(k, a, aOff + i * ars, ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, accumulate);
                }
            }
            for (; i + MR <= m; i += MR) {
                int ai = aOff + i * ars;
                int ci = cOff + i * ldc + j;
                switch (vectors) {
                    case 3 -> k4x3(k, a, ai, ars, acs, b, bOff + j, ldb, c, ci, ldc, accumulate);
                    case 2 -> k4x2(k, a, ai, ars, acs, b, bOff + j, ldb, c, ci, ldc, accumulate);
                    case 1 -> k4x1(k, a, ai, ars, acs, b, bOff + j, ldb, c, ci, ldc, accumulate);
                    default -> k4xMasked(k, left, a, ai, ars, acs, b, bOff + j, ldb, c, ci, ldc, accumulate);
                }
            }
            int width = vectors == 0 ? left : vectors * L;
            for (; i < m; i++) {
                k1(k, width, a, aOff + i * ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j, accumulate);
            }
            j += width;
        }
    }

    private static FloatVector start(float[] c, int off, boolean accumulate) {
        return accumulate ? FloatVector.fromArray(F, c, off) : FloatVector.zero(F);
    }

    private static void k4x3(int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
                             float[] c, int c0, int ldc, boolean acc) {
        int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        FloatVector x00 = start(c, c0, acc), x01 = start(c, c0 + L, acc), x02 = start(c, c0 + 2 * L, acc);
        FloatVector x10 = start(c, c1, acc), x11 = start(c, c1 + L, acc), x12 = start(c, c1 + 2 * L, acc);
        FloatVector x20 = start(c, c2, acc), x21 = start(c, c2 + L, acc), x22 = start(c, c2 + 2 * L, acc);
        FloatVector x30 = start(c, c3, acc), x31 = start(c, c3 + L, acc), x32 = start(c, c3 + 2 * L, acc);
        int pa = a0, pb = b0;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            FloatVector b0v = FloatVector.fromArray(F, b, pb);
            FloatVector b1v = FloatVector.fromArray(F, b, pb + L);
            FloatVector b2v = FloatVector.fromArray(F, b, pb + 2 * L);
            FloatVector av = FloatVector.broadcast(F, a[pa]);
            x00 = av.fma(b0v, x00); x01 = av.fma(b1v, x01); x02 = av.fma(b2v, x02);
            av = FloatVector.broadcast(F, a[pa + ars]);
            x10 = av.fma(b0v, x10); x11 = av.fma(b1v, x11); x12 = av.fma(b2v, x12);
            av = FloatVector.broadcast(F, a[pa + 2 * ars]);
            x20 = av.fma(b0v, x20); x21 = av.fma(b1v, x21); x22 = av.fma(b2v, x22);
            av = FloatVector.broadcast(F, a[pa + 3 * ars]);
            x30 = av.fma(b0v, x30); x31 = av.fma(b1v, x31); x32 = av.fma(b2v, x32);
        }
        x00.intoArray(c, c0); x01.intoArray(c, c0 + L); x02.intoArray(c, c0 + 2 * L);
        x10.intoArray(c, c1); x11.intoArray(c, c1 + L); x12.intoArray(c, c1 + 2 * L);
        x20.intoArray(c, c2); x21.intoArray(c, c2 + L); x22.intoArray(c, c2 + 2 * L);
        x30.intoArray(c, c3); x31.intoArray(c, c3 + L); x32.intoArray(c, c3 + 2 * L);
    }

    private static void k6x2(int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
                             float[] c, int c0, int ldc, boolean acc) {
        int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
        FloatVector x00 = start(c, c0, acc), x01 = start(c, c0 + L, acc);
        FloatVector x10 = start(c, c1, acc), x11 = start(c, c1 + L, acc);
        FloatVector x20 = start(c, c2, acc), x21 = start(c, c2 + L, acc);
        FloatVector x30 = start(c, c3, acc), x31 = start(c, c3 + L, acc);
        FloatVector x40 = start(c, c4, acc), x41 = start(c, c4 + L, acc);
        FloatVector x50 = start(c, c5, acc), x51 = start(c, c5 + L, acc);
        int pa = a0, pb = b0;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            FloatVector b0v = FloatVector.fromArray(F, b, pb);
            FloatVector b1v = FloatVector.fromArray(F, b, pb + L);
            FloatVector av = FloatVector.broadcast(F, a[pa]);
            x00 = av.fma(b0v, x00); x01 = av.fma(b1v, x01);
            av = FloatVector.broadcast(F, a[pa + ars]);
            x10 = av.fma(b0v, x10); x11 = av.fma(b1v, x11);
            av = FloatVector.broadcast(F, a[pa + 2 * ars]);
            x20 = av.fma(b0v, x20); x21 = av.fma(b1v, x21);
            av = FloatVector.broadcast(F, a[pa + 3 * ars]);
            x30 = av.fma(b0v, x30); x31 = av.fma(b1v, x31);
            av = FloatVector.broadcast(F, a[pa + 4 * ars]);
            x40 = av.fma(b0v, x40); x41 = av.fma(b1v, x41);
            av = FloatVector.broadcast(F, a[pa + 5 * ars]);
            x50 = av.fma(b0v, x50); x51 = av.fma(b1v, x51);
        }
        x00.intoArray(c, c0); x01.intoArray(c, c0 + L);
        x10.intoArray(c, c1); x11.intoArray(c, c1 + L);
        x20.intoArray(c, c2); x21.intoArray(c, c2 + L);
        x30.intoArray(c, c3); x31.intoArray(c, c3 + L);
        x40.intoArray(c, c4); x41.intoArray(c, c4 + L);
        x50.intoArray(c, c5); x51.intoArray(c, c5 + L);
    }

    private static void k4x2(int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
                             float[] c, int c0, int ldc, boolean acc) {
        int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        FloatVector x00 = start(c, c0, acc), x01 = start(c, c0 + L, acc);
        FloatVector x10 = start(c, c1, acc), x11 = start(c, c1 + L, acc);
        FloatVector x20 = start(c, c2, acc), x21 = start(c, c2 + L, acc);
        FloatVector x30 = start(c, c3, acc), x31 = start(c, c3 + L, acc);
        int pa = a0, pb = b0;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            FloatVector b0v = FloatVector.fromArray(F, b, pb);
            FloatVector b1v = FloatVector.fromArray(F, b, pb + L);
            FloatVector av = FloatVector.broadcast(F, a[pa]);
            x00 = av.fma(b0v, x00); x01 = av.fma(b1v, x01);
            av = FloatVector.broadcast(F, a[pa + ars]);
            x10 = av.fma(b0v, x10); x11 = av.fma(b1v, x11);
            av = FloatVector.broadcast(F, a[pa + 2 * ars]);
            x20 = av.fma(b0v, x20); x21 = av.fma(b1v, x21);
            av = FloatVector.broadcast(F, a[pa + 3 * ars]);
            x30 = av.fma(b0v, x30); x31 = av.fma(b1v, x31);
        }
        x00.intoArray(c, c0); x01.intoArray(c, c0 + L);
        x10.intoArray(c, c1); x11.intoArray(c, c1 + L);
        x20.intoArray(c, c2); x21.intoArray(c, c2 + L);
        x30.intoArray(c, c3); x31.intoArray(c, c3 + L);
    }

    private static void k4x1(int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
                             float[] c, int c0, int ldc, boolean acc) {
        int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        FloatVector x0 = start(c, c0, acc), x1 = start(c, c1, acc), x2 = start(c, c2, acc), x3 = start(c, c3, acc);
        int pa = a0, pb = b0;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            FloatVector bv = FloatVector.fromArray(F, b, pb);
            x0 = FloatVector.broadcast(F, a[pa]).fma(bv, x0);
            x1 = FloatVector.broadcast(F, a[pa + ars]).fma(bv, x1);
            x2 = FloatVector.broadcast(F, a[pa + 2 * ars]).fma(bv, x2);
            x3 = FloatVector.broadcast(F, a[pa + 3 * ars]).fma(bv, x3);
        }
        x0.intoArray(c, c0); x1.intoArray(c, c1); x2.intoArray(c, c2); x3.intoArray(c, c3);
    }

    /** Four rows by fewer than one vector of columns (the last columns of C, or a C narrower than a vector). */
    private static void k4xMasked(int k, int width, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
                                  float[] c, int c0, int ldc, boolean acc) {
        VectorMask<Float> mask = F.indexInRange(0, width);
        int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        FloatVector x0 = startMasked(c, c0, acc, mask), x1 = startMasked(c, c1, acc, mask);
        FloatVector x2 = startMasked(c, c2, acc, mask), x3 = startMasked(c, c3, acc, mask);
        int pa = a0, pb = b0;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            FloatVector bv = FloatVector.fromArray(F, b, pb, mask);
            x0 = FloatVector.broadcast(F, a[pa]).fma(bv, x0);
            x1 = FloatVector.broadcast(F, a[pa + ars]).fma(bv, x1);
            x2 = FloatVector.broadcast(F, a[pa + 2 * ars]).fma(bv, x2);
            x3 = FloatVector.broadcast(F, a[pa + 3 * ars]).fma(bv, x3);
        }
        x0.intoArray(c, c0, mask); x1.intoArray(c, c1, mask); x2.intoArray(c, c2, mask); x3.intoArray(c, c3, mask);
    }

    private static FloatVector startMasked(float[] c, int off, boolean accumulate, VectorMask<Float> mask) {
        return accumulate ? FloatVector.fromArray(F, c, off, mask) : FloatVector.zero(F);
    }

    /** One row of C, {@code width} columns (at most 3 vectors): the rows left over below the 4-row blocks. */
    private static void k1(int k, int width, float[] a, int a0, int acs, float[] b, int b0, int ldb,
                           float[] c, int c0, boolean acc) {
        for (int j = 0; j < width; j += L) {
            VectorMask<Float> mask = F.indexInRange(j, width);
            FloatVector x = startMasked(c, c0 + j, acc, mask);
            int pa = a0, pb = b0 + j;
            for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
                x = FloatVector.broadcast(F, a[pa]).fma(FloatVector.fromArray(F, b, pb, mask), x);
            }
            x.intoArray(c, c0 + j, mask);
        }
    }
}
