package dana.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Conv1dCircularTest {

    private final Gemm gemm = new VectorGemm();

    /** Odd sizes: Nx not a multiple of the vector length (and below the kernel), channels with tails. */
    @ParameterizedTest
    @CsvSource({
            "1, 7, 3, 5, 1", "3, 7, 3, 5, 1", "1, 13, 5, 3, 3", "3, 13, 5, 3, 3", "1, 41, 2, 19, 5",
            "3, 41, 9, 11, 5", "3, 11, 17, 1, 5", "3, 3, 4, 6, 5", "2, 40, 40, 40, 5", "3, 9, 1, 2, 1"})
    void forwardAndBothGradientsMatchPlainLoops(int batch, int nx, int cin, int cout, int kernel) {
        SplittableRandom rng = new SplittableRandom(batch * 1000L + nx * 10L + kernel);
        Conv1dCircular conv = new Conv1dCircular(cin, cout, kernel, 3, 3 + kernel * cin * cout);
        int size = 3 + conv.weightCount() + cout;
        float[] p = Reference.randomFloats(rng, size);
        float[] input = Reference.randomFloats(rng, batch * cin * nx);
        float[] gradOut = Reference.randomFloats(rng, batch * cout * nx);
        int halo = kernel / 2 + 1; // a wider halo than the kernel needs must work too
        HaloTensor in = new HaloTensor(batch, nx, cin, halo);
        HaloTensor out = new HaloTensor(batch, nx, cout, halo);
        for (int b = 0; b < batch; b++) in.loadSample(b, input);
        for (int b = 0; b < batch; b++) {
            conv.forwardSample(gemm, p, in, b, out.data(), out.offset(b, 0));
            for (int x = 0; x < nx; x++) {
                for (int co = 0; co < cout; co++) out.set(b, x, co, out.get(b, x, co) + p[conv.biasOffset() + co]);
            }
        }
        double[] pd = Reference.toDouble(p);
        double[] ref = Reference.conv(conv, pd, Reference.toDouble(input), batch, nx);
        float[] got = new float[ref.length];
        for (int b = 0; b < batch; b++) out.storeSample(b, got);
        // each output is a float sum of Cin K products of values in [-1, 1]: rounding ~ 1e-7 sqrt(Cin K)
        double tol = 2e-6 * Math.sqrt(cin * kernel + 1);
        for (int i = 0; i < ref.length; i++) assertEquals(ref[i], got[i], tol, "forward " + i);

        float[] grads = new float[size];
        float[] flipped = new float[size];
        conv.flipWeights(p, flipped);
        HaloTensor gz = new HaloTensor(1, nx, cout, kernel / 2);
        float[] gin = new float[batch * cin * nx];
        float[] rows = new float[nx * cin];
        for (int b = 0; b < batch; b++) {
            for (int co = 0; co < cout; co++) {
                for (int x = 0; x < nx; x++) gz.set(0, x, co, gradOut[(b * cout + co) * nx + x]);
            }
            gz.fillHalo(0);
            conv.backwardSample(gemm, in, b, gz, 0, flipped, grads, rows, 0, false);
            for (int ci = 0; ci < cin; ci++) {
                for (int x = 0; x < nx; x++) gin[(b * cin + ci) * nx + x] = rows[x * cin + ci];
            }
        }
        double[] refGrads = new double[size];
        double[] refGin = Reference.convBackward(conv, pd, Reference.toDouble(input), Reference.toDouble(gradOut),
                batch, nx, refGrads);
        double wtol = 2e-6 * Math.sqrt(batch * nx + 1);
        for (int i = 0; i < size; i++) assertEquals(refGrads[i], grads[i], wtol, "weight/bias gradient " + i);
        double itol = 2e-6 * Math.sqrt(cout * kernel + 1);
        for (int i = 0; i < refGin.length; i++) assertEquals(refGin[i], gin[i], itol, "input gradient " + i);
    }

    /**
     * Finite differences of the float layer itself, along a random direction, for the loss sum(r * conv(in)):
     * the loss is linear in the weights and in the input, so central differences are exact up to rounding,
     * which at eps = 1e-2 on float32 is ~1e-7 * |loss| / eps relative: a 1e-3 relative tolerance is ample.
     */
    @ParameterizedTest
    @CsvSource({"3, 13, 5, 7, 5", "1, 9, 2, 3, 3", "2, 6, 4, 4, 1"})
    void finiteDifferencesAlongARandomDirection(int batch, int nx, int cin, int cout, int kernel) {
        SplittableRandom rng = new SplittableRandom(17);
        Conv1dCircular conv = new Conv1dCircular(cin, cout, kernel, 0, kernel * cin * cout);
        int size = conv.weightCount() + cout;
        float[] p = Reference.randomFloats(rng, size);
        float[] input = Reference.randomFloats(rng, batch * cin * nx);
        double[] r = Reference.randomArray(rng, batch * cout * nx);
        double[] dp = Reference.randomArray(rng, size);
        double[] dx = Reference.randomArray(rng, input.length);

        float[] grads = new float[size];
        float[] gin = new float[input.length];
        layerGradients(conv, p, input, r, batch, nx, grads, gin);
        double analytic = Reference.dot(grads, dp) + Reference.dot(gin, dx);

        double eps = 1e-2;
        double plus = layerLoss(conv, shift(p, dp, eps), shift(input, dx, eps), r, batch, nx);
        double minus = layerLoss(conv, shift(p, dp, -eps), shift(input, dx, -eps), r, batch, nx);
        // the loss has a bilinear term (weights x input) too: central differences remove it exactly
        double fd = (plus - minus) / (2 * eps);
        assertEquals(analytic, fd, 1e-3 * Math.max(1, Math.abs(analytic)));
    }

    @org.junit.jupiter.api.Test
    void evenKernelRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv1dCircular(2, 2, 4, 0, 16));
        assertEquals(true, e.getMessage().contains("kernel"));
    }

    private static float[] shift(float[] a, double[] d, double eps) {
        float[] s = new float[a.length];
        for (int i = 0; i < a.length; i++) s[i] = (float) (a[i] + eps * d[i]);
        return s;
    }

    private double layerLoss(Conv1dCircular conv, float[] p, float[] input, double[] r, int batch, int nx) {
        HaloTensor in = new HaloTensor(batch, nx, conv.cin(), conv.kernel() / 2);
        float[] rows = new float[nx * conv.cout()];
        double loss = 0;
        for (int b = 0; b < batch; b++) in.loadSample(b, input);
        for (int b = 0; b < batch; b++) {
            conv.forwardSample(gemm, p, in, b, rows, 0);
            for (int co = 0; co < conv.cout(); co++) {
                for (int x = 0; x < nx; x++) {
                    loss += r[(b * conv.cout() + co) * nx + x] * (rows[x * conv.cout() + co] + p[conv.biasOffset() + co]);
                }
            }
        }
        return loss;
    }

    private void layerGradients(Conv1dCircular conv, float[] p, float[] input, double[] r, int batch, int nx,
                                float[] grads, float[] gin) {
        int cin = conv.cin(), cout = conv.cout();
        HaloTensor in = new HaloTensor(batch, nx, cin, conv.kernel() / 2);
        for (int b = 0; b < batch; b++) in.loadSample(b, input);
        float[] flipped = new float[p.length];
        conv.flipWeights(p, flipped);
        HaloTensor gz = new HaloTensor(1, nx, cout, conv.kernel() / 2);
        float[] rows = new float[nx * cin];
        for (int b = 0; b < batch; b++) {
            for (int co = 0; co < cout; co++) {
                for (int x = 0; x < nx; x++) gz.set(0, x, co, (float) r[(b * cout + co) * nx + x]);
            }
            gz.fillHalo(0);
            conv.backwardSample(gemm, in, b, gz, 0, flipped, grads, rows, 0, false);
            for (int ci = 0; ci < cin; ci++) {
                for (int x = 0; x < nx; x++) gin[(b * cin + ci) * nx + x] = rows[x * cin + ci];
            }
        }
    }
}
