package dana.filter;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The loops of the ensemble-space algebra (Ne x Ne and Ne x Nx row-major arrays) written with the Vector API.
 * Each kernel does exactly the arithmetic of the plain loop its comment gives: the same products and sums,
 * each rounded (separate multiply and add, never a fused multiply-add), in the same order for every element;
 * only the lanes of a vector are elements computed side by side. Results are therefore bit-identical to the
 * plain loops (VectorOpsTest checks it), which matters because some filter settings are marginal down to
 * roundoff (docs/filters.md). What the vectors buy is throughput on rows of 10-40 doubles, where the JIT's own
 * vectorisation of the plain loops re-reads and re-writes the accumulated row from memory at every term.
 */
final class VectorOps {

    /** dana's vector width ({@link dana.util.VectorWidth}: 4 doubles); a compile-time constant for C2. */
    static final VectorSpecies<Double> D = dana.util.VectorWidth.DOUBLE;
    /** Doubles per vector. */
    static final int L = D.length();

    private VectorOps() {
    }

    /**
     * Adds a linear combination of rows:
     * <pre>
     *   for c in 0..rows-1: for i in 0..len-1: y[yOff + i] += coef[coefOff + c * coefStride] * x[xOff + c * xStride + i]
     * </pre>
     * Blocks of y are kept in registers while the rows are summed into them, in ascending c as the loop does.
     */
    static void addRows(double[] y, int yOff, int len, double[] coef, int coefOff, int coefStride,
                        double[] x, int xOff, int xStride, int rows) {
        int i = 0;
        for (; i + 4 * L <= len; i += 4 * L) {
            int yi = yOff + i;
            DoubleVector s0 = DoubleVector.fromArray(D, y, yi), s1 = DoubleVector.fromArray(D, y, yi + L);
            DoubleVector s2 = DoubleVector.fromArray(D, y, yi + 2 * L), s3 = DoubleVector.fromArray(D, y, yi + 3 * L);
            for (int c = 0, k = coefOff, xc = xOff + i; c < rows; c++, k += coefStride, xc += xStride) {
                double kc = coef[k];
                s0 = s0.add(DoubleVector.fromArray(D, x, xc).mul(kc));
                s1 = s1.add(DoubleVector.fromArray(D, x, xc + L).mul(kc));
                s2 = s2.add(DoubleVector.fromArray(D, x, xc + 2 * L).mul(kc));
                s3 = s3.add(DoubleVector.fromArray(D, x, xc + 3 * L).mul(kc));
            }
            s0.intoArray(y, yi);
            s1.intoArray(y, yi + L);
            s2.intoArray(y, yi + 2 * L);
            s3.intoArray(y, yi + 3 * L);
        }
        for (; i + 2 * L <= len; i += 2 * L) {
            int yi = yOff + i;
            DoubleVector s0 = DoubleVector.fromArray(D, y, yi), s1 = DoubleVector.fromArray(D, y, yi + L);
            for (int c = 0, k = coefOff, xc = xOff + i; c < rows; c++, k += coefStride, xc += xStride) {
                double kc = coef[k];
                s0 = s0.add(DoubleVector.fromArray(D, x, xc).mul(kc));
                s1 = s1.add(DoubleVector.fromArray(D, x, xc + L).mul(kc));
            }
            s0.intoArray(y, yi);
            s1.intoArray(y, yi + L);
        }
        for (; i + L <= len; i += L) {
            int yi = yOff + i;
            DoubleVector s0 = DoubleVector.fromArray(D, y, yi);
            for (int c = 0, k = coefOff, xc = xOff + i; c < rows; c++, k += coefStride, xc += xStride) {
                s0 = s0.add(DoubleVector.fromArray(D, x, xc).mul(coef[k]));
            }
            s0.intoArray(y, yi);
        }
        // the tail two elements at a time: two independent sums in one loop overlap their latencies
        for (; i + 2 <= len; i += 2) {
            double s0 = y[yOff + i], s1 = y[yOff + i + 1];
            for (int c = 0, k = coefOff, xc = xOff + i; c < rows; c++, k += coefStride, xc += xStride) {
                double kc = coef[k];
                s0 += kc * x[xc];
                s1 += kc * x[xc + 1];
            }
            y[yOff + i] = s0;
            y[yOff + i + 1] = s1;
        }
        if (i < len) {
            double s = y[yOff + i];
            for (int c = 0, k = coefOff, xc = xOff + i; c < rows; c++, k += coefStride, xc += xStride) {
                s += coef[k] * x[xc];
            }
            y[yOff + i] = s;
        }
    }

