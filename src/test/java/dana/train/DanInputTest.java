package dana.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dana.dan.DanInput;
import dana.dan.DanLayout;
import dana.dan.DanVariant;
import dana.obs.Observation;
import dana.obs.ObservationOperator;
import dana.obs.ObservationOperators;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DanInputTest {

    private static final int NX = 16;

    /** y = H x + noise for the operator's indices at {@code cycle}. */
    static Observation observe(ObservationOperator h, int cycle, double[] x, double sigma, SplittableRandom rng) {
        int[] idx = h.observedIndices(cycle);
        double[] y = new double[idx.length];
        for (int j = 0; j < idx.length; j++) y[j] = x[idx[j]] + sigma * rng.nextGaussian();
        return new Observation(cycle, idx, y, sigma);
    }

    @Test
    void channelsHoldTheStandardisedMembersTheInnovationAndThePrecision() {
        DanLayout layout = new DanLayout(2, DanVariant.FULL, true);
        DanInput in = new DanInput(layout, NX);
        double[] members = new double[2 * NX];
        for (int i = 0; i < NX; i++) {
            members[i] = 2.3 + 3.6;      // member 0 standardises to 1
            members[NX + i] = 2.3 - 7.2; // member 1 to -2; the mean is 2.3 - 1.8 = 0.5
        }
        Observation y = new Observation(1, new int[] {3, 7}, new double[] {1.5, -0.5}, 0.5);
        float[] out = new float[3 * layout.inChannels() * NX];
        in.build(members, 0, y, out, 1); // sample 1 of a batch of 3
        int base = layout.inChannels() * NX;
        assertEquals(4, layout.inChannels());
        for (int i = 0; i < NX; i++) {
            assertEquals(1f, out[base + i], 1e-6);
            assertEquals(-2f, out[base + NX + i], 1e-6);
            float innovation = i == 3 ? 4f * (1.5f - 0.5f) : i == 7 ? 4f * (-0.5f - 0.5f) : 0f;
            assertEquals(innovation, out[base + 2 * NX + i], 1e-6, "innovation at " + i);
            assertEquals(i == 3 || i == 7 ? 4f : 0f, out[base + 3 * NX + i], 0f, "precision at " + i);
        }
        for (int i = 0; i < base; i++) assertEquals(0f, out[i], "sample 0 untouched");
    }

    /**
     * The dot-product test of the adjoint: {@code <T v, w> = <v, T^T w>} for the linear part T of the input map,
     * with random v (members) and w (input gradient, float-representable so nothing is rounded on the way in).
     * Everything is in double, so the two sides agree to round-off.
     */
    @Test
    void adjointIsTheTransposeOfTheTangent() {
        SplittableRandom rng = new SplittableRandom(3);
        record Case(int members, DanVariant variant, String obs) {
        }
        for (Case c : new Case[] {new Case(1, DanVariant.FULL, "identity"), new Case(3, DanVariant.FULL, "random:0.4"),
            new Case(2, DanVariant.INNOVATION_ONLY, "every:3"), new Case(1, DanVariant.LINEAR, "subset:0.5")}) {
            ObservationOperator h = ObservationOperators.parse(c.obs(), NX, 11);
            DanLayout layout = DanLayout.of(c.members(), c.variant(), h);
            DanInput in = new DanInput(layout, NX);
            double[] x = new double[c.members() * NX];
            for (int i = 0; i < x.length; i++) x[i] = 2 + 3 * rng.nextGaussian();
            Observation y = observe(h, 5, x, 0.7, rng);
            double[] v = new double[x.length];
            for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian();
            float[] w = new float[in.sampleSize()];
            for (int i = 0; i < w.length; i++) w[i] = (float) rng.nextGaussian();
            double[] tv = new double[in.sampleSize()];
            in.tangent(v, 0, y, tv);
            double[] tw = new double[x.length];
            in.adjoint(w, 0, y, tw, 0);
            double lhs = 0, rhs = 0;
            for (int i = 0; i < tv.length; i++) lhs += tv[i] * w[i];
            for (int i = 0; i < v.length; i++) rhs += v[i] * tw[i];
            assertEquals(lhs, rhs, 1e-12 * Math.max(1, Math.abs(lhs)), c.toString());
        }
    }

    /** The input map is affine: its change under a change of the members is the tangent (up to float rounding). */
    @Test
    void tangentIsTheDerivativeOfBuild() {
        SplittableRandom rng = new SplittableRandom(5);
        ObservationOperator h = ObservationOperators.parse("every:2", NX, 1);
        DanLayout layout = DanLayout.of(2, DanVariant.FULL, h);
        DanInput in = new DanInput(layout, NX);
        double[] x = new double[2 * NX], dx = new double[2 * NX], xp = new double[2 * NX];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 + 3 * rng.nextGaussian();
            dx[i] = rng.nextGaussian();
            xp[i] = x[i] + dx[i];
        }
        Observation y = observe(h, 1, x, 1.0, rng);
        float[] a = new float[in.sampleSize()], b = new float[in.sampleSize()];
        in.build(x, 0, y, a, 0);
        in.build(xp, 0, y, b, 0);
        double[] t = new double[in.sampleSize()];
        in.tangent(dx, 0, y, t);
        double[] diff = new double[t.length];
        for (int i = 0; i < t.length; i++) diff[i] = (double) b[i] - a[i];
        assertArrayEquals(t, diff, 1e-5);
    }
}
