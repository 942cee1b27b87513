package dana.nn;

import static dana.nn.Simd.F;
import static dana.nn.Simd.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Pointwise activations with their derivatives, on float vectors.
 *
 * <p>The three smooth ones are one formula with per-activation constants, built on the logistic sigmoid
 * {@code sigma(s) = 1 / (1 + e)}, {@code e = exp(-s)}:
 * <ul>
 *   <li>GELU (tanh approximation) = {@code z sigma(s)} with {@code s = 2c (z + a z^3)}, since
 *       {@code 0.5 (1 + tanh(u)) = sigma(2u)};</li>
 *   <li>SiLU = {@code z sigma(s)} with {@code s = z};</li>
 *   <li>tanh = {@code 2 sigma(s) - 1} with {@code s = 2z};</li>
 * </ul>
 * and {@code sigma' = sigma^2 e} (no cancellation where sigma is near 1). So every element costs one exp and
 * one division, and the derivative comes from the same exp in the same pass; it is stored for the backward
 * pass, which then needs one multiplication per element.
 *
 * <p>Why not the Vector API's {@code TANH}/{@code EXP}: measured here (AVX2) at ~2.3 and ~0.5-0.8 ns per
 * element (SVML calls) against ~0.2 ns for the FMA-only exp below, and every conv output goes through one
 * (at ~400 flops per output element, 1 ns is ~15% of a training step). And why all the vector code sits in
 * one loop: a helper method returning a vector that C2 declines to inline (it does once the helper has been
 * compiled on its own into large code) boxes every vector, which was measured 5-30x slower.
 *
 * <p>exp: Cody-Waite range reduction {@code x = k ln2 + r}, |r| <= ln2/2 (ln2 in two parts so r is exact to
 * float precision), e^r by a degree-5 polynomial evaluated with Estrin's scheme (a short dependency chain:
 * this loop is latency-bound, not throughput-bound), 2^k assembled in the exponent bits; x clamped to
 * [-87, 88] so that 2^k stays a normal float. Error: a few ulp.
 */
public enum Activation {

    /** GELU, tanh approximation: 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3))). */
    GELU(2 * Constants.GELU_C, 2 * Constants.GELU_C * Constants.GELU_A, 1, 0, 0),
    /** SiLU (swish): z sigma(z). */
    SILU(1, 0, 1, 0, 0),
    TANH(2, 0, 0, 2, -1),
    /** The identity, for a linear network (the baseline against which the nonlinearity is measured). */
    IDENTITY(0, 0, 0, 0, 0);

    /** Scalar constants of the approximations, in double (the float forms are derived from them). */
    private static final class Constants {
        static final double GELU_C = Math.sqrt(2 / Math.PI);
        static final double GELU_A = 0.044715;
    }

    private static final float LOG2E = 1.4426950408889634f;
    private static final float LN2_HI = 0.693145751953125f;  // few significant bits: k * LN2_HI is exact
    private static final float LN2_LO = 1.428606765330187e-6f;
    private static final float ROUND = 12582912f;            // + then - 1.5 * 2^23 rounds to an integer
    // e^r ~ 1 + E1 r + ... + E5 r^5 on |r| <= ln2/2: a near-minimax fit of the relative error (weighted least
    // squares iterated towards equal ripple, computed for this class), max relative error 9.5e-8 with these
    // float coefficients, i.e. under one float ulp; p(0) = 1 exactly
    private static final float E1 = 0.9999997f;
    private static final float E2 = 0.4999915f;
    private static final float E3 = 0.16667636f;
    private static final float E4 = 0.04189793f;
    private static final float E5 = 0.008290315f;

    // s = z (alpha + beta z^2); value = p z sigma + q sigma + offset; derivative from the same terms
    private final float alpha;
    private final float beta;
    private final float p;
    private final float q;
    private final float offset;

    Activation(double alpha, double beta, double p, double q, double offset) {
        this.alpha = (float) alpha;
        this.beta = (float) beta;
        this.p = (float) p;
        this.q = (float) q;
        this.offset = (float) offset;
    }

    /** The activation of z in double precision, with the standard library: the reference for tests. */
    public double valueScalar(double z) {
        return switch (this) {
            case GELU -> 0.5 * z * (1 + Math.tanh(Constants.GELU_C * (z + Constants.GELU_A * z * z * z)));
            case SILU -> z / (1 + Math.exp(-z));
            case TANH -> Math.tanh(z);
            case IDENTITY -> z;
        };
    }

    /** The derivative at z in double precision, with the standard library: the reference for tests. */
    public double derivativeScalar(double z) {
        return switch (this) {
            case GELU -> {
                double c = Constants.GELU_C, a = Constants.GELU_A;
                double t = Math.tanh(c * (z + a * z * z * z));
                yield 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * c * (1 + 3 * a * z * z);
            }
            case SILU -> {
                double s = 1 / (1 + Math.exp(-z));
                yield s * (1 + z * (1 - s));
            }
            case TANH -> 1 - Math.tanh(z) * Math.tanh(z);
            case IDENTITY -> 1;
        };
    }

