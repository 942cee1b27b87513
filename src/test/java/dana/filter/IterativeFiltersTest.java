package dana.filter;

import static dana.filter.EnsembleFiltersTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.obs.Observation;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The iterative methods on a linear model, where the ensemble methods are exact for their sample statistics:
 * the IEnKF must be the ETKF, its finite-size variant the EnKF-N, and the IEnKS the Kalman smoother over its
 * window (and the Kalman filter at the window's end).
 */
class IterativeFiltersTest {

    static final int N = 6;

    static int[] indices(String which) {
        return which.equals("all") ? EnsembleFiltersTest.ALL : EnsembleFiltersTest.SOME;
    }

    static IterativeSpec spec(int lag, int shift, int iterations, String form, boolean mda) {
        return new IterativeSpec(lag, shift, iterations, 0.0, form.equals("bundle"), 1e-4, mda);
    }

    @ParameterizedTest(name = "ne={0} obs={1} inflation={2} iterations={3} form={4}")
    @CsvSource({"10, all, 1.0, 1, transform", "4, some, 1.1, 1, transform", "10, some, 1.05, 1, bundle",
                "10, all, 1.0, 4, transform", "5, some, 1.2, 3, bundle"})
    void ienkfIsTheEtkfOnALinearModel(int ne, String which, double inflation, int iterations, String form) {
        // with one iteration the IEnKF's analysis, propagated, is the ETKF's analysis of the forecast; on a
        // linear model Gauss-Newton has converged after the first iteration, so more change nothing
        LinearModel model = new LinearModel(N, 3);
        Propagator p = model.propagator();
        DMatrixRMaj ens = KalmanReference.randomEnsemble(ne, N, 1);
        DMatrixRMaj etkf = ens.copy();
        Ienkf ienkf = new Ienkf(N, ne, inflation, null, spec(1, 1, iterations, form, false));
        Etkf reference = new Etkf(N, ne, inflation, false, new SplittableRandom(1));
        double tol = form.equals("bundle") ? 1e-8 : 1e-10;
        for (int k = 1; k <= 3; k++) {
            Observation y = KalmanReference.randomObservation(indices(which), 0.7, 10 + k);
            RecordedEstimates rec = new RecordedEstimates();
            p.forecast(etkf);
            // the reported forecast is the inflated prior propagated: the forecast's mean, its anomalies inflated
            DMatrixRMaj forecast = forecastOf(ienkf, ens, k, y, p, rec);
            assertClose(KalmanReference.mean(etkf), KalmanReference.mean(forecast), tol, "forecast mean " + k);
            DMatrixRMaj inflated = KalmanReference.covariance(etkf);
            CommonOps_DDRM.scale(inflation * inflation, inflated);
            assertClose(inflated, KalmanReference.covariance(forecast), tol, "forecast covariance " + k);
            reference.analyse(etkf, y);
            assertClose(etkf, ens, tol, "analysis " + k);
            assertClose(ens, rec.analyses.get(k), 0, "the reported analysis is the ensemble");
        }
    }

    /** Runs one IEnKF step and returns the forecast it reported. */
    private static DMatrixRMaj forecastOf(Ienkf f, DMatrixRMaj ens, int k, Observation y, Propagator p,
                                          RecordedEstimates rec) {
        f.step(ens, new Window(k - 1, k, k, false, c -> y), p, rec);
        assertEquals(java.util.List.of("f" + k, "a" + k), rec.order);
        return rec.forecasts.get(k);
    }

    @ParameterizedTest(name = "variant={0} obs={1}")
    @CsvSource({"jeffreys, all", "mode-corrected-x2, some", "mode-corrected, all"})
    void ienkfWithTheHyperpriorConvergesToTheEnkfN(String variant, String which) {
        // the primal finite-size cost minimised by Gauss-Newton (za re-estimated each iteration) and the dual
        // EnKF-N reach the same analysis on a linear model (Bocquet et al. 2015)
        int ne = 8;
        LinearModel model = new LinearModel(N, 5);
        Propagator p = model.propagator();
        DMatrixRMaj ens = KalmanReference.randomEnsemble(ne, N, 2);
        DMatrixRMaj dual = ens.copy();
        EnkfN.Variant v = EnkfN.Variant.parse(variant);
        Ienkf ienkf = new Ienkf(N, ne, 1.0, v, new IterativeSpec(1, 1, 200, 1e-14, false, 1e-4, false));
        Observation y = KalmanReference.randomObservation(indices(which), 0.8, 3);
        ienkf.step(ens, new Window(0, 1, 1, false, c -> y), p, new RecordedEstimates());
        p.forecast(dual);
        EnkfN enkfN = new EnkfN(N, ne, v, false, new SplittableRandom(1));
        enkfN.analyse(dual, y);
        assertTrue(ienkf.lastIterations() < 200, "converged (" + ienkf.lastIterations() + " iterations)");
        assertEquals(enkfN.lastInflation(), ienkf.lastInflation(), 1e-9, "inflation");
        assertTrue(Math.abs(enkfN.lastInflation() - 1) > 1e-3, "the test inflates (" + enkfN.lastInflation() + ")");
        assertClose(dual, ens, 1e-9, "ensemble");
    }

    @ParameterizedTest(name = "lag={0} shift={1} mda={2} form={3}")
    @CsvSource({"3, 3, false, transform", "3, 2, false, transform", "3, 1, false, transform", "3, 2, true, transform",
                "3, 1, true, transform", "4, 3, true, transform", "3, 2, false, bundle", "1, 1, false, transform"})
    void ienksIsTheKalmanSmootherOverItsWindow(int lag, int shift, boolean mda, String form) {
        int ne = 7;
        LinearModel model = new LinearModel(N, 7);
        Propagator p = model.propagator();
        double tol = form.equals("bundle") ? 1e-7 : 1e-9;
        DMatrixRMaj ens = KalmanReference.randomEnsemble(ne, N, 4);
        double inflation = 1.1;
        double[] x0 = KalmanReference.mean(ens);
        DMatrixRMaj p0 = KalmanReference.covariance(ens);
        CommonOps_DDRM.scale(inflation * inflation, p0);
        Map<Integer, Observation> ys = new HashMap<>();
        for (int c = 1; c <= lag + shift; c++) {
            ys.put(c, KalmanReference.randomObservation(c % 2 == 0 ? EnsembleFiltersTest.SOME : EnsembleFiltersTest.ALL, 0.6, 20 + c));
        }
        Ienks ienks = new Ienks(N, ne, inflation, null, spec(lag, shift, 2, form, mda));
        RecordedEstimates first = new RecordedEstimates();
        ienks.step(ens, new Window(0, lag, 1, false, ys::get), p, first);

        // the smoothed estimate at the window's start: the batch posterior of x_0 given y_1..y_L
        KalmanReference smoother = batchSmoother(model, x0, p0, ys, lag);
        assertClose(smoother.mean, KalmanReference.mean(first.smoothed.get(0)), tol, "smoothed mean at 0");
        assertClose(smoother.cov, KalmanReference.covariance(first.smoothed.get(0)), tol, "smoothed covariance at 0");
        // the analysis at the window's end: the Kalman filter's
        double[] xf = x0;
        DMatrixRMaj pf = p0;
        KalmanReference kf = null;
        for (int c = 1; c <= lag; c++) {
            xf = model.propagate(xf);
            pf = model.propagate(pf);
            kf = KalmanReference.analyse(xf, pf, ys.get(c));
            xf = kf.mean;
            pf = kf.cov;
        }
        assertClose(kf.mean, KalmanReference.mean(first.analyses.get(lag)), tol, "filter mean at L");
        assertClose(kf.cov, KalmanReference.covariance(first.analyses.get(lag)), tol, "filter covariance at L");
        for (int c = 1; c <= lag; c++) {
            assertTrue(first.order.indexOf("f" + c) < first.order.indexOf("a" + c), "forecast " + c + " before its analysis");
        }
        for (int c = 0; c < shift; c++) assertTrue(first.smoothed.containsKey(c), "smoothed " + c);

        // two windows without inflation (so that the Kalman filter applies unchanged): the second starts from
        // the first one's analysis moved by S and ends with the Kalman filter of y_1 .. y_{S+L}
        Ienks twice = new Ienks(N, ne, 1.0, null, spec(lag, shift, 2, form, mda));
        DMatrixRMaj start = KalmanReference.randomEnsemble(ne, N, 4);
        twice.step(start, new Window(0, lag, 1, false, ys::get), p, new RecordedEstimates());
        RecordedEstimates second = new RecordedEstimates();
        twice.step(start, new Window(shift, shift + lag, lag + 1, false, ys::get), p, second);
        xf = x0;
        pf = KalmanReference.covariance(KalmanReference.randomEnsemble(ne, N, 4));
        for (int c = 1; c <= lag + shift; c++) {
            xf = model.propagate(xf);
            pf = model.propagate(pf);
            kf = KalmanReference.analyse(xf, pf, ys.get(c));
            xf = kf.mean;
            pf = kf.cov;
        }
        assertClose(kf.mean, KalmanReference.mean(second.analyses.get(shift + lag)), tol, "filter mean at S+L");
        assertClose(kf.cov, KalmanReference.covariance(second.analyses.get(shift + lag)), tol, "filter covariance at S+L");
        assertEquals(java.util.Set.copyOf(java.util.stream.IntStream.rangeClosed(lag + 1, lag + shift).boxed().toList()),
                second.analyses.keySet(), "the second window reports the analyses of its new cycles");
    }

    /** x_0 | y_1..y_L for the linear model: one Kalman update of x_0 with the stacked operators H_c M^c. */
    static KalmanReference batchSmoother(LinearModel model, double[] x0, DMatrixRMaj p0, Map<Integer, Observation> ys, int lag) {
        int rows = 0;
        for (int c = 1; c <= lag; c++) rows += ys.get(c).size();
        DMatrixRMaj g = new DMatrixRMaj(rows, N);
        double[] y = new double[rows], r = new double[rows];
        DMatrixRMaj mc = CommonOps_DDRM.identity(N);
        int row = 0;
        for (int c = 1; c <= lag; c++) {
            DMatrixRMaj next = new DMatrixRMaj(N, N);
            CommonOps_DDRM.mult(model.m, mc, next);
            mc = next;
            Observation o = ys.get(c);
            for (int j = 0; j < o.size(); j++, row++) {
                for (int i = 0; i < N; i++) g.set(row, i, mc.get(o.indices()[j], i));
                y[row] = o.values()[j];
                r[row] = o.sigma() * o.sigma();
            }
        }
        DMatrixRMaj pgt = new DMatrixRMaj(N, rows), s = new DMatrixRMaj(rows, rows);
        CommonOps_DDRM.multTransB(p0, g, pgt);
        CommonOps_DDRM.mult(g, pgt, s);
        for (int j = 0; j < rows; j++) s.add(j, j, r[j]);
        CommonOps_DDRM.invert(s);
        DMatrixRMaj k = new DMatrixRMaj(N, rows);
        CommonOps_DDRM.mult(pgt, s, k);
        double[] innovation = new double[rows];
        for (int j = 0; j < rows; j++) {
            double gx = 0;
            for (int i = 0; i < N; i++) gx += g.get(j, i) * x0[i];
            innovation[j] = y[j] - gx;
        }
        double[] xa = x0.clone();
        for (int i = 0; i < N; i++) for (int j = 0; j < rows; j++) xa[i] += k.get(i, j) * innovation[j];
        DMatrixRMaj kgp = new DMatrixRMaj(N, N);
        DMatrixRMaj kg = new DMatrixRMaj(N, N);
        CommonOps_DDRM.mult(k, g, kg);
        CommonOps_DDRM.mult(kg, p0, kgp);
        DMatrixRMaj pa = p0.copy();
        CommonOps_DDRM.subtractEquals(pa, kgp);
        return KalmanReference.of(xa, pa);
    }

    @Test
    void mdaWeightsOfEachObservationSumToOne() {
        for (int lag = 1; lag <= 6; lag++) {
            for (int shift = 1; shift <= lag; shift++) {
                Ienks f = new Ienks(N, 3, 1.0, null, spec(lag, shift, 1, "transform", true));
                for (int c = 1; c <= 30; c++) {
                    // brute force: the windows [K, K+L], K = 0, S, 2S, ..., whose observations include y_c
                    int count = 0, before = 0;
                    for (int k0 = 0; k0 < c; k0 += shift) {
                        if (c <= k0 + lag) {
                            count++;
                            if (k0 < 12) before++;
                        }
                    }
                    assertEquals(count, f.windowsContaining(c, Integer.MAX_VALUE), "count L=" + lag + " S=" + shift + " c=" + c);
                    assertEquals(before, f.windowsContaining(c, 11), "before L=" + lag + " S=" + shift + " c=" + c);
                    assertTrue(count >= 1);
                }
            }
        }
    }

    @Test
    void ienksReportsEveryCycleOnceInOrder() {
        // L=4, S=3 over 11 cycles: windows [0,4] (new 1-4), [3,7] (5-7), [6,10] (8-10), [9,11] (11, cut at the end)
        LinearModel model = new LinearModel(N, 9);
        Propagator p = model.propagator();
        Ienks f = new Ienks(N, 5, 1.0, null, spec(4, 3, 2, "transform", false));
        DMatrixRMaj ens = KalmanReference.randomEnsemble(5, N, 1);
        RecordedEstimates rec = new RecordedEstimates();
        int[][] windows = {{0, 4, 1}, {3, 7, 5}, {6, 10, 8}, {9, 11, 11}};
        for (int[] w : windows) {
            f.step(ens, new Window(w[0], w[1], w[2], w[1] == 11, c -> KalmanReference.randomObservation(EnsembleFiltersTest.SOME, 1, c)), p, rec);
        }
        for (int c = 1; c <= 11; c++) {
            assertEquals(1, rec.order.stream().filter(("f" + c)::equals).count(), "one forecast of " + c);
            assertEquals(1, rec.order.stream().filter(("a" + c)::equals).count(), "one analysis of " + c);
            assertTrue(rec.order.indexOf("f" + c) < rec.order.indexOf("a" + c));
            assertTrue(rec.smoothed.containsKey(c), "a smoothed estimate of " + c);
        }
        assertArrayEquals(new Object[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, rec.smoothed.keySet().toArray());
    }
}
