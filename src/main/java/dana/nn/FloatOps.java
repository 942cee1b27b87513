package dana.nn;

import static dana.nn.Simd.F;
import static dana.nn.Simd.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/** Small vectorised kernels on float arrays shared by the network and the optimiser. */
final class FloatOps {

    private FloatOps() {
    }

    /** {@code dst[i] = a[i] * b[i]} for {@code i < n}. */
    static void multiply(int n, float[] a, int aOff, float[] b, int bOff, float[] dst, int dOff) {
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(F, a, aOff + i).mul(FloatVector.fromArray(F, b, bOff + i)).intoArray(dst, dOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, a, aOff + i, m).mul(FloatVector.fromArray(F, b, bOff + i, m))
                    .intoArray(dst, dOff + i, m);
        }
    }

    /** {@code dst[i] *= s} for i in [from, to). */
    static void scale(float[] dst, int from, int to, float s) {
        int i = from;
        for (; i + L <= to; i += L) FloatVector.fromArray(F, dst, i).mul(s).intoArray(dst, i);
        for (; i < to; i++) dst[i] *= s;
    }

    /**
     * Sum of squares of {@code a[from, to)}, in double: lanes are accumulated in float over blocks of 1024
     * elements (a small relative error) and the block sums in double, so large vectors lose no precision.
     */
    static double sumOfSquares(float[] a, int from, int to) {
        double total = 0;
        for (int block = from; block < to; block += 1024) {
            int end = Math.min(to, block + 1024);
            FloatVector acc = FloatVector.zero(F);
            int i = block;
            for (; i + L <= end; i += L) {
                FloatVector v = FloatVector.fromArray(F, a, i);
                acc = v.fma(v, acc);
            }
            double s = acc.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
            for (; i < end; i++) s += (double) a[i] * a[i];
            total += s;
        }
        return total;
    }

    /**
     * {@code dst[i] += sum_s parts[s][i]} for i in [from, to): the partial sums are added to each other in
     * increasing s first, then to dst, whatever thread calls this, so the result is reproducible.
     */
    static void addSums(float[][] parts, int count, float[] dst, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector s = FloatVector.fromArray(F, parts[0], i);
            for (int p = 1; p < count; p++) s = s.add(FloatVector.fromArray(F, parts[p], i));
            FloatVector.fromArray(F, dst, i).add(s).intoArray(dst, i);
        }
        for (; i < to; i++) {
            float s = parts[0][i];
            for (int p = 1; p < count; p++) s += parts[p][i];
            dst[i] += s;
        }
    }
}