    /**
     * The fused epilogue of a convolution, over {@code rows} rows of {@code channels} values, channels last:
     * with {@code v = z + bias[c]}, {@code out = act(v) (+ residual)} and {@code derivative = act'(v)} when
     * {@code derivative} is not null; {@code residual} may be null too. {@code out} may be {@code z} itself.
     * Rows are contiguous in every array (row stride = channels).
     */
    public void biasActivate(int rows, int channels, float[] z, int zOff, float[] bias, int biasOff,
                             float[] out, int outOff, float[] residual, int resOff,
                             float[] derivative, int dOff) {
        int full = channels - channels % L;
        for (int r = 0; r < rows; r++) {
            int row = r * channels;
            vectors(full / L, z, zOff + row, bias, biasOff, out, outOff + row, residual, resOff + row,
                    derivative, dOff + row);
        }
        if (full == channels) return;
        // the last partial vector of each row goes through L-float copies, so that the vector loop needs no
        // masks (masked stores are microcoded on AMD, ~10x a plain store)
        int tail = channels - full;
        float[] tz = new float[L], tb = new float[L], to = new float[L], tr = new float[L], td = new float[L];
        System.arraycopy(bias, biasOff + full, tb, 0, tail);
        for (int r = 0; r < rows; r++) {
            int at = r * channels + full;
            System.arraycopy(z, zOff + at, tz, 0, tail);
            if (residual != null) System.arraycopy(residual, resOff + at, tr, 0, tail);
            vectors(1, tz, 0, tb, 0, to, 0, residual == null ? null : tr, 0, derivative == null ? null : td, 0);
            System.arraycopy(to, 0, out, outOff + at, tail);
            if (derivative != null) System.arraycopy(td, 0, derivative, dOff + at, tail);
        }
    }

    /** {@code count} whole vectors from the given offsets (one row's worth: the bias advances with them). */
    private void vectors(int count, float[] z, int zOff, float[] bias, int biasOff, float[] out, int outOff,
                         float[] residual, int resOff, float[] derivative, int dOff) {
        int n = count * L;
        if (this == IDENTITY) {
            for (int i = 0; i < n; i += L) {
                FloatVector y = FloatVector.fromArray(F, z, zOff + i).add(FloatVector.fromArray(F, bias, biasOff + i));
                if (residual != null) {
                    y.add(FloatVector.fromArray(F, residual, resOff + i)).intoArray(out, outOff + i);
                } else {
                    y.intoArray(out, outOff + i);
                }
                if (derivative != null) FloatVector.broadcast(F, 1f).intoArray(derivative, dOff + i);
            }
            return;
        }
        FloatVector vAlpha = FloatVector.broadcast(F, alpha);
        FloatVector vNegAlpha = FloatVector.broadcast(F, -alpha);
        FloatVector vNegBeta = FloatVector.broadcast(F, -beta);
        FloatVector vBeta3 = FloatVector.broadcast(F, 3 * beta);
        FloatVector vP = FloatVector.broadcast(F, p);
        FloatVector vQ = FloatVector.broadcast(F, q);
        FloatVector vOffset = FloatVector.broadcast(F, offset);
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector vE1 = FloatVector.broadcast(F, E1), vE2 = FloatVector.broadcast(F, E2);
        FloatVector vE3 = FloatVector.broadcast(F, E3), vE4 = FloatVector.broadcast(F, E4);
        FloatVector vE5 = FloatVector.broadcast(F, E5);
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(F, z, zOff + i).add(FloatVector.fromArray(F, bias, biasOff + i));
            // s from z clamped to +-1e4 (sigma is saturated far before): z^2 stays finite, so 0 * z^2
            // (SiLU, tanh) cannot make a NaN
            FloatVector vc = v.max(-1e4f).min(1e4f);
            FloatVector v2 = vc.mul(vc);
            // e = exp(-s), inline (see the class comment); -s straight from negated constants
            FloatVector x = v2.fma(vNegBeta, vNegAlpha).mul(vc).max(-87f).min(88f);
            FloatVector k = x.fma(LOG2E, ROUND).sub(ROUND);
            FloatVector red = k.fma(FloatVector.broadcast(F, -LN2_HI), x);
            red = k.fma(FloatVector.broadcast(F, -LN2_LO), red);
            // e^r = 1 + r (c1 + c2 r + r^2 (c3 + c4 r + c5 r^2)): Estrin's scheme, a short dependency chain
            FloatVector r2 = red.mul(red);
            FloatVector q12 = red.fma(vE2, vE1);
            FloatVector q34 = red.fma(vE4, vE3);
            FloatVector poly = r2.fma(vE5, q34);
            poly = r2.fma(poly, q12);
            poly = red.fma(poly, one);
            IntVector bits = ((IntVector) k.convert(VectorOperators.F2I, 0)).add(127)
                    .lanewise(VectorOperators.LSHL, 23);
            FloatVector e = poly.mul(bits.reinterpretAsFloats());
            FloatVector sigma = one.div(e.add(1f));
            // value = p z sigma + q sigma + offset
            FloatVector y = vQ.fma(sigma, vP.mul(v).mul(sigma)).add(vOffset);
            if (residual != null) {
                y.add(FloatVector.fromArray(F, residual, resOff + i)).intoArray(out, outOff + i);
            } else {
                y.intoArray(out, outOff + i);
            }
            if (derivative != null) {
                // sigma'(s) s' = sigma^2 e (alpha + 3 beta z^2); derivative = p (sigma + z sigma' s') + q sigma' s'
                FloatVector ds = sigma.mul(sigma).mul(e).mul(v2.fma(vBeta3, vAlpha));
                vP.mul(v.fma(ds, sigma)).add(vQ.mul(ds)).intoArray(derivative, dOff + i);
            }
        }
    }

    /** {@code out[i] = act(z[i])} and {@code derivative[i] = act'(z[i])} (if not null) for {@code i < n}. */
    public void apply(int n, float[] z, int zOff, float[] out, int outOff, float[] derivative, int dOff) {
        biasActivate(1, n, z, zOff, new float[n], 0, out, outOff, null, 0, derivative, dOff);
    }
}
