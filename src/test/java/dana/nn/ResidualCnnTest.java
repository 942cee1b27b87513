package dana.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResidualCnnTest {

    private static CnnConfig small(Activation act) {
        return new CnnConfig(2, 1, 6, 2, 2, 5, act, 3, 0.5);
    }

    /** A network whose biases are non-zero too (the initialisation leaves them at zero). */
    private static ResidualCnn network(CnnConfig cfg, long seed, int threads) {
        ResidualCnn net = new ResidualCnn(cfg, seed, new EngineOptions(threads, 8, new VectorGemm()));
        SplittableRandom rng = new SplittableRandom(seed + 1);
        float[] v = net.parameters().values();
        for (Parameters.Tensor t : net.parameters().tensors()) {
            if (t.name().endsWith(".bias")) {
                for (int i = 0; i < t.length(); i++) v[t.offset() + i] = (float) rng.nextDouble(-0.2, 0.2);
            }
        }
        return net;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void forwardMatchesDoubleReference(Activation act) {
        int batch = 3, nx = 11;
        try (ResidualCnn net = network(small(act), 5, 2)) {
            float[] input = Reference.randomFloats(new SplittableRandom(3), batch * 2 * nx);
            float[] out = net.forward(input, batch).output();
            double[] ref = Reference.network(net, Reference.toDouble(net.parameters().values()),
                    Reference.toDouble(input), batch, nx);
            for (int i = 0; i < ref.length; i++) assertEquals(ref[i], out[i], 1e-5 * Math.max(1, Math.abs(ref[i])));
            assertArrayEquals(out, net.infer(input, batch), "inference equals the training forward");
        }
    }

    /**
     * The engine's float gradients against central differences of the double-precision reference network,
     * along random directions in parameter and input space (eps = 1e-5 in double: truncation ~1e-10 and
     * rounding ~1e-11, so the reference directional derivative is exact to far below the float gradient's own
     * rounding, ~1e-6 relative per component; 2e-4 relative leaves room for the sums over many components).
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void gradientsMatchFiniteDifferencesOfTheReference(Activation act) {
        int batch = 3, nx = 9;
        try (ResidualCnn net = network(small(act), 11, 2)) {
            SplittableRandom rng = new SplittableRandom(23);
            float[] input = Reference.randomFloats(rng, batch * 2 * nx);
            double[] r = Reference.randomArray(rng, batch * nx);
            float[] rf = new float[r.length];
            for (int i = 0; i < r.length; i++) rf[i] = (float) r[i];
            double[] r64 = Reference.toDouble(rf);

            net.zeroGradients();
            float[] gin = net.forward(input, batch).backward(rf);
            float[] g = net.parameters().gradients().clone();

            double[] p = Reference.toDouble(net.parameters().values());
            double[] x = Reference.toDouble(input);
            for (int trial = 0; trial < 3; trial++) {
                double[] dp = Reference.randomArray(rng, p.length);
                double[] dx = Reference.randomArray(rng, x.length);
                double eps = 1e-5;
                double fdP = (loss(net, add(p, dp, eps), x, r64, batch, nx)
                        - loss(net, add(p, dp, -eps), x, r64, batch, nx)) / (2 * eps);
                double fdX = (loss(net, p, add(x, dx, eps), r64, batch, nx)
                        - loss(net, p, add(x, dx, -eps), r64, batch, nx)) / (2 * eps);
                double anP = Reference.dot(g, dp);
                double anX = Reference.dot(gin, dx);
                assertEquals(fdP, anP, 2e-4 * Math.max(1, Math.abs(fdP)), act + " parameters");
                assertEquals(fdX, anX, 2e-4 * Math.max(1, Math.abs(fdX)), act + " input");
            }
        }
    }

    /**
     * Central differences of the float engine itself (eps = 1e-2 on float32 gives ~1e-3 relative accuracy:
     * rounding ~1e-7 |L| / eps plus truncation ~eps^2 |L'''|), along one random direction in parameters and
     * input at once: a 2% tolerance.
     */
    @Test
    void gradientsMatchFiniteDifferencesOfTheEngine() {
        int batch = 2, nx = 10;
        try (ResidualCnn net = network(small(Activation.TANH), 13, 1)) {
            SplittableRandom rng = new SplittableRandom(29);
            float[] input = Reference.randomFloats(rng, batch * 2 * nx);
            float[] r = Reference.randomFloats(rng, batch * nx);
            net.zeroGradients();
            float[] gin = net.forward(input, batch).backward(r);
            double[] dp = Reference.randomArray(rng, net.parameters().size());
            double[] dx = Reference.randomArray(rng, input.length);
            double analytic = Reference.dot(net.parameters().gradients(), dp) + Reference.dot(gin, dx);
            float[] p0 = net.parameters().values().clone();
            double eps = 1e-2;
            double plus = engineLoss(net, p0, dp, input, dx, eps, r, batch);
            double minus = engineLoss(net, p0, dp, input, dx, -eps, r, batch);
            assertEquals(analytic, (plus - minus) / (2 * eps), 2e-2 * Math.max(1, Math.abs(analytic)));
        }
    }

    private static double engineLoss(ResidualCnn net, float[] p0, double[] dp, float[] input, double[] dx, double eps,
                                     float[] r, int batch) {
        float[] v = net.parameters().values();
        for (int i = 0; i < v.length; i++) v[i] = (float) (p0[i] + eps * dp[i]);
        float[] x = new float[input.length];
        for (int i = 0; i < x.length; i++) x[i] = (float) (input[i] + eps * dx[i]);
        float[] out = net.infer(x, batch);
        System.arraycopy(p0, 0, v, 0, v.length);
        double l = 0;
        for (int i = 0; i < out.length; i++) l += (double) out[i] * r[i];
        return l;
    }

    private static double loss(ResidualCnn net, double[] p, double[] x, double[] r, int batch, int nx) {
        return Reference.dot(Reference.network(net, p, x, batch, nx), r);
    }

    private static double[] add(double[] a, double[] d, double eps) {
        double[] s = a.clone();
        for (int i = 0; i < s.length; i++) s[i] += eps * d[i];
        return s;
    }

    /** Bit-identical outputs and gradients for 1, 2 and 3 threads (fixed shard count). */
    @Test
    void resultsDoNotDependOnTheThreadCount() {
        int batch = 13, nx = 11;
        CnnConfig cfg = new CnnConfig(2, 2, 8, 2, 2, 5, Activation.GELU, 5, 0.5);
        float[] input = Reference.randomFloats(new SplittableRandom(1), batch * 2 * nx);
        float[] gout = Reference.randomFloats(new SplittableRandom(2), batch * 2 * nx);
        float[][] ref = null;
        for (int threads : new int[]{1, 2, 3}) {
            try (ResidualCnn net = network(cfg, 42, threads)) {
                ForwardPass pass = net.forward(input, batch);
                float[] gin = pass.backward(gout);
                float[][] got = {pass.output(), gin, net.parameters().gradients().clone()};
                if (ref == null) {
                    ref = got;
                } else {
                    for (int i = 0; i < got.length; i++) assertArrayEquals(ref[i], got[i], "threads=" + threads);
                }
            }
        }
    }

    /** A sample's output does not depend on the batch it is in (each output sums in a fixed order). */
    @Test
    void outputOfASampleIsIndependentOfTheBatch() {
        int nx = 12;
        try (ResidualCnn net = network(small(Activation.SILU), 3, 2)) {
            float[] input = Reference.randomFloats(new SplittableRandom(4), 5 * 2 * nx);
            float[] all = net.infer(input, 5);
            float[] third = net.infer(Arrays.copyOfRange(input, 2 * 2 * nx, 3 * 2 * nx), 1);
            assertArrayEquals(Arrays.copyOfRange(all, 2 * nx, 3 * nx), third);
        }
    }

    /** Passes kept alive together (an unrolled sequence) accumulate their gradients, in any order. */
    @Test
    void severalPassesAccumulate() {
        int batch = 4, nx = 8;
        try (ResidualCnn net = network(small(Activation.GELU), 8, 2)) {
            SplittableRandom rng = new SplittableRandom(5);
            float[] in1 = Reference.randomFloats(rng, batch * 2 * nx), in2 = Reference.randomFloats(rng, batch * 2 * nx);
            float[] g1 = Reference.randomFloats(rng, batch * nx), g2 = Reference.randomFloats(rng, batch * nx);
            net.zeroGradients();
            net.forward(in1, batch).backward(g1);
            float[] only1 = net.parameters().gradients().clone();
            net.zeroGradients();
            net.forward(in2, batch).backward(g2);
            float[] only2 = net.parameters().gradients().clone();

            net.zeroGradients();
            ForwardPass p1 = net.forward(in1, batch);
            ForwardPass p2 = net.forward(in2, batch);
            p2.backward(g2);
            p1.backward(g1);
            float[] both = net.parameters().gradients();
            for (int i = 0; i < both.length; i++) assertEquals(only1[i] + only2[i], both[i], 1e-6f * (1 + Math.abs(both[i])));
            assertThrows(IllegalStateException.class, () -> p1.backward(g1));
        }
    }

    @Test
    void initialisationIsSeededAndScaled() {
        CnnConfig cfg = CnnConfig.standard(2, 1);
        try (ResidualCnn a = new ResidualCnn(cfg, 9); ResidualCnn b = new ResidualCnn(cfg, 9);
             ResidualCnn c = new ResidualCnn(cfg, 10)) {
            assertArrayEquals(a.parameters().values(), b.parameters().values());
            assertTrue(!Arrays.equals(a.parameters().values(), c.parameters().values()));
            assertEquals(cfg.parameterCount(), a.parameters().size());
            assertEquals(81_041, a.parameters().size(), "the reference run's 81k parameters");
            Parameters.Tensor stem = a.parameters().tensor("stem.weight");
            Parameters.Tensor head = a.parameters().tensor("head.weight");
            double stemBound = Math.sqrt(2) * Math.sqrt(3.0 / (2 * 5));
            double headBound = 0.01 / Math.sqrt(40 * 5);
            assertTrue(maxAbs(a.parameters().values(), stem) <= stemBound);
            assertTrue(maxAbs(a.parameters().values(), stem) > 0.8 * stemBound);
            assertTrue(maxAbs(a.parameters().values(), head) <= headBound);
            assertTrue(maxAbs(a.parameters().values(), head) > 0.8 * headBound);
        }
    }

    @Test
    void configValidationNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CnnConfig(2, 1, 40, 5, 2, 4, Activation.GELU, 5, 0.01));
        assertTrue(e.getMessage().startsWith("kernel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new CnnConfig(2, 1, 0, 5, 2, 5, Activation.GELU, 5, 0.01));
        assertTrue(e.getMessage().startsWith("filters"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new CnnConfig(2, 1, 40, 5, 2, 5, Activation.GELU, 5, -1));
        assertTrue(e.getMessage().startsWith("headInitScale"), e.getMessage());
        try (ResidualCnn net = new ResidualCnn(small(Activation.GELU), 1)) {
            e = assertThrows(IllegalArgumentException.class, () -> net.forward(new float[7], 2));
            assertTrue(e.getMessage().contains("input length"), e.getMessage());
        }
    }

    private static double maxAbs(float[] v, Parameters.Tensor t) {
        double m = 0;
        for (int i = 0; i < t.length(); i++) m = Math.max(m, Math.abs(v[t.offset() + i]));
        return m;
    }
}
