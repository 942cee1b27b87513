package dana.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.obs.Observation;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * On a linear-Gaussian analysis, an ensemble square-root filter is exact for its sample covariance: its mean and
 * covariance must equal the Kalman filter's computed in state space with P^f = the (inflated) sample covariance.
 */
class EnsembleFiltersTest {

    static final int[] ALL = {0, 1, 2, 3, 4, 5};
    static final int[] SOME = {1, 3, 4};

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * (1 + Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, double tol, String what) {
        assertClose(expected.data, actual.data, tol, what);
    }

    @ParameterizedTest(name = "ne={0} obs={1} inflation={2} rotate={3}")
    @CsvSource({"10, all, 1.0, false", "4, all, 1.0, false", "10, some, 1.0, false", "10, all, 1.1, false",
                "10, some, 1.05, true", "3, some, 1.0, true"})
    void etkfEqualsTheKalmanFilter(int ne, String which, double inflation, boolean rotate) {
        int n = 6;
        DMatrixRMaj ens = KalmanReference.randomEnsemble(ne, n, 1);
        Observation obs = KalmanReference.randomObservation(which.equals("all") ? ALL : SOME, 0.7, 2);
        DMatrixRMaj pf = KalmanReference.covariance(ens);
        CommonOps_DDRM.scale(inflation * inflation, pf);
        KalmanReference kf = KalmanReference.analyse(KalmanReference.mean(ens), pf, obs);
        new Etkf(n, ne, inflation, rotate, new SplittableRandom(3)).analyse(ens, obs);
        assertClose(kf.mean, KalmanReference.mean(ens), 1e-10, "mean");
        assertClose(kf.cov, KalmanReference.covariance(ens), 1e-10, "covariance");
    }

    @Test
    void rotationIsOrthogonalAndMeanPreserving() {
        for (int n : new int[] {2, 5, 20}) {
            DMatrixRMaj o = rotation(n, new SplittableRandom(n));
            DMatrixRMaj oto = new DMatrixRMaj(n, n);
            CommonOps_DDRM.multTransA(o, o, oto);
            assertClose(CommonOps_DDRM.identity(n), oto, 1e-12, "O^T O");
            for (int r = 0; r < n; r++) {
                double rowSum = 0, colSum = 0;
                for (int c = 0; c < n; c++) {
                    rowSum += o.get(r, c);
                    colSum += o.get(c, r);
                }
                assertEquals(1.0, rowSum, 1e-12);
                assertEquals(1.0, colSum, 1e-12);
            }
        }
        // and it is not the identity: it really rotates
        DMatrixRMaj o = rotation(10, new SplittableRandom(1));
        assertTrue(Math.abs(o.get(0, 0) - 1.0) > 1e-3);
    }

    static DMatrixRMaj rotation(int n, SplittableRandom rng) {
        DMatrixRMaj o = new DMatrixRMaj(n, n);
        new MeanPreservingRotation(n).draw(rng, o.data);
        return o;
    }

