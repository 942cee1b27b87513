package dana.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.filter.Analysis;
import dana.filter.Climatology;
import dana.filter.StaticGainAnalysis;
import dana.nn.Activation;
import dana.obs.Observation;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class ExpansionTest {

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
        return m;
    }

    @Test
    void leastSquaresGainEqualsJacobianGainForALinearNetwork() {
        // a linear a_theta is affine in zeta: the centred regression is exact for any draws spanning R^Nx, so
        // what remains is float32 rounding of the outputs (~1e-7 relative) divided by sqrt(Np) std(zeta)
        int nx = 20;
        NetworkIncrement map = TinyNetworks.map(Activation.IDENTITY, 3, nx);
        double[] x = TinyNetworks.state(nx, 4);
        Expansion e = Expansion.at(map, x, 0.8, 200, 5, 17);
        assertTrue(maxAbs(e.jacobian()) > 0.05, "the gain is not trivially small: " + maxAbs(e.jacobian()));
        double d = maxAbsDiff(e.regression(), e.jacobian());
        assertTrue(d < 1e-6, "least squares vs Jacobian, max |difference| " + d);
    }

    @Test
    void leastSquaresDiffersFromJacobianForANonlinearNetworkByCurvatureOnly() {
        // the check above is not vacuous: with GELU the regression averages the slope over N(0, R) innovations
        int nx = 20;
        NetworkIncrement map = TinyNetworks.map(Activation.GELU, 3, nx);
        Expansion e = Expansion.at(map, TinyNetworks.state(nx, 4), 1.0, 400, 5, 17);
        double d = maxAbsDiff(e.regression(), e.jacobian());
        assertTrue(d > 1e-4, "a nonlinear map's regression slope is not its slope at 0: " + d);
    }

    @Test
    void jacobianGainMatchesFiniteDifferences() {
        int nx = 16;
        NetworkIncrement net = TinyNetworks.map(Activation.GELU, 11, nx);
        double[] x = TinyNetworks.state(nx, 12);
        double[] exact = new double[nx * nx];
        net.gain(x, exact);
        // the interface's default gain: central differences of the increments, step 2e-2 (float32 outputs:
        // rounding ~1e-7 / 4e-2, truncation ~h^2/6 |a'''|)
        IncrementMap fd = new IncrementMap() {
            @Override
            public int nx() {
                return nx;
            }

            @Override
            public void increments(double[] xx, double[] zetas, int count, double[] out) {
                net.increments(xx, zetas, count, out);
            }

            @Override
            public double gainStep() {
                return 2e-2;
            }
        };
        double[] approx = new double[nx * nx];
        fd.gain(x, approx);
        double scale = maxAbs(exact);
        assertTrue(scale > 0.05, "gain scale " + scale);
        double d = maxAbsDiff(exact, approx);
        assertTrue(d < 2e-4 * Math.max(1, scale), "exact vs finite-difference gain: max |difference| " + d + ", scale " + scale);
    }

    @Test
    void theExpansionOfAKalmanUpdateReturnsItsAnalysisCovariance() {
        // the 3D-Var/OI update with B = P^f is the Kalman update x^a = x^f + P^f (P^f + R)^-1 (y - x^f)
        // = x^f + P^a R^-1 (y - x^f): its gain on zeta is P^a = (P^f^-1 + R^-1)^-1, computed here independently
        int n = 8;
        double sigma = 0.7;
        SplittableRandom rng = new SplittableRandom(21);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int k = 0; k < a.data.length; k++) a.data[k] = rng.nextDouble() - 0.5;
        DMatrixRMaj pf = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(a, a, pf);
        for (int i = 0; i < n; i++) pf.add(i, i, 0.2);
        Analysis kalman = new StaticGainAnalysis(new Climatology(new double[n], pf), 1.0, true);
        DMatrixRMaj info = pf.copy();
        CommonOps_DDRM.invert(info);
        for (int i = 0; i < n; i++) info.add(i, i, 1 / (sigma * sigma));
        CommonOps_DDRM.invert(info);
        double[] pa = info.data;

        double[] x = TinyNetworks.state(n, 22);
        Expansion e = Expansion.at(new AnalysisIncrement(kalman, n, sigma), x, sigma, 50, 23, 1);
        assertTrue(maxAbsDiff(e.jacobian(), pa) < 1e-10, "Jacobian gain vs P^a: " + maxAbsDiff(e.jacobian(), pa));
        assertTrue(maxAbsDiff(e.regression(), pa) < 1e-10, "regression gain vs P^a: " + maxAbsDiff(e.regression(), pa));
        assertEquals(0.0, e.biasNorm(), 1e-14, "no innovation, no increment");
    }

    @Test
    void theIncrementOfAnAnalysisIsWhatItAddsToTheState() {
        // a map with a bias: x^a = x^f + c + 0.5 (y - x^f) (R = 1), checked through AnalysisIncrement
        int n = 5;
        double[] c = {0.1, -0.2, 0.3, 0, 0.05};
        Analysis biased = new Analysis() {
            @Override
            public int members() {
                return 1;
            }

            @Override
            public void analyse(DMatrixRMaj ens, Observation obs) {
                for (int i = 0; i < n; i++) ens.data[i] += c[i] + 0.5 * (obs.values()[i] - ens.data[i]);
            }
        };
        Expansion e = Expansion.at(new AnalysisIncrement(biased, n, 1.0), TinyNetworks.state(n, 1), 1.0, 20, 1, 1);
        for (int i = 0; i < n; i++) {
            assertEquals(c[i], e.bias()[i], 1e-14);
            for (int l = 0; l < n; l++) assertEquals(i == l ? 0.5 : 0.0, e.jacobian()[i * n + l], 1e-9);
        }
        double norm = Math.sqrt((0.01 + 0.04 + 0.09 + 0.0025) / 5);
        assertEquals(norm, e.biasNorm(), 1e-14);
    }

    @Test
    void tooFewInnovationsForTheRegressionAreRefused() {
        NetworkIncrement map = TinyNetworks.map(Activation.GELU, 3, 10);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> Expansion.at(map, TinyNetworks.state(10, 1), 1.0, 10, 1, 1));
        assertTrue(ex.getMessage().startsWith("samples: "), ex.getMessage());
    }
}
