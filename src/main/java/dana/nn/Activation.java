package dana.nn;

import static dana.nn.Simd.F;
import static dana.nn.Simd.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Pointwise activations with their derivatives, computed with the Vector API's lanewise transcendental
 * operations ({@code TANH}, {@code EXP}): a scalar {@code Math.tanh} per element (~10 ns) doubled the
 * forward time of the prototype. The derivative is produced in the same pass as the value (it reuses the same
 * tanh or exp) and stored for the backward pass, which then needs one multiplication per element.
 */
public enum Activation {

    /** GELU, tanh approximation: 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3))). */
    GELU,
    /** SiLU (swish): z sigma(z). */
    SILU,
    TANH,
    /** The identity, for a linear network (the baseline against which the nonlinearity is measured). */
    IDENTITY;

    private static final double GELU_C = Math.sqrt(2 / Math.PI);
    private static final double GELU_A = 0.044715;
    private static final float GELU_CF = (float) GELU_C;
    private static final float GELU_AF = (float) GELU_A;
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);

    /** The activation of z in double precision, with the standard library: the reference for tests. */
    public double valueScalar(double z) {
        return switch (this) {
            case GELU -> 0.5 * z * (1 + Math.tanh(GELU_C * (z + GELU_A * z * z * z)));
            case SILU -> z / (1 + Math.exp(-z));
            case TANH -> Math.tanh(z);
            case IDENTITY -> z;
        };
    }

    /** The derivative at z in double precision, with the standard library: the reference for tests. */
    public double derivativeScalar(double z) {
        return switch (this) {
            case GELU -> {
                double t = Math.tanh(GELU_C * (z + GELU_A * z * z * z));
                yield 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * GELU_C * (1 + 3 * GELU_A * z * z);
            }
            case SILU -> {
                double s = 1 / (1 + Math.exp(-z));
                yield s * (1 + z * (1 - s));
            }
            case TANH -> 1 - Math.tanh(z) * Math.tanh(z);
            case IDENTITY -> 1;
        };
    }

    // The vector forms are split into the one transcendental step (core) and cheap arithmetic on (z, core)
    // for the value and the derivative, so that both come from a single TANH or EXP. They are static methods
    // switching on the ordinal, not per-constant overrides: a static call is always inlined, so the vectors stay
    // in registers even when several activations have been used in the same JVM (a megamorphic virtual call
    // would box every vector).

    /** tanh(sqrt(2/pi)(z + a z^3)) for GELU, sigma(z) for SiLU, tanh(z) for tanh, z for the identity. */
    private static FloatVector core(int kind, FloatVector z) {
        switch (kind) {
            case 0: return z.mul(z).fma(GELU_AF, 1f).mul(z).mul(GELU_CF).lanewise(VectorOperators.TANH);
            // exp(-z) overflows to +inf for z < -88: sigma is then 0, and so are the value and the derivative
            case 1: return FloatVector.broadcast(F, 1f).div(z.neg().lanewise(VectorOperators.EXP).add(1f));
            case 2: return z.lanewise(VectorOperators.TANH);
            default: return z;
        }
    }

    private static FloatVector value(int kind, FloatVector z, FloatVector core) {
        switch (kind) {
            case 0: return z.mul(0.5f).mul(core.add(1f));
            case 1: return z.mul(core);
            default: return core;
        }
    }

    private static FloatVector derivative(int kind, FloatVector z, FloatVector core) {
        switch (kind) {
            case 0: {
                // 0.5 (1 + t) + 0.5 z (1 - t^2) c (1 + 3 a z^2)
                FloatVector sech2 = core.neg().fma(core, ONE);
                FloatVector inner = z.mul(z).fma(3 * GELU_AF, 1f).mul(GELU_CF);
                return z.mul(0.5f).mul(sech2).fma(inner, core.add(1f).mul(0.5f));
            }
            case 1: return z.fma(core.neg().add(1f), ONE).mul(core); // sigma (1 + z (1 - sigma))
            case 2: return core.neg().fma(core, ONE);
            default: return ONE;
        }
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
        int kind = ordinal();
        int full = channels - channels % L;
        VectorMask<Float> tail = F.indexInRange(full, channels);
        for (int r = 0; r < rows; r++) {
            int row = r * channels;
            for (int c = 0; c < full; c += L) {
                FloatVector v = FloatVector.fromArray(F, z, zOff + row + c)
                        .add(FloatVector.fromArray(F, bias, biasOff + c));
                FloatVector core = core(kind, v);
                FloatVector y = value(kind, v, core);
                if (residual != null) y = y.add(FloatVector.fromArray(F, residual, resOff + row + c));
                y.intoArray(out, outOff + row + c);
                if (derivative != null) derivative(kind, v, core).intoArray(derivative, dOff + row + c);
            }
            if (full < channels) {
                int c = full;
                FloatVector v = FloatVector.fromArray(F, z, zOff + row + c, tail)
                        .add(FloatVector.fromArray(F, bias, biasOff + c, tail));
                FloatVector core = core(kind, v);
                FloatVector y = value(kind, v, core);
                if (residual != null) y = y.add(FloatVector.fromArray(F, residual, resOff + row + c, tail));
                y.intoArray(out, outOff + row + c, tail);
                if (derivative != null) derivative(kind, v, core).intoArray(derivative, dOff + row + c, tail);
            }
        }
    }

    /** {@code out[i] = act(z[i])} and {@code derivative[i] = act'(z[i])} (if not null) for {@code i < n}. */
    public void apply(int n, float[] z, int zOff, float[] out, int outOff, float[] derivative, int dOff) {
        int kind = ordinal();
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(F, z, zOff + i, m);
            FloatVector core = core(kind, v);
            value(kind, v, core).intoArray(out, outOff + i, m);
            if (derivative != null) derivative(kind, v, core).intoArray(derivative, dOff + i, m);
        }
    }
}
