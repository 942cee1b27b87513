package dana.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Each kernel against the plain loop its documentation gives, bit for bit (assertArrayEquals on doubles compares
 * their bits, so even a -0.0 for a 0.0 fails), over lengths that exercise every block size and the scalar tail,
 * with offsets and strides as the filters use them.
 */
class VectorOpsTest {

    private static double[] random(SplittableRandom rng, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = rng.nextDouble(-3, 3) * Math.exp(rng.nextDouble(-5, 5));
        return a;
    }

    @Test
    void addRowsIsThePlainLoop() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int len = 0; len <= 45; len++) {
            for (int rows : new int[] {0, 1, 3, 20, 41}) {
                int yOff = rng.nextInt(5), coefOff = rng.nextInt(5), coefStride = 1 + rng.nextInt(3);
                int xOff = rng.nextInt(5), xStride = len + rng.nextInt(4);
                double[] coef = random(rng, coefOff + coefStride * rows + 1);
                double[] x = random(rng, xOff + xStride * rows + len + 1);
                double[] y = random(rng, yOff + len + 3);
                double[] expected = y.clone();
                for (int c = 0; c < rows; c++) {
                    for (int i = 0; i < len; i++) {
                        expected[yOff + i] += coef[coefOff + c * coefStride] * x[xOff + c * xStride + i];
                    }
                }
                VectorOps.addRows(y, yOff, len, coef, coefOff, coefStride, x, xOff, xStride, rows);
                assertArrayEquals(expected, y, "len " + len + " rows " + rows);
            }
        }
    }

    @Test
    void outerUpdatesAreThePlainLoops() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int len = 0; len <= 23; len++) {
            for (int rows : new int[] {0, 1, 2, 7, 19}) {
                int off = rng.nextInt(4), stride = len + rng.nextInt(3);
                double[] h = random(rng, rows), b = random(rng, rows), t = random(rng, len), q = random(rng, len);
                double[] y = random(rng, off + stride * rows + len + 1);
                double[] e1 = y.clone(), e2 = y.clone(), y2 = y.clone();
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < len; i++) {
                        e1[off + r * stride + i] -= h[r] * t[i];
                        e2[off + r * stride + i] -= h[r] * t[i] + b[r] * q[i];
                    }
                }
                VectorOps.subOuter(y, off, stride, rows, h, t, len);
                VectorOps.subOuterTwo(y2, off, stride, rows, h, t, b, q, len);
                assertArrayEquals(e1, y, "subOuter len " + len + " rows " + rows);
                assertArrayEquals(e2, y2, "subOuterTwo len " + len + " rows " + rows);
            }
        }
    }

    @Test
    void rotationsAreThePlainLoops() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int n = 1; n <= 23; n++) {
            double[] v = random(rng, n * n), cs = new double[n], sn = new double[n];
            for (int k = 0; k < n; k++) {
                double a = rng.nextDouble(0, 2 * Math.PI);
                cs[k] = Math.cos(a);
                sn[k] = Math.sin(a);
            }
            int lo = rng.nextInt(n), hi = lo + rng.nextInt(n - lo);
            double[] expected = v.clone(), chained = v.clone(), single = v.clone();
            for (int k = lo; k < hi; k++) {
                for (int i = 0; i < n; i++) {
                    double q0 = expected[k * n + i], q1 = expected[(k + 1) * n + i];
                    expected[k * n + i] = cs[k] * q0 - sn[k] * q1;
                    expected[(k + 1) * n + i] = sn[k] * q0 + cs[k] * q1;
                }
                VectorOps.rotateRows(single, k * n, (k + 1) * n, n, cs[k], sn[k]);
            }
            VectorOps.rotateChain(chained, n, lo, hi, cs, sn);
            assertArrayEquals(expected, single, "rotateRows n " + n);
            assertArrayEquals(expected, chained, "rotateChain n " + n + " rows " + lo + ".." + hi);
        }
    }
}
