package dana.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.obs.Observation;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EnkfNTest {

    /** Eigen-quantities of a random analysis problem, through the filter's own workspace. */
    static EnsembleSpace problem(int ne, int[] idx, double sigma, long seed, double obsScale) {
        int n = 6;
        DMatrixRMaj ens = KalmanReference.randomEnsemble(ne, n, seed);
        Observation obs = KalmanReference.randomObservation(idx, sigma, seed + 1);
        for (int j = 0; j < idx.length; j++) obs.values()[j] *= obsScale;
        EnsembleSpace sp = new EnsembleSpace(n, ne);
        sp.center(ens, 1.0);
        sp.observe(obs);
        sp.decompose();
        return sp;
    }

    @ParameterizedTest(name = "ne={0} sigma={1} variant={2} scale={3}")
    @CsvSource({"10, 1.0, jeffreys, 1", "10, 0.3, mode-corrected, 1", "4, 2.0, mode-corrected-x2, 1",
                "20, 1.0, jeffreys, 5", "10, 5.0, jeffreys, 0.01"})
    void dualSolveMatchesABruteForceMinimisation(int ne, double sigma, String variant, double scale) {
        EnsembleSpace sp = problem(ne, new int[] {0, 1, 2, 3, 4, 5}, sigma, 7, scale);
        EnkfN.DualCost cost = EnkfN.dualCost(sp.lambda, sp.vb, ne, EnkfN.Variant.parse(variant));
        double t = cost.argmin();
        // brute force: a fine logarithmic grid over 12 decades, then golden-section refinement of the best cell
        double best = Double.NaN, bestJ = Double.POSITIVE_INFINITY;
        int points = 200_000;
        for (int i = 0; i <= points; i++) {
            double ti = Math.pow(10, -6 + 12.0 * i / points);
            double j = cost.value(ti);
            if (j < bestJ) {
                bestJ = j;
                best = ti;
            }
        }
        double ratio = Math.pow(10, 12.0 / points);
        double a = best / ratio, b = best * ratio;
        double g = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 200; it++) {
            double c = b - g * (b - a), d = a + g * (b - a);
            if (cost.value(c) < cost.value(d)) b = d; else a = c;
        }
        double brute = 0.5 * (a + b);
        assertEquals(brute, t, 1e-6 * brute, "argmin of the dual cost");
        assertTrue(cost.value(t) <= bestJ + 1e-12);
    }

    @Test
    void analysisMeanEqualsThePrimalMinimiser() {
        // primal cost (Bocquet et al. 2015): J(w) = |u - S^T w|^2 / 2 + N1 cL ln(eN + |w|^2) / 2, minimised by plain
        // gradient descent, independently of the dual solve; the mean is xbar + A^T w
        int n = 6, ne = 8;
        int[] idx = {0, 2, 3, 5};
        DMatrixRMaj ens = KalmanReference.randomEnsemble(ne, n, 21);
        Observation obs = KalmanReference.randomObservation(idx, 0.8, 22);
        EnsembleSpace sp = new EnsembleSpace(n, ne);
        sp.center(ens, 1.0);
        sp.observe(obs);
        sp.decompose();
        EnkfN.DualCost dual = EnkfN.dualCost(sp.lambda, sp.vb, ne, EnkfN.Variant.JEFFREYS);
        int p = idx.length, n1 = ne - 1;
        double[] w = new double[ne];
        double step = 1e-3;
        for (int it = 0; it < 200_000; it++) {
            double[] grad = primalGradient(sp, w, p, n1, dual.eN(), dual.cL());
            double gn = 0;
            for (double gi : grad) gn += gi * gi;
            if (Math.sqrt(gn) < 1e-13) break;
            for (int i = 0; i < ne; i++) w[i] -= step * grad[i];
            if (it == 1000) step = 5e-3;
        }
        double[] expected = sp.mean.clone();
        for (int m = 0; m < ne; m++) for (int i = 0; i < n; i++) expected[i] += w[m] * sp.anomalies.get(m, i);
        new EnkfN(n, ne, EnkfN.Variant.JEFFREYS, false, new SplittableRandom(1)).analyse(ens, obs);
        double[] mean = KalmanReference.mean(ens);
        for (int i = 0; i < n; i++) assertEquals(expected[i], mean[i], 1e-8);
    }

    static double[] primalGradient(EnsembleSpace sp, double[] w, int p, int n1, double eN, double cL) {
        int ne = w.length;
        double[] r = new double[p];
        for (int j = 0; j < p; j++) {
            double acc = sp.u[j];
            for (int m = 0; m < ne; m++) acc -= sp.s(m, j) * w[m];
            r[j] = acc;
        }
        double ww = 0;
        for (double x : w) ww += x * x;
        double zeta = n1 * cL / (eN + ww);
        double[] g = new double[ne];
        for (int m = 0; m < ne; m++) {
            double acc = 0;
            for (int j = 0; j < p; j++) acc -= sp.s(m, j) * r[j];
            g[m] = acc + zeta * w[m];
        }
        return g;
    }

    @Test
    void noObservationWeightGivesThePriorMode() {
        // with vanishing innovation the dual cost is eN/t + cL ln t, minimised at t = eN / cL
        EnkfN.DualCost c = new EnkfN.DualCost(new double[] {0, 1, 2}, new double[] {0, 0, 0}, 2, 1.5, 1.5);
        assertEquals(1.0, c.argmin(), 1e-12);
    }

    @Test
    void unknownVariantNamesTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnkfN.Variant.parse("xyz"));
        assertTrue(e.getMessage().startsWith("variant:") && e.getMessage().contains("jeffreys"), e.getMessage());
    }
}
