package dana.var;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.filter.Climatology;
import dana.model.Lorenz96;
import dana.model.Model;
import dana.obs.Observation;
import dana.util.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FourDVarTest {

    static final int NX = 40;
    static Lorenz96 l96;
    static Climatology clim;

    @BeforeAll
    static void climatology() {
        // dt 0.20 per cycle (4 RK4 steps of 0.05): the set-up of the 4D-Var target
        l96 = new Lorenz96(NX, 8.0, 0.05, 4);
        clim = Climatology.estimate(l96, 5_000, 500, 7);
    }

    /** A state on the attractor and observations of its trajectory over the window (indices per cycle). */
    static Object[] l96Window(int lag, int[][] indices, double sigma, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[NX];
        l96.initialState(rng, x);
        for (int k = 0; k < 300; k++) l96.forecast(x, 0);
        double[] xb = new double[NX];
        for (int i = 0; i < NX; i++) xb[i] = x[i] + 0.5 * Seeds.gaussian(rng);
        Observation[] window = new Observation[lag];
        for (int k = 1; k <= lag; k++) {
            l96.forecast(x, 0);
            int[] idx = indices[(k - 1) % indices.length];
            if (idx == null) continue;
            double[] y = new double[idx.length];
            for (int j = 0; j < idx.length; j++) y[j] = x[idx[j]] + sigma * Seeds.gaussian(rng);
            window[k - 1] = new Observation(k, idx, y, sigma);
        }
        return new Object[] {xb, window};
    }

    static int[] all(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    static int[] everyOther(int n) {
        int[] a = new int[n / 2];
        for (int i = 0; i < a.length; i++) a[i] = 2 * i;
        return a;
    }

    static double[] randomVector(int n, double scale, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = scale * Seeds.gaussian(rng);
        return v;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /**
     * Central differences of J along unit directions d against grad J . d by the adjoint. The error of the
     * central difference is the truncation h^2/6 J''' plus the round-off ~ eps |J| / h; with |J| ~ 10^2-10^3,
     * eps = 2.2e-16 and h = 1e-4 the round-off is ~1e-9 and the truncation (J''' of L96 over 4 cycles is
     * O(10^2-10^3) along a unit direction) ~1e-6 at most, against a directional derivative of order 1-100.
     * An adjoint that is not the exact transpose of the tangent linear (a wrong stage, a missing cycle) gives
     * an O(1) relative error; 1e-5 separates the two by orders of magnitude.
     */
    @ParameterizedTest(name = "lag={0} obs={1}")
    @CsvSource({"4, all", "4, every-other-with-gap", "1, all", "8, every-other-with-gap"})
    void gradientByTheAdjointMatchesCentralDifferences(int lag, String obs) {
        int[][] idx = obs.equals("all") ? new int[][] {all(NX)} : new int[][] {everyOther(NX), null, all(NX)};
        Object[] w = l96Window(lag, idx, 1.0, 11);
        WindowCost cost = new WindowCost(l96, BackgroundCovariance.climatological(clim, 0.05), lag);
        cost.setWindow((double[]) w[0], (Observation[]) w[1]);
        SplittableRandom rng = new SplittableRandom(5);
        double[] v = randomVector(NX, 0.5, rng);
        double[] g = new double[NX];
        double j = cost.evaluate(v, g);
        assertTrue(j > 1.0, "a cost far from its minimum, J = " + j);
        double h = 1e-4;
        for (int dir = 0; dir < 6; dir++) {
            double[] d = randomVector(NX, 1.0, rng);
            double nd = Math.sqrt(dot(d, d));
            for (int i = 0; i < NX; i++) d[i] /= nd;
            double[] vp = v.clone(), vm = v.clone();
            for (int i = 0; i < NX; i++) {
                vp[i] += h * d[i];
                vm[i] -= h * d[i];
            }
            double fd = (cost.evaluate(vp, null) - cost.evaluate(vm, null)) / (2 * h);
            double ad = dot(g, d);
            double rel = Math.abs(fd - ad) / Math.max(Math.abs(ad), 1e-3 * Math.sqrt(dot(g, g)));
            assertTrue(rel < 1e-5, "direction " + dir + ": adjoint " + ad + " vs finite difference " + fd + ", rel " + rel);
        }
    }

    @Test
    void controlVariableCostEqualsTheStateCost() {
        // J(v) with x0 = x^b + B^{1/2} v equals 1/2 |x0 - x^b|^2_{B^-1} + observation term computed with B^{-1/2}
        Object[] w = l96Window(4, new int[][] {everyOther(NX)}, 1.0, 3);
        WindowCost cost = new WindowCost(l96, BackgroundCovariance.climatological(clim, 0.1), 4);
        cost.setWindow((double[]) w[0], (Observation[]) w[1]);
        double[] v = randomVector(NX, 1.0, new SplittableRandom(9));
        double[] x0 = new double[NX];
        cost.state(v, x0);
        double jv = cost.evaluate(v, null);
        assertEquals(jv, cost.stateCost(x0), 1e-9 * jv);
    }

    @Test
    void squareRootOfBSquaresToB() {
        BackgroundCovariance b = BackgroundCovariance.climatological(clim, 0.3);
        DMatrixRMaj expected = clim.covariance();
        DMatrixRMaj actual = b.matrix();
        for (int i = 0; i < expected.data.length; i++) {
            assertEquals(0.3 * expected.data[i], actual.data[i], 1e-10 * 0.3 * expected.get(0, 0));
        }
    }

    /** Observations of a linear model: times with all, some, or no variables observed. */
    static Observation[] linearWindow(int n, int lag, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Observation[] w = new Observation[lag];
        for (int k = 1; k <= lag; k++) {
            int[] idx = switch (k % 3) {
                case 1 -> all(n);
                case 2 -> new int[] {0, 2, 3};
                default -> null;
            };
            if (idx == null && lag > 1) continue;
            if (idx == null) idx = all(n);
            double[] y = randomVector(idx.length, 2.0, rng);
            w[k - 1] = new Observation(k, idx, y, 0.3 + 0.2 * k);
        }
        return w;
    }

    static DMatrixRMaj randomSpd(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < a.data.length; i++) a.data[i] = Seeds.gaussian(rng);
        DMatrixRMaj b = new DMatrixRMaj(n, n);
        org.ejml.dense.row.CommonOps_DDRM.multTransB(a, a, b);
        for (int i = 0; i < n; i++) b.add(i, i, 0.5);
        return b;
    }

    @ParameterizedTest(name = "n={0} lag={1}")
    @CsvSource({"6, 1", "6, 3", "6, 5", "10, 8"})
    void onAPerfectLinearModelTheAnalysisIsTheKalmanSmootherMean(int n, int lag) {
        LinearModel model = LinearModel.random(n, 0.25, 100 + lag);
        DMatrixRMaj b = randomSpd(n, 200 + lag);
        double[] xb = randomVector(n, 1.0, new SplittableRandom(300 + lag));
        Observation[] window = linearWindow(n, lag, 400 + lag);
        double[][] smoothed = KalmanSmoother.smooth(model.matrix(), xb, b, window);
        FourDVar var = new FourDVar(model, BackgroundCovariance.of(b), new FourDVarConfig(lag, lag, 1, 200, 1e-14));
        FourDVarResult r = var.analyse(xb, window);
        double scale = 0;
        for (double[] row : smoothed) for (double x : row) scale = Math.max(scale, Math.abs(x));
        for (int k = 0; k <= lag; k++) {
            assertArrayEquals(smoothed[k], r.state(k), 1e-8 * scale, "smoothed mean at cycle " + k);
        }
        // and the analysis moved: the background is not the smoother mean
        double moved = 0;
        for (int i = 0; i < n; i++) moved = Math.max(moved, Math.abs(xb[i] - smoothed[0][i]));
        assertTrue(moved > 1e-2, "the observations move the analysis, by " + moved);
    }

    @Test
    void gaussNewtonConvergesInOneOuterLoopOnALinearModel() {
        int n = 8, lag = 4;
        LinearModel model = LinearModel.random(n, 0.3, 1);
        DMatrixRMaj b = randomSpd(n, 2);
        double[] xb = randomVector(n, 1.0, new SplittableRandom(3));
        Observation[] window = linearWindow(n, lag, 4);
        FourDVar var = new FourDVar(model, BackgroundCovariance.of(b), new FourDVarConfig(lag, lag, 10, 100, 1e-10));
        FourDVarResult r = var.analyse(xb, window);
        assertEquals(1, r.outerLoops(), "outer loops");
        assertEquals(0, r.stepHalvings(), "the Gauss-Newton step of a quadratic cost is never halved");
        assertTrue(r.finalGradient() <= 1e-10 * r.initialGradient(), "gradient " + r.finalGradient() + " from " + r.initialGradient());
        assertTrue(r.finalCost() < r.initialCost());
        assertTrue(r.innerIterations() <= 3 * n, "CG iterations " + r.innerIterations());
    }

    @Test
    void onLorenz96GaussNewtonNeedsSeveralOuterLoopsAndConverges() {
        // the contrast with the linear case: relinearising matters on the nonlinear model, and the outer loops
        // drive the gradient of the nonlinear cost down
        int lag = 4;
        Object[] w = l96Window(lag, new int[][] {all(NX)}, 1.0, 21);
        FourDVar var = FourDVar.climatological(l96, clim, 0.05, new FourDVarConfig(lag, lag, 15, 100, 1e-9));
        FourDVarResult r = var.analyse((double[]) w[0], (Observation[]) w[1]);
        assertTrue(r.outerLoops() > 1, "outer loops " + r.outerLoops());
        assertTrue(r.finalGradient() <= 1e-9 * r.initialGradient(), "gradient " + r.finalGradient() + " from " + r.initialGradient());
        assertTrue(r.finalCost() < r.initialCost());
        // a minimum: the cost rises along random directions from it
        WindowCost cost = new WindowCost(l96, BackgroundCovariance.climatological(clim, 0.05), lag);
        cost.setWindow((double[]) w[0], (Observation[]) w[1]);
        double[] v = new double[NX];
        BackgroundCovariance bc = BackgroundCovariance.climatological(clim, 0.05);
        double[] dx = new double[NX];
        for (int i = 0; i < NX; i++) dx[i] = r.analysis()[i] - ((double[]) w[0])[i];
        bc.applyInverseSqrt(dx, v);
        double jmin = cost.evaluate(v, null);
        assertEquals(r.finalCost(), jmin, 1e-8 * jmin);
        SplittableRandom rng = new SplittableRandom(8);
        for (int t = 0; t < 5; t++) {
            double[] d = randomVector(NX, 1e-2, rng);
            double[] vp = v.clone();
            for (int i = 0; i < NX; i++) vp[i] += d[i];
            assertTrue(cost.evaluate(vp, null) > jmin);
        }
    }

    @Test
    void theCycleMovesTheBackgroundByTheShift() {
        int n = 6, lag = 3, shift = 2;
        LinearModel model = LinearModel.random(n, 0.2, 5);
        FourDVar var = new FourDVar(model, BackgroundCovariance.of(randomSpd(n, 6)),
                new FourDVarConfig(lag, shift, 1, 50, 1e-12));
        double[] xb = randomVector(n, 1.0, new SplittableRandom(7));
        FourDVarCycle cycle = new FourDVarCycle(var, xb, 0);
        List<Integer> asked = new ArrayList<>();
        Observation[] all = linearWindow(n, 10, 8);
        FourDVarCycle.WindowAnalysis first = cycle.assimilate(c -> {
            asked.add(c);
            return all[c - 1];
        });
        assertEquals(List.of(1, 2, 3), asked);
        assertEquals(0, first.start());
        assertEquals(3, first.end());
        assertEquals(2, first.firstScoredCycle());
        assertEquals(2, cycle.windowStart());
        assertEquals(5, cycle.windowEnd());
        assertArrayEquals(first.result().state(shift), cycle.background(), 0.0);
        double[] at3 = new double[n];
        first.stateAt(3, at3, 0);
        assertArrayEquals(first.result().state(3), at3, 0.0);
        // the analysed trajectory is a model trajectory (strong constraint)
        double[] x = first.result().analysis().clone();
        for (int k = 0; k < 3; k++) model.forecast(x, 0);
        assertArrayEquals(x, at3, 1e-12);
        asked.clear();
        FourDVarCycle.WindowAnalysis second = cycle.assimilate(c -> {
            asked.add(c);
            return all[c - 1];
        });
        assertEquals(List.of(3, 4, 5), asked);
        assertEquals(2, second.start());
        assertThrows(IllegalArgumentException.class, () -> second.stateAt(6, at3, 0));
    }

    static void assertRejected(String field, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().startsWith(field + ":"), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"), ex.getMessage());
    }

    @Test
    void badParametersAreRejectedWithTheFieldName() {
        assertRejected("lag", () -> new FourDVarConfig(0, 1, 3, 10, 1e-4));
        assertRejected("lag", () -> new FourDVarConfig(-2, 1, 3, 10, 1e-4));
        assertRejected("shift", () -> new FourDVarConfig(4, 0, 3, 10, 1e-4));
        assertRejected("shift", () -> new FourDVarConfig(4, 5, 3, 10, 1e-4));
        assertRejected("iterations", () -> new FourDVarConfig(4, 4, 0, 10, 1e-4));
        assertRejected("inner-iterations", () -> new FourDVarConfig(4, 4, 3, 0, 1e-4));
        assertRejected("tolerance", () -> new FourDVarConfig(4, 4, 3, 10, -1e-4));
        assertRejected("tolerance", () -> new FourDVarConfig(4, 4, 3, 10, Double.NaN));
        assertRejected("alpha", () -> BackgroundCovariance.climatological(clim, 0.0));
        assertRejected("alpha", () -> BackgroundCovariance.climatological(clim, -0.1));
        assertRejected("alpha", () -> BackgroundCovariance.climatological(clim, Double.NaN));
        assertRejected("alpha", () -> FourDVar.climatological(l96, clim, 0.0, FourDVarConfig.of(4)));
        assertRejected("lag", () -> new WindowCost(l96, BackgroundCovariance.climatological(clim, 0.1), 0));
        FourDVar var = FourDVar.climatological(l96, clim, 0.1, FourDVarConfig.of(4));
        assertRejected("window", () -> var.analyse(new double[NX], new Observation[3]));
        assertRejected("background", () -> var.analyse(new double[NX - 1], new Observation[4]));
        Model small = LinearModel.random(3, 0.1, 1);
        assertRejected("B", () -> new FourDVar(small, BackgroundCovariance.climatological(clim, 0.1), FourDVarConfig.of(2)));
    }
}
