package dana.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdamTest {

    /** f(p) = sum_i a_i (p_i - c_i)^2 with curvatures over three decades: Adam's per-coordinate scaling copes. */
    @Test
    void convergesOnAnIllConditionedQuadratic() {
        Parameters.Builder b = new Parameters.Builder();
        b.add("p", 37); // not a multiple of the vector length: the scalar tail is exercised too
        Parameters params = b.build();
        int n = params.size();
        double[] a = new double[n], c = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.pow(10, -1 + 3.0 * i / (n - 1));
            c[i] = Math.sin(i + 1);
        }
        Adam adam = new Adam(params, AdamConfig.defaults());
        LearningRateSchedule schedule = new LearningRateSchedule(0.05, 20, 3000, 1e-4);
        for (int step = 0; step < 3000; step++) {
            float[] p = params.values(), g = params.gradients();
            for (int i = 0; i < n; i++) g[i] = (float) (2 * a[i] * (p[i] - c[i]));
            adam.update(schedule.rate(step));
        }
        for (int i = 0; i < n; i++) assertEquals(c[i], params.values()[i], 2e-3, "coordinate " + i);
        assertEquals(3000, adam.step());
    }

    @Test
    void firstStepMovesEachCoordinateByTheLearningRate() {
        Parameters.Builder b = new Parameters.Builder();
        b.add("p", 3);
        Parameters params = b.build();
        params.gradients()[0] = 5f;
        params.gradients()[1] = -1e-3f;
        Adam adam = new Adam(params, AdamConfig.defaults());
        adam.update(0.1);
        // bias correction makes the first step -lr sign(g) whatever the gradient's scale
        assertEquals(-0.1, params.values()[0], 1e-6);
        assertEquals(0.1, params.values()[1], 1e-4);
        assertEquals(0.0, params.values()[2], 0.0);
    }

    @Test
    void decoupledWeightDecayShrinksWithoutGradient() {
        Parameters.Builder b = new Parameters.Builder();
        b.add("p", 1);
        Parameters params = b.build();
        params.values()[0] = 2f;
        Adam adam = new Adam(params, new AdamConfig(0.9, 0.999, 1e-8, 0.5));
        adam.update(0.1);
        assertEquals(2 * (1 - 0.1 * 0.5), params.values()[0], 1e-6);
    }

    @Test
    void scheduleWarmsUpThenDecaysToTheFloor() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 100, 1000, 1e-5);
        assertEquals(1e-5, s.rate(0), 1e-12);
        assertEquals(5e-4, s.rate(49), 1e-12);
        assertEquals(1e-3, s.rate(99), 1e-12);
        assertEquals(1e-3, s.rate(100), 1e-12);
        assertEquals((1e-3 + 1e-5) / 2, s.rate(600), 1e-12);
        assertEquals(1e-5, s.rate(1100), 1e-15);
        assertEquals(1e-5, s.rate(50_000), 1e-15);
        for (long t = 100; t < 1100; t++) assertTrue(s.rate(t + 1) <= s.rate(t));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule(1e-3, 10, 10, 1e-2));
        assertTrue(e.getMessage().startsWith("floor"), e.getMessage());
    }

    @Test
    void clippingScalesToTheMaximumNorm() {
        Parameters.Builder b = new Parameters.Builder();
        b.add("w", 2, 2);
        b.add("b", 21);
        Parameters params = b.build();
        float[] g = params.gradients();
        for (int i = 0; i < g.length; i++) g[i] = (i % 2 == 0 ? 3f : -4f);
        double before = params.gradientNorm();
        assertEquals(GradientClipping.clipGlobalNorm(params, 1.0), before, 1e-9);
        assertEquals(1.0, params.gradientNorm(), 1e-6);
        // below the threshold nothing changes
        float[] kept = g.clone();
        GradientClipping.clipGlobalNorm(params, 10.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(kept, g);
    }
}
