package dana.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.nn.Activation;
import org.junit.jupiter.api.Test;

class SensitivityTest {

    /**
     * a_i(x, zeta) = sin(x_i) + tanh(x_{i+1}) zeta_{i-1} + x_i^2 zeta_i: its mixed derivatives are known,
     * d^2 a_i / dx_{i+1} dzeta_{i-1} = 1 - tanh^2(x_{i+1}) and d^2 a_i / dx_i dzeta_i = 2 x_i, all others 0.
     */
    private static final class KnownMap implements IncrementMap {
        final int n;

        KnownMap(int n) {
            this.n = n;
        }

        @Override
        public int nx() {
            return n;
        }

        @Override
        public void increments(double[] x, double[] zetas, int count, double[] out) {
            for (int j = 0; j < count; j++) {
                for (int i = 0; i < n; i++) {
                    out[j * n + i] = Math.sin(x[i]) + Math.tanh(x[(i + 1) % n]) * zetas[j * n + (i + n - 1) % n]
                            + x[i] * x[i] * zetas[j * n + i];
                }
            }
        }
    }

    @Test
    void foldingPutsTheKnownMixedDerivativesAtTheirOffsets() {
        int n = 12;
        KnownMap map = new KnownMap(n);
        FoldedSensitivity f = new FoldedSensitivity(n);
        double[] t = new double[n * n * n];
        double expectNeighbour = 0, expectLocal = 0;
        for (long s = 1; s <= 3; s++) {
            double[] x = TinyNetworks.state(n, s);
            MixedDerivatives.at(map, x, 1e-3, t);
            f.add(t);
            for (int i = 0; i < n; i++) {
                double th = Math.tanh(x[(i + 1) % n]);
                expectNeighbour += (1 - th * th) / (3.0 * n);
                expectLocal += 2 * x[i] / (3.0 * n);
            }
        }
        assertEquals(3, f.states());
        assertEquals(expectNeighbour, f.mean(1, -1), 1e-6);
        assertEquals(expectLocal, f.mean(0, 0), 1e-6);
        for (int p = -n / 2; p < n / 2; p++) {
            for (int q = -n / 2; q < n / 2; q++) {
                if ((p == 1 && q == -1) || (p == 0 && q == 0)) continue;
                assertEquals(0.0, f.rms(p, q), 1e-6, "offset (" + p + ", " + q + ")");
            }
        }
        assertTrue(f.rms(1, -1) >= Math.abs(f.mean(1, -1)));
        assertEquals(1.0, f.shareWithin(1), 1e-9);
        assertTrue(f.shareWithin(0) < 1.0);
        assertEquals(-1, f.signed(n - 1));
    }

    @Test
    void networkMixedDerivativesMatchAFullFiniteDifference() {
        // reference: the 4-point second difference of the increments themselves,
        // [a(x+h e_j, k e_l) - a(x+h e_j, -k e_l) - a(x-h e_j, k e_l) + a(x-h e_j, -k e_l)] / (4 h k),
        // which uses neither the backward pass nor the exact gain
        int n = 10;
        NetworkIncrement map = TinyNetworks.map(Activation.TANH, 31, n);
        double[] x = TinyNetworks.state(n, 32);
        // the same step in x as the command's default; a smaller one in zeta, where the reference has no exact
        // derivative (measured: with 0.05 in zeta too the reference itself is off by 2% of max |T|, with 0.01 the
        // two agree to 7e-4 of it)
        double h = 0.05, hz = 0.01;
        double[] t = new double[n * n * n];
        MixedDerivatives.at(map, x, h, t);
        double[] zetas = new double[4 * n];
        double[] a = new double[4 * n];
        double maxT = 0, maxDiff = 0;
        for (int j = 0; j < n; j++) {
            for (int l = 0; l < n; l++) {
                double[] xp = x.clone(), xm = x.clone();
                xp[j] += h;
                xm[j] -= h;
                java.util.Arrays.fill(zetas, 0);
                zetas[l] = hz;
                zetas[n + l] = -hz;
                map.increments(xp, zetas, 2, a);
                double[] b = new double[2 * n];
                map.increments(xm, java.util.Arrays.copyOf(zetas, 2 * n), 2, b);
                for (int i = 0; i < n; i++) {
                    double fd = (a[i] - a[n + i] - b[i] + b[n + i]) / (4 * h * hz);
                    double v = t[(i * n + j) * n + l];
                    maxT = Math.max(maxT, Math.abs(v));
                    maxDiff = Math.max(maxDiff, Math.abs(v - fd));
                }
            }
        }
        assertTrue(maxT > 1e-2, "the tensor is not trivially small: " + maxT);
        assertTrue(maxDiff < 2e-3 * maxT, "FD of the exact gain vs full FD: max |difference| " + maxDiff + ", max |T| " + maxT);
    }
}
