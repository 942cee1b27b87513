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
 * <p>Products with fewer columns than half a vector (the head's one or two output channels, the stem's input
 * gradient) would waste most lanes of these kernels: they go to two narrow kernels instead, dot products
 * along k when A's rows are contiguous, or vectors down the rows when A is a transposed view.
 *
 * <p>Every C element is summed in an order fixed by the shape of the call: by one fused multiply-add per term
 * in increasing p (all kernels but the dot-product one, which keeps L interleaved partial sums and adds them
 * at the end). So a result does not depend on where the element falls in the blocking, on the batch size or on
 * the position of a sample in the batch.
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
        if (2 * n <= L && acs == 1 && k >= L) {
            narrowDot(m, n, k, a, aOff, ars, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        if (n == 1 && ldc == 1 && ars == 1 && m >= L) {
            narrowColumn(m, k, a, aOff, acs, b, bOff, ldb, c, cOff, accumulate);
            return;
        }
        int j = 0;
        while (j < n) {
            int left = n - j;
            int vectors = left >= 3 * L ? 3 : left >= 2 * L ? 2 : left >= L ? 1 : 0;
            int i = 0;
            if (vectors == 2) {
                // two vectors of columns leave room for six rows of accumulators (12 of 16 registers); as many
                // 6-row blocks as leave a multiple of 4 rows, so no row falls to the slow one-row kernel
                int sixes = m / 6;
                while (sixes > 0 && (m - 6 * sixes) % MR != 0) sixes--;
                for (; i < 6 * sixes; i += 6) {
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

    /**
     * Few columns, A rows contiguous along k: each C element is a dot product along k of a row of A and a
     * column of B (copied contiguous first), vectorised along k, four rows at a time.
     */
    private static void narrowDot(int m, int n, int k, float[] a, int aOff, int ars, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc, boolean acc) {
        float[] col = new float[k];
        int kv = k - k % L;
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) col[p] = b[bOff + p * ldb + j];
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                int r0 = aOff + i * ars, r1 = r0 + ars, r2 = r1 + ars, r3 = r2 + ars;
                FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0; p < kv; p += L) {
                    FloatVector bv = FloatVector.fromArray(F, col, p);
                    s0 = FloatVector.fromArray(F, a, r0 + p).fma(bv, s0);
                    s1 = FloatVector.fromArray(F, a, r1 + p).fma(bv, s1);
                    s2 = FloatVector.fromArray(F, a, r2 + p).fma(bv, s2);
                    s3 = FloatVector.fromArray(F, a, r3 + p).fma(bv, s3);
                }
                c[cOff + i * ldc + j] = finishDot(s0, a, r0, col, kv, k, c, cOff + i * ldc + j, acc);
                c[cOff + (i + 1) * ldc + j] = finishDot(s1, a, r1, col, kv, k, c, cOff + (i + 1) * ldc + j, acc);
                c[cOff + (i + 2) * ldc + j] = finishDot(s2, a, r2, col, kv, k, c, cOff + (i + 2) * ldc + j, acc);
                c[cOff + (i + 3) * ldc + j] = finishDot(s3, a, r3, col, kv, k, c, cOff + (i + 3) * ldc + j, acc);
            }
            for (; i < m; i++) {
                int r0 = aOff + i * ars;
                FloatVector s0 = FloatVector.zero(F);
                for (int p = 0; p < kv; p += L) {
                    s0 = FloatVector.fromArray(F, a, r0 + p).fma(FloatVector.fromArray(F, col, p), s0);
                }
                c[cOff + i * ldc + j] = finishDot(s0, a, r0, col, kv, k, c, cOff + i * ldc + j, acc);
            }
        }
    }

    /** The lanes' sum, the scalar tail of the dot product, then the old C value if accumulating. */
    private static float finishDot(FloatVector lanes, float[] a, int row, float[] col, int from, int k,
                                   float[] c, int ci, boolean acc) {
        float sum = lanes.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        for (int p = from; p < k; p++) sum = Math.fma(a[row + p], col[p], sum);
        return acc ? c[ci] + sum : sum;
    }

    /**
     * One column, A a transposed view (rows adjacent in memory) and C a contiguous column: vectorised down the
     * rows, {@code C[i..i+L) += A(i..i+L, p) B[p]} with B broadcast, in increasing p.
     */
    private static void narrowColumn(int m, int k, float[] a, int aOff, int acs, float[] b, int bOff, int ldb,
                                     float[] c, int cOff, boolean acc) {
        int i = 0;
        for (; i + 4 * L <= m; i += 4 * L) {
            FloatVector x0 = start(c, cOff + i, acc), x1 = start(c, cOff + i + L, acc);
            FloatVector x2 = start(c, cOff + i + 2 * L, acc), x3 = start(c, cOff + i + 3 * L, acc);
            int pa = aOff + i, pb = bOff;
            for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
                FloatVector bv = FloatVector.broadcast(F, b[pb]);
                x0 = FloatVector.fromArray(F, a, pa).fma(bv, x0);
                x1 = FloatVector.fromArray(F, a, pa + L).fma(bv, x1);
                x2 = FloatVector.fromArray(F, a, pa + 2 * L).fma(bv, x2);
                x3 = FloatVector.fromArray(F, a, pa + 3 * L).fma(bv, x3);
            }
            x0.intoArray(c, cOff + i); x1.intoArray(c, cOff + i + L);
            x2.intoArray(c, cOff + i + 2 * L); x3.intoArray(c, cOff + i + 3 * L);
        }
        for (; i + L <= m; i += L) {
            FloatVector x0 = start(c, cOff + i, acc);
            int pa = aOff + i, pb = bOff;
            for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
                x0 = FloatVector.fromArray(F, a, pa).fma(FloatVector.broadcast(F, b[pb]), x0);
            }
            x0.intoArray(c, cOff + i);
        }
        for (; i < m; i++) {
            float x = acc ? c[cOff + i] : 0f;
            for (int p = 0; p < k; p++) x = Math.fma(a[aOff + i + p * acs], b[bOff + p * ldb], x);
            c[cOff + i] = x;
        }
    }
}
