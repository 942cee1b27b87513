package dana.var;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.filter.MethodSpec;
import dana.model.Lorenz96;
import dana.model.Lorenz96Params;
import dana.obs.ObservationOperators;
import dana.run.Progress;
import dana.run.RunResult;
import dana.run.RunSpec;
import dana.run.Runner;
import dana.twin.TwinExperiment;
import dana.util.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** 4D-Var as a method of the cycler ({@link FourDVarAssimilator}), through the runner, on Lorenz-96. */
class FourDVarRunsTest {

    static RunSpec spec(Lorenz96Params p, MethodSpec m, int cycles, int burnIn, long seed) {
        return new RunSpec(p, "identity", 1.0, m, cycles, burnIn, seed, 1.0, 1000);
    }

    static double rmse(double[] x, double[] truth, int off) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - truth[off + i];
            s += d * d;
        }
        return Math.sqrt(s / x.length);
    }

    @Test
    void consecutiveWindowsThroughTheCyclerAreTheFourDVarCycle() {
        // S = L: every observation of a window is new, so the cycler's 4D-Var must be the window-by-window
        // FourDVarCycle (written independently, without the cycler) started from the cycler's first background
        Lorenz96Params p = new Lorenz96Params(40, 8.0, 0.05, 2);
        FourDVarConfig cfg = new FourDVarConfig(3, 3, 4, 30, 1e-4);
        int cycles = 60;
        long seed = 3;
        Runner runner = new Runner();
        RunResult r = runner.run(spec(p, MethodSpec.fourDVar(0.03, cfg), cycles, 10, seed), 1, Progress.NONE);
        assertFalse(r.diverged());

        Lorenz96 model = new Lorenz96(p);
        TwinExperiment twin = TwinExperiment.generate(model, ObservationOperators.parse("identity", 40, seed), 1.0,
                cycles, 1000, seed);
        double[] truth = twin.truthArray();
        double[] xb = new double[40];
        SplittableRandom rng = Seeds.stream(seed, "init-member", 0);
        for (int i = 0; i < 40; i++) xb[i] = truth[i] + Seeds.gaussian(rng);
        FourDVarCycle cycle = new FourDVarCycle(FourDVar.climatological(model, runner.climatology(p), 0.03, cfg), xb, 0);
        double[] analysis = new double[cycles + 1], forecast = new double[cycles + 1];
        double[] x = new double[40];
        while (cycle.windowEnd() <= cycles) {
            double[] f = cycle.background();
            int start = cycle.windowStart();
            for (int c = start + 1; c <= cycle.windowEnd(); c++) {
                model.forecast(f, 0);
                forecast[c] = rmse(f, truth, c * 40);
            }
            FourDVarCycle.WindowAnalysis w = cycle.assimilate(twin::observation);
            for (int c = w.firstScoredCycle(); c <= w.end(); c++) {
                w.stateAt(c, x, 0);
                analysis[c] = rmse(x, truth, c * 40);
            }
        }
        assertArrayEquals(Arrays.copyOfRange(analysis, 1, cycles + 1),
                Arrays.copyOfRange(r.series().rmseA(), 1, cycles + 1), 1e-12);
        assertArrayEquals(Arrays.copyOfRange(forecast, 1, cycles + 1),
                Arrays.copyOfRange(r.series().rmseF(), 1, cycles + 1), 1e-12);
    }

    @Test
    void eachWindowAssimilatesOnlyItsNewObservations() {
        // With an uninformative background (B = 1000 x climatology) a window's analysis is the trajectory that
        // fits its assimilated observations. Shift 1 (single data assimilation) leaves one observation per
        // window, so the analysis at the window's end is that observation: RMSE = sigma (E|e| over 40
        // N(0,1) errors: 0.994). Consecutive windows of 3 assimilate 3 observations of the same 40-dimensional
        // trajectory: a least-squares fit with error variance about 40/120 sigma^2 (RMSE ~0.6). A cycler
        // that handed every window all of its observations would give ~0.6 in both.
        Lorenz96Params p = new Lorenz96Params(40, 8.0, 0.05, 1);
        Runner runner = new Runner();
        RunResult sda = runner.run(spec(p, MethodSpec.fourDVar(1000, new FourDVarConfig(3, 1, 10, 200, 1e-9)), 200, 20, 5),
                1, Progress.NONE);
        RunResult consecutive = runner.run(spec(p, MethodSpec.fourDVar(1000, new FourDVarConfig(3, 3, 10, 200, 1e-9)),
                201, 21, 5), 1, Progress.NONE);
        assertTrue(sda.rmseA() > 0.97 && sda.rmseA() < 1.02, "shift 1: the analysis is the last observation, " + sda.rmseA());
        assertTrue(consecutive.rmseA() < 0.75, "shift 3: a fit to 3 observations, " + consecutive.rmseA());
    }

    @Test
    void everyCycleIsReportedTheSmootherIsBetterAndThreadsDoNotMatter() {
        // L = 4, S = 3 over 301 cycles: the last window is cut at the end of the run
        Lorenz96Params p = new Lorenz96Params(40, 8.0, 0.05, 4);
        MethodSpec m = MethodSpec.fourDVar(0.01, new FourDVarConfig(4, 3, 5, 40, 1e-4));
        Runner runner = new Runner();
        RunResult one = runner.run(spec(p, m, 301, 50, 4), 1, Progress.NONE);
        RunResult two = runner.run(spec(p, m, 301, 50, 4), 2, Progress.NONE);
        assertFalse(one.diverged());
        assertArrayEquals(one.series().rmseA(), two.series().rmseA());
        assertArrayEquals(one.series().rmseS(), two.series().rmseS());
        for (int k = 1; k <= 301; k++) {
            assertTrue(one.series().rmseA()[k] > 0 && one.series().rmseF()[k] > 0 && one.series().rmseS()[k] > 0, "cycle " + k);
        }
        assertEquals(301, one.series().lastCycle());
        assertEquals(0.0, one.spreadA(), "a single state has no spread");
        assertTrue(one.rmseS() < one.rmseA(), one.rmseS() + " < " + one.rmseA());
        assertTrue(one.rmseA() < one.rmseF(), one.rmseA() + " < " + one.rmseF());
    }
}
