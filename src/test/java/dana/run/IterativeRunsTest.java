package dana.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.filter.IterativeSpec;
import dana.filter.Method;
import dana.filter.MethodSpec;
import dana.model.Lorenz96Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The iterative methods through the runner and the cycler, on Lorenz-96. */
class IterativeRunsTest {

    /** dt = 0.15 between analyses (3 RK4 steps of 0.05): nonlinear enough for the iterations to matter. */
    static RunSpec spec(MethodSpec m, int cycles, int burnIn, long seed) {
        return new RunSpec(new Lorenz96Params(40, 8.0, 0.05, 3), "identity", 1.0, m, cycles, burnIn, seed, 1.0, 1000);
    }

    @ParameterizedTest(name = "form={0} variant={1}")
    @CsvSource({"transform, none", "bundle, none", "transform, mode-corrected-x2"})
    void ienksWithLagAndShiftOneIsTheIenkf(String form, String variant) {
        IterativeSpec it = new IterativeSpec(1, 1, 4, 1e-3, form.equals("bundle"), 1e-4, false);
        Runner runner = new Runner();
        RunResult f = runner.run(spec(MethodSpec.iterative(Method.IENKF, 20, 1.03, variant, it), 300, 50, 2), 1, Progress.NONE);
        RunResult s = runner.run(spec(MethodSpec.iterative(Method.IENKS, 20, 1.03, variant, it), 300, 50, 2), 1, Progress.NONE);
        assertFalse(f.diverged());
        assertArrayEquals(f.series().rmseA(), s.series().rmseA());
        assertArrayEquals(f.series().rmseF(), s.series().rmseF());
        assertArrayEquals(f.series().spreadA(), s.series().spreadA());
        assertArrayEquals(f.series().spreadF(), s.series().spreadF());
        // with a one-cycle window the smoothed estimate of x_k is the analysis at the start of the window
        // [k, k+1]: a lag-one smoother, better than the filter
        assertTrue(s.rmseS() < s.rmseA(), s.rmseS() + " < " + s.rmseA());
        assertNull(f.series().rmseS(), "the IEnKF reports no smoothed estimate");
    }

    @Test
    void aSmootherReportsEveryCycleAndDoesNotDependOnTheThreadCount() {
        // L=4, S=3 over 301 cycles: the last window is cut at the end of the run
        MethodSpec m = MethodSpec.iterative(Method.IENKS, 10, 1.04, null, new IterativeSpec(4, 3, 3, 1e-3, false, 1e-4, false));
        Runner runner = new Runner();
        RunResult one = runner.run(spec(m, 301, 50, 4), 1, Progress.NONE);
        RunResult two = runner.run(spec(m, 301, 50, 4), 2, Progress.NONE);
        assertFalse(one.diverged());
        assertArrayEquals(one.series().rmseA(), two.series().rmseA());
        assertArrayEquals(one.series().rmseS(), two.series().rmseS());
        assertEquals(one.rmseS(), two.rmseS(), 0.0);
        for (int k = 1; k <= 301; k++) {
            assertTrue(one.series().rmseA()[k] > 0 && one.series().rmseF()[k] > 0 && one.series().rmseS()[k] > 0, "cycle " + k);
        }
        assertEquals(301, one.series().lastCycle());
        // the smoothed estimate has seen later observations: it is better than the analysis
        assertTrue(one.rmseS() < one.rmseA(), one.rmseS() + " < " + one.rmseA());
    }

    @Test
    void theIenkfBeatsTheEtkfWhenTheDynamicsAreNonlinear() {
        // 0.25 between analyses: the ETKF's linear update loses accuracy, the iterations recover it
        Lorenz96Params dt25 = new Lorenz96Params(40, 8.0, 0.05, 5);
        Runner runner = new Runner();
        MethodSpec ienkf = MethodSpec.iterative(Method.IENKF, 20, 1.08, null, IterativeSpec.DEFAULT);
        MethodSpec etkf = new MethodSpec(Method.ETKF, 20, 1.08, false, Double.POSITIVE_INFINITY, 1.0, null);
        RunResult i = runner.run(new RunSpec(dt25, "identity", 1.0, ienkf, 1500, 300, 1, 1.0, 1000), 1, Progress.NONE);
        RunResult e = runner.run(new RunSpec(dt25, "identity", 1.0, etkf, 1500, 300, 1, 1.0, 1000), 1, Progress.NONE);
        assertTrue(i.rmseA() < 0.45, "ienkf " + i.rmseA());
        assertTrue(i.rmseA() < 0.9 * e.rmseA(), "ienkf " + i.rmseA() + " vs etkf " + e.rmseA());
    }
}
