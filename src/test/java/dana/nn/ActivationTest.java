package dana.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActivationTest {

    private static float[] grid() {
        int n = 2413; // not a multiple of any vector length
        float[] z = new float[n + 8];
        for (int i = 0; i < n; i++) z[i] = -12f + 24f * i / (n - 1);
        float[] extremes = {0f, -0f, 30f, -30f, 100f, -100f, 1e-7f, -1e-7f};
        System.arraycopy(extremes, 0, z, n, extremes.length);
        return z;
    }

    /**
     * The Vector API's TANH/EXP are not bit-equal to Math's but within a few ulp; the formulas evaluated in
     * float add a few roundings more: an absolute error 1e-6 max(1, |z|) (a handful of float ulps of values of
     * order max(1, |z|)) is the tolerance.
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void valueAndDerivativeMatchMath(Activation act) {
        float[] z = grid();
        float[] y = new float[z.length];
        float[] d = new float[z.length];
        act.apply(z.length, z, 0, y, 0, d, 0);
        for (int i = 0; i < z.length; i++) {
            double tol = 1e-6 * Math.max(1, Math.abs(z[i]));
            int at = i;
            assertEquals(act.valueScalar(z[i]), y[i], tol, () -> act + " value at " + z[at]);
            assertEquals(act.derivativeScalar(z[i]), d[i], 4 * tol, () -> act + " derivative at " + z[at]);
        }
    }

    /** The double-precision reference derivative is the derivative of the reference value (central differences). */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void referenceDerivativeIsTheDerivative(Activation act) {
        double eps = 1e-5;
        for (double z = -8; z <= 8; z += 0.137) {
            double fd = (act.valueScalar(z + eps) - act.valueScalar(z - eps)) / (2 * eps);
            assertEquals(fd, act.derivativeScalar(z), 1e-8, act + " at " + z);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void fusedEpilogueAddsBiasAndResidual(Activation act) {
        int rows = 5, channels = 11; // channels not a multiple of the vector length
        float[] z = new float[rows * channels], bias = new float[channels], res = new float[rows * channels];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) Math.sin(i);
            res[i] = (float) Math.cos(3 * i);
        }
        for (int c = 0; c < channels; c++) bias[c] = 0.1f * c - 0.5f;
        float[] out = new float[z.length], d = new float[z.length];
        act.biasActivate(rows, channels, z, 0, bias, 0, out, 0, res, 0, d, 0);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < channels; c++) {
                int i = r * channels + c;
                double v = (double) (z[i] + bias[c]);
                assertEquals(act.valueScalar(v) + res[i], out[i], 1e-6);
                assertEquals(act.derivativeScalar(v), d[i], 4e-6);
            }
        }
    }

    @Test
    void siluSaturatesWithoutNaN() {
        float[] z = {-200f, -89f, -88f, 88f, 89f, 200f, Float.MAX_VALUE, -Float.MAX_VALUE};
        float[] y = new float[z.length], d = new float[z.length];
        Activation.SILU.apply(z.length, z, 0, y, 0, d, 0);
        for (int i = 0; i < z.length; i++) {
            assertEquals(false, Float.isNaN(y[i]), "value at " + z[i]);
            assertEquals(false, Float.isNaN(d[i]), "derivative at " + z[i]);
        }
    }
}
