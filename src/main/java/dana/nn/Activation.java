package dana.nn;

import static dana.nn.Simd.F;
import static dana.nn.Simd.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
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
 * float precision), e^r by its Taylor polynomial of degree 7 (truncation < 1e-8 relative), 2^k assembled in
 * the exponent bits; x clamped to [-87, 88] so that 2^k stays a normal float. Error: a few ulp.
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
        if (this == IDENTITY) {
            identity(rows, channels, z, zOff, bias, biasOff, out, outOff, residual, resOff, derivative, dOff);
            return;
        }
        FloatVector vAlpha = FloatVector.broadcast(F, alpha);
        FloatVector vBeta = FloatVector.broadcast(F, beta);
        FloatVector vBeta3 = FloatVector.broadcast(F, 3 * beta);
        FloatVector vP = FloatVector.broadcast(F, p);
        FloatVector vQ = FloatVector.broadcast(F, q);
        FloatVector vOffset = FloatVector.broadcast(F, offset);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int r = 0; r < rows; r++) {
            int row = r * channels;
            for (int c = 0; c < channels; c += L) {
                VectorMask<Float> m = F.indexInRange(c, channels);
                FloatVector v = FloatVector.fromArray(F, z, zOff + row + c, m)
                        .add(FloatVector.fromArray(F, bias, biasOff + c, m));
                // s from z clamped to +-1e4 (sigma is saturated far before): z^2 stays finite, so 0 * z^2
                // (SiLU, tanh) cannot make a NaN
                FloatVector vc = v.max(-1e4f).min(1e4f);
                FloatVector v2 = vc.mul(vc);
                FloatVector s = v2.fma(vBeta, vAlpha).mul(vc);
                // e = exp(-s), inline (see the class comment)
                FloatVector x = s.neg().max(-87f).min(88f);
                FloatVector k = x.fma(LOG2E, ROUND).sub(ROUND);
                FloatVector red = k.fma(FloatVector.broadcast(F, -LN2_HI), x);
                red = k.fma(FloatVector.broadcast(F, -LN2_LO), red);
                FloatVector poly = red.fma(1f / 5040, 1f / 720);
                poly = poly.fma(red, FloatVector.broadcast(F, 1f / 120));
                poly = poly.fma(red, FloatVector.broadcast(F, 1f / 24));
                poly = poly.fma(red, FloatVector.broadcast(F, 1f / 6));
                poly = poly.fma(red, FloatVector.broadcast(F, 0.5f));
                poly = poly.fma(red, one);
                poly = poly.fma(red, one);
                IntVector bits = ((IntVector) k.convert(VectorOperators.F2I, 0)).add(127)
                        .lanewise(VectorOperators.LSHL, 23);
                FloatVector e = poly.mul(bits.reinterpretAsFloats());
                FloatVector sigma = one.div(e.add(1f));
                // value = p z sigma + q sigma + offset
                FloatVector pzs = vP.mul(v).mul(sigma);
                FloatVector y = vQ.fma(sigma, pzs).add(vOffset);
                if (residual != null) {
                    y.add(FloatVector.fromArray(F, residual, resOff + row + c, m)).intoArray(out, outOff + row + c, m);
                } else {
                    y.intoArray(out, outOff + row + c, m);
                }
                if (derivative != null) {
                    // sigma'(s) s' = sigma^2 e (alpha + 3 beta z^2); derivative = p (sigma + z sigma' s') + q sigma' s'
                    FloatVector ds = sigma.mul(sigma).mul(e).mul(v2.fma(vBeta3, vAlpha));
                    FloatVector d = vP.mul(v.fma(ds, sigma)).add(vQ.mul(ds));
                    d.intoArray(derivative, dOff + row + c, m);
                }
            }
        }
    }

    private static void identity(int rows, int channels, float[] z, int zOff, float[] bias, int biasOff,
                                 float[] out, int outOff, float[] residual, int resOff,
                                 float[] derivative, int dOff) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int r = 0; r < rows; r++) {
            int row = r * channels;
            for (int c = 0; c < channels; c += L) {
                VectorMask<Float> m = F.indexInRange(c, channels);
                FloatVector y = FloatVector.fromArray(F, z, zOff + row + c, m)
                        .add(FloatVector.fromArray(F, bias, biasOff + c, m));
                if (residual != null) {
                    y.add(FloatVector.fromArray(F, residual, resOff + row + c, m)).intoArray(out, outOff + row + c, m);
                } else {
                    y.intoArray(out, outOff + row + c, m);
                }
                if (derivative != null) one.intoArray(derivative, dOff + row + c, m);
            }
        }
    }

    /** {@code out[i] = act(z[i])} and {@code derivative[i] = act'(z[i])} (if not null) for {@code i < n}. */
    public void apply(int n, float[] z, int zOff, float[] out, int outOff, float[] derivative, int dOff) {
        biasActivate(1, n, z, zOff, new float[n], 0, out, outOff, null, 0, derivative, dOff);
    }
}