    @Test
    void rotationsAreHaarDistributedOnTheComplementOfOnes() {
        // for Haar Q on O(k), E[Q_ij^2] = 1/k; Omega restricted to 1-perp is Haar, so for a unit vector v _|_ 1,
        // E[(v . Omega v)^2] = 1/(n-1): check the second moment over many draws (5% tolerance ~ 4 sigma)
        int n = 6, draws = 20000;
        double[] v = {1, -1, 0, 0, 0, 0};
        double norm = Math.sqrt(2);
        MeanPreservingRotation rot = new MeanPreservingRotation(n);
        SplittableRandom rng = new SplittableRandom(3);
        double[] o = new double[n * n];
        double m2 = 0;
        for (int d = 0; d < draws; d++) {
            rot.draw(rng, o);
            double x = 0;
            for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) x += v[r] * o[r * n + c] * v[c];
            x /= norm * norm;
            m2 += x * x;
        }
        assertEquals(1.0 / (n - 1), m2 / draws, 0.05 / (n - 1));
    }

    @Test
    void stochasticEnkfMeanIsTheKalmanMean() {
        // with centred perturbations the mean update is exactly K (y - H xbar); the covariance matches only in
        // expectation, so it is checked statistically over a large ensemble
        int n = 6, ne = 12;
        DMatrixRMaj ens = KalmanReference.randomEnsemble(ne, n, 4);
        Observation obs = KalmanReference.randomObservation(SOME, 0.5, 5);
        KalmanReference kf = KalmanReference.analyse(KalmanReference.mean(ens), KalmanReference.covariance(ens), obs);
        new StochasticEnkf(n, ne, 1.0, new SplittableRandom(6)).analyse(ens, obs);
        assertClose(kf.mean, KalmanReference.mean(ens), 1e-10, "mean");
    }

    @Test
    void stochasticEnkfCovarianceIsTheKalmanOneOnAverage() {
        // for a fixed forecast ensemble, averaging over draws of the centred perturbations gives
        // E[P^a] = (I - KH) P^f (I - KH)^T + K R K^T = (I - KH) P^f; 2000 draws leave ~1% sampling error
        int n = 3, ne = 30, draws = 2000;
        DMatrixRMaj forecast = KalmanReference.randomEnsemble(ne, n, 7);
        Observation obs = KalmanReference.randomObservation(new int[] {0, 2}, 1.0, 8);
        KalmanReference kf = KalmanReference.analyse(KalmanReference.mean(forecast), KalmanReference.covariance(forecast), obs);
        StochasticEnkf enkf = new StochasticEnkf(n, ne, 1.0, new SplittableRandom(9));
        DMatrixRMaj mean = new DMatrixRMaj(n, n);
        for (int d = 0; d < draws; d++) {
            DMatrixRMaj ens = forecast.copy();
            enkf.analyse(ens, obs);
            CommonOps_DDRM.addEquals(mean, 1.0 / draws, KalmanReference.covariance(ens));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(kf.cov.get(i, i), mean.get(i, i), 0.05 * kf.cov.get(i, i), "variance " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"8, all", "5, some"})
    void letkfWithAnInfiniteRadiusIsTheEtkf(int ne, String which) {
        int n = 6;
        Observation obs = KalmanReference.randomObservation(which.equals("all") ? ALL : SOME, 0.9, 10);
        DMatrixRMaj a = KalmanReference.randomEnsemble(ne, n, 11);
        DMatrixRMaj b = a.copy();
        new Etkf(n, ne, 1.03, false, new SplittableRandom(1)).analyse(a, obs);
        new Letkf(n, ne, 1.03, Double.POSITIVE_INFINITY).analyse(b, obs);
        assertClose(a, b, 1e-10, "ensemble");
    }

    @Test
    void letkfLeavesUnobservedFarPointsAtTheirForecast() {
        int n = 40, ne = 6;
        Observation obs = KalmanReference.randomObservation(new int[] {0}, 1.0, 12);
        DMatrixRMaj e = KalmanReference.randomEnsemble(ne, n, 13);
        DMatrixRMaj f = e.copy();
        new Letkf(n, ne, 1.0, 2.0).analyse(e, obs);
        // support 2 * sqrt(10/3) * 2 = 7.3 points: index 20 is out of reach, index 1 is not
        for (int m = 0; m < ne; m++) assertEquals(f.get(m, 20), e.get(m, 20), 1e-12);
        boolean changed = false;
        for (int m = 0; m < ne; m++) changed |= Math.abs(f.get(m, 1) - e.get(m, 1)) > 1e-6;
        assertTrue(changed);
    }

    @Test
    void gaspariCohnIsTheKnownTaper() {
        assertEquals(1.0, Letkf.gaspariCohn(0), 0);
        assertEquals(0.0, Letkf.gaspariCohn(2.0), 0);
        assertEquals(0.0, Letkf.gaspariCohn(3.5), 0);
        // continuity at r = 1 (both branches give 13/48 - ... = 0.2083)
        assertEquals(Letkf.gaspariCohn(1 - 1e-9), Letkf.gaspariCohn(1 + 1e-9), 1e-7);
        assertEquals(0.208333333, Letkf.gaspariCohn(1.0), 1e-8);
        for (double r = 0; r < 2; r += 0.01) assertTrue(Letkf.gaspariCohn(r) >= Letkf.gaspariCohn(r + 0.01));
    }
}