    /**
     * Subtracts a rank-one matrix from a block of rows:
     * <pre>
     *   for r in 0..rows-1: for i in 0..len-1: y[yOff + r * yStride + i] -= h[r] * t[i]
     * </pre>
     */
    static void subOuter(double[] y, int yOff, int yStride, int rows, double[] h, double[] t, int len) {
        int i = 0;
        for (; i + L <= len; i += L) {
            DoubleVector tv = DoubleVector.fromArray(D, t, i);
            for (int r = 0, yr = yOff + i; r < rows; r++, yr += yStride) {
                DoubleVector.fromArray(D, y, yr).sub(tv.mul(h[r])).intoArray(y, yr);
            }
        }
        for (; i < len; i++) {
            for (int r = 0, yr = yOff + i; r < rows; r++, yr += yStride) y[yr] -= h[r] * t[i];
        }
    }

    /**
     * Subtracts a rank-two matrix from a block of rows (the symmetric rank-two update of a Householder step):
     * <pre>
     *   for r in 0..rows-1: for i in 0..len-1: y[yOff + r * yStride + i] -= a[r] * p[i] + b[r] * q[i]
     * </pre>
     */
    static void subOuterTwo(double[] y, int yOff, int yStride, int rows, double[] a, double[] p, double[] b,
                            double[] q, int len) {
        int i = 0;
        for (; i + L <= len; i += L) {
            DoubleVector pv = DoubleVector.fromArray(D, p, i), qv = DoubleVector.fromArray(D, q, i);
            for (int r = 0, yr = yOff + i; r < rows; r++, yr += yStride) {
                DoubleVector u = pv.mul(a[r]).add(qv.mul(b[r]));
                DoubleVector.fromArray(D, y, yr).sub(u).intoArray(y, yr);
            }
        }
        for (; i < len; i++) {
            for (int r = 0, yr = yOff + i; r < rows; r++, yr += yStride) y[yr] -= a[r] * p[i] + b[r] * q[i];
        }
    }

    /**
     * A plane rotation of two rows of v:
     * <pre>
     *   for i < len: (v[r0 + i], v[r1 + i]) = (c v[r0 + i] - s v[r1 + i], s v[r0 + i] + c v[r1 + i])
     * </pre>
     */
    static void rotateRows(double[] v, int r0, int r1, int len, double c, double s) {
        int i = 0;
        for (; i + L <= len; i += L) {
            DoubleVector q0 = DoubleVector.fromArray(D, v, r0 + i), q1 = DoubleVector.fromArray(D, v, r1 + i);
            q0.mul(c).sub(q1.mul(s)).intoArray(v, r0 + i);
            q0.mul(s).add(q1.mul(c)).intoArray(v, r1 + i);
        }
        for (; i < len; i++) {
            double q0 = v[r0 + i], q1 = v[r1 + i];
            v[r0 + i] = c * q0 - s * q1;
            v[r1 + i] = s * q0 + c * q1;
        }
    }

    /**
     * A chain of plane rotations of adjacent rows of the n-column row-major v, in order k = lo..hi-1:
     * <pre>
     *   for k in lo..hi-1: rotateRows(v, k * n, (k + 1) * n, n, cs[k], sn[k])
     * </pre>
     * Row k is final once rotation k is done (later rotations touch rows k+1.. only), so each block of columns
     * carries the row being rotated in a register down the chain instead of storing and reloading it.
     */
    static void rotateChain(double[] v, int n, int lo, int hi, double[] cs, double[] sn) {
        int i = 0;
        for (; i + L <= n; i += L) {
            DoubleVector q0 = DoubleVector.fromArray(D, v, lo * n + i);
            for (int k = lo; k < hi; k++) {
                DoubleVector q1 = DoubleVector.fromArray(D, v, (k + 1) * n + i);
                double c = cs[k], s = sn[k];
                q0.mul(c).sub(q1.mul(s)).intoArray(v, k * n + i);
                q0 = q0.mul(s).add(q1.mul(c));
            }
            q0.intoArray(v, hi * n + i);
        }
        for (; i < n; i++) {
            double q0 = v[lo * n + i];
            for (int k = lo; k < hi; k++) {
                double q1 = v[(k + 1) * n + i], c = cs[k], s = sn[k];
                v[k * n + i] = c * q0 - s * q1;
                q0 = s * q0 + c * q1;
            }
            v[hi * n + i] = q0;
        }
    }
}
