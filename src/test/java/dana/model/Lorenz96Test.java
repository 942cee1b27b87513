package dana.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.util.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Lorenz96Test {

    /** The tendency written independently, straight from the equation, with modulo indexing. */
    static double[] tendencyByDefinition(double[] x, double f) {
        int n = x.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = (x[(i + 1) % n] - x[(i - 2 + n) % n]) * x[(i - 1 + n) % n] - x[i] + f;
        }
        return out;
    }

    static double[] randomState(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 2.3 + 3.6 * Seeds.gaussian(rng);
        return x;
    }

    @ParameterizedTest
    @CsvSource({"4", "5", "40", "77"})
    void tendencyMatchesTheEquation(int n) {
        double[] x = randomState(n, n);
        double[] out = new double[n];
        Lorenz96.tendency(x, 0, out, n, 8.0);
        double[] ref = tendencyByDefinition(x, 8.0);
        for (int i = 0; i < n; i++) assertEquals(ref[i], out[i], 1e-12);
    }

    /**
     * The batched, vectorised forecast gives each member the bits of the textbook RK4 (plain loops, modulo
     * indexing) applied to that member alone, for sizes with and without a vector tail and several steps per
     * cycle; forecast() of one member at an offset is the same.
     */
    @ParameterizedTest
    @CsvSource({"4, 3, 1", "5, 1, 2", "40, 20, 1", "40, 7, 3", "77, 2, 1"})
    void batchedForecastIsThePlainRk4BitForBit(int n, int members, int steps) {
        double f = 8.0, dt = 0.05;
        Lorenz96 m = new Lorenz96(n, f, dt, steps);
        double[] states = new double[members * n];
        for (int k = 0; k < members; k++) System.arraycopy(randomState(n, 100 + k), 0, states, k * n, n);
        double[] single = new double[states.length + 3];
        System.arraycopy(states, 0, single, 3, states.length);
        double[] expected = states.clone();
        for (int k = 0; k < members; k++) {
            double[] x = java.util.Arrays.copyOfRange(expected, k * n, (k + 1) * n);
            for (int s = 0; s < steps; s++) {
                double[] k1 = tendencyByDefinition(x, f), st = new double[n];
                for (int i = 0; i < n; i++) st[i] = x[i] + 0.5 * dt * k1[i];
                double[] k2 = tendencyByDefinition(st, f);
                for (int i = 0; i < n; i++) st[i] = x[i] + 0.5 * dt * k2[i];
                double[] k3 = tendencyByDefinition(st, f);
                for (int i = 0; i < n; i++) st[i] = x[i] + dt * k3[i];
                double[] k4 = tendencyByDefinition(st, f);
                for (int i = 0; i < n; i++) x[i] += dt / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
            }
            System.arraycopy(x, 0, expected, k * n, n);
        }
        m.forecastAll(states, members);
        for (int k = 0; k < members; k++) m.forecast(single, 3 + k * n);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, states);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, java.util.Arrays.copyOfRange(single, 3, single.length));
    }

    @Test
    void restStateIsAFixedPoint() {
        Lorenz96 m = new Lorenz96(40, 8.0, 0.05, 3);
        double[] x = new double[40];
        java.util.Arrays.fill(x, 8.0);
        m.forecast(x, 0);
        for (double v : x) assertEquals(8.0, v, 1e-12);
    }

    @Test
    void rk4IsFourthOrder() {
        // integrate to t = 0.4 with dt and dt/2; compare with a fine reference: error ratio ~ 2^4
        double[] x0 = randomState(40, 3);
        double[] ref = integrate(x0, 0.4, 1600);
        double e1 = distance(integrate(x0, 0.4, 20), ref);
        double e2 = distance(integrate(x0, 0.4, 40), ref);
        double order = Math.log(e1 / e2) / Math.log(2);
        assertEquals(4.0, order, 0.3, "observed order " + order);
    }

    static double[] integrate(double[] x0, double t, int steps) {
        Lorenz96 m = new Lorenz96(x0.length, 8.0, t / steps, steps);
        double[] x = x0.clone();
        m.forecast(x, 0);
        return x;
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s);
    }

    @ParameterizedTest
    @CsvSource({"40, 1, 0.05", "40, 3, 0.05", "7, 2, 0.1"})
    void tangentLinearMatchesFiniteDifferences(int n, int steps, double dt) {
        Lorenz96 m = new Lorenz96(n, 8.0, dt, steps);
        double[] x = randomState(n, 11);
        double[] dx = randomState(n, 12);
        double[] tl = dx.clone();
        m.tangentLinear(x, 0, tl, 0);
        // central differences: truncation error O(eps^2), round-off O(1e-16 / eps); eps = 1e-5 gives ~1e-9
        double eps = 1e-5;
        double[] plus = new double[n], minus = new double[n];
        for (int i = 0; i < n; i++) {
            plus[i] = x[i] + eps * dx[i];
            minus[i] = x[i] - eps * dx[i];
        }
        m.forecast(plus, 0);
        m.forecast(minus, 0);
        double err = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double fd = (plus[i] - minus[i]) / (2 * eps);
            err += (fd - tl[i]) * (fd - tl[i]);
            norm += tl[i] * tl[i];
        }
        assertTrue(Math.sqrt(err / norm) < 1e-7, "relative TLM error " + Math.sqrt(err / norm));
    }

    @ParameterizedTest
    @CsvSource({"40, 1", "40, 4", "5, 2"})
    void adjointPassesTheDotProductTest(int n, int steps) {
        Lorenz96 m = new Lorenz96(n, 8.0, 0.05, steps);
        double[] x = randomState(n, 21);
        double[] dx = randomState(n, 22);
        double[] y = randomState(n, 23);
        double[] mdx = dx.clone();
        m.tangentLinear(x, 0, mdx, 0);
        double[] mty = y.clone();
        m.adjoint(x, 0, mty, 0);
        double lhs = 0, rhs = 0;
        for (int i = 0; i < n; i++) {
            lhs += mdx[i] * y[i];
            rhs += dx[i] * mty[i];
        }
        assertEquals(lhs, rhs, 1e-10 * Math.abs(lhs));
    }

    @Test
    void tangentLinearAndAdjointLeaveTheBaseStateAndWorkOnSlices() {
        Lorenz96 m = new Lorenz96(6, 8.0, 0.05, 2);
        double[] big = randomState(18, 5);
        double[] before = big.clone();
        double[] d = randomState(18, 6);
        double[] slice = java.util.Arrays.copyOfRange(d, 6, 12);
        m.tangentLinear(big, 6, d, 6);
        m.tangentLinear(java.util.Arrays.copyOfRange(big, 6, 12), 0, slice, 0);
        for (int i = 0; i < 18; i++) assertEquals(before[i], big[i], 0.0);
        for (int i = 0; i < 6; i++) assertEquals(slice[i], d[6 + i], 0.0);
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new Lorenz96Params(3, 8, 0.05, 1));
        assertThrows(IllegalArgumentException.class, () -> new Lorenz96Params(40, 8, 0.0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Lorenz96Params(40, 8, 0.05, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Lorenz96Params(2, 8, 0.05, 1));
        assertTrue(e.getMessage().startsWith("nx"), e.getMessage());
    }
}
