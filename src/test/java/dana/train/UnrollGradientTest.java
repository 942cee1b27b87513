package dana.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.dan.DanInput;
import dana.dan.DanLayout;
import dana.dan.DanVariant;
import dana.model.Lorenz96;
import dana.nn.Activation;
import dana.nn.CnnConfig;
import dana.nn.EngineOptions;
import dana.nn.ResidualCnn;
import dana.nn.VectorGemm;
import dana.obs.ObservationOperators;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Finite-difference checks of the gradient of the whole loss of a 3-cycle unroll (network AND model), along a
 * random direction: with respect to the network's parameters and with respect to the initial analyses x^a_0.
 *
 * <p>Tolerance. The network computes in float32 while the loss, the model and the finite differences are in
 * double. A central difference with step eps has a truncation error of order eps^2 times the third derivative
 * and a rounding error of order u |L| / eps, where u is the relative error of the loss computed through
 * float32 layers: a few float ulps, measured here at u ~ 1e-7 (absolute errors ~2e-5 at eps = 5e-3 for
 * |L| ~ 1.4). A directional derivative along a unit direction is typically |g| / sqrt(n) ~ 1 for these tiny
 * networks (n ~ 150 parameters, |g| ~ 10), so both errors are ~1e-4 of it and a relative tolerance of 2e-3
 * leaves an order of magnitude; a wrong term of the backward pass (a missing adjoint path, a factor 1/Ne, a
 * sign) changes the derivative by tens of per cent. A random direction that happens to be almost orthogonal to
 * the gradient would make the derivative comparable to the rounding noise, so directions with
 * |g.d| < 0.5 |g| / sqrt(n) are redrawn (from the same seeded stream). The check is repeated at eps/2: both
 * estimates must agree.
 */
class UnrollGradientTest {

    private static final int NX = 12;
    private static final int NITER = 3;

    private record Setup(ResidualCnn net, Unroll unroll, Episode episode) {
    }

    private static Setup setup(LossKind loss, int members, DanVariant variant, String obs) {
        Lorenz96 model = new Lorenz96(NX, 8.0, 0.05, 1);
        DanLayout layout = DanLayout.of(members, variant, ObservationOperators.parse(obs, NX, 1));
        // a tiny network with the head at full scale, so that every layer matters in the loss
        CnnConfig cfg = new CnnConfig(layout.inChannels(), layout.outChannels(), 4, 1, 2, 3,
                variant.linear() ? Activation.IDENTITY : Activation.GELU, 3, 1.0);
        ResidualCnn net = new ResidualCnn(cfg, 7, new EngineOptions(1, 2, new VectorGemm()));
        TrainingObservations o = new TrainingObservations(obs, NX, 1.0, 5);
        TrajectoryPool pool = TrajectoryPool.fresh(4, NX, members, 5, 1.0, 0.05, o, model);
        Episode e = pool.episode(new int[] {2, 0, 3}, NITER, loss == LossKind.OBSERVATIONS, model);
        return new Setup(net, new Unroll(net, model, new DanInput(layout, NX), loss), e);
    }

    /** A random unit direction d with |g.d| >= 0.5 |g| / sqrt(n) (see the class comment). */
    private static double[] direction(double[] g, long seed) {
        int n = g.length;
        double gn = 0;
        for (double x : g) gn += x * x;
        gn = Math.sqrt(gn);
        SplittableRandom rng = new SplittableRandom(seed);
        while (true) {
            double[] d = new double[n];
            double s = 0, dot = 0;
            for (int i = 0; i < n; i++) {
                d[i] = rng.nextGaussian();
                s += d[i] * d[i];
            }
            for (int i = 0; i < n; i++) {
                d[i] /= Math.sqrt(s);
                dot += d[i] * g[i];
            }
            if (Math.abs(dot) >= 0.5 * gn / Math.sqrt(n)) return d;
        }
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    /** L(theta + eps d) with the parameters restored afterwards. */
    private static double lossAtParameters(Setup s, double[] d, double eps) {
        float[] p = s.net().parameters().values();
        float[] saved = p.clone();
        for (int i = 0; i < p.length; i++) p[i] = (float) (saved[i] + eps * d[i]);
        double l = s.unroll().forward(s.episode()).loss();
        System.arraycopy(saved, 0, p, 0, p.length);
        return l;
    }

    private static double lossAtStart(Setup s, double[] v, double eps) {
        Episode e = s.episode();
        double[] start = e.start().clone();
        for (int i = 0; i < start.length; i++) start[i] += eps * v[i];
        Episode moved = new Episode(e.batch(), e.niter(), e.members(), e.nx(), start, e.truth(), e.observations());
        return s.unroll().forward(moved).loss();
    }

    @ParameterizedTest
    @CsvSource({"SUPERVISED, 1, FULL, identity", "SUPERVISED, 2, FULL, random:0.5", "OBSERVATIONS, 1, FULL, every:2",
        "OBSERVATIONS, 3, FULL, random:0.7", "SUPERVISED, 1, INNOVATION_ONLY, identity", "SUPERVISED, 1, LINEAR, identity",
        "SUPERVISED_RMSE, 1, FULL, identity", "SUPERVISED_RMSE, 2, FULL, random:0.5", "SUPERVISED, 3, FULL, identity",
        "SUPERVISED, 3, LINEAR, every:2", "SUPERVISED, 2, INNOVATION_ONLY, identity", "OBSERVATIONS, 2, INNOVATION_ONLY, every:2"})
    void gradientMatchesCentralDifferences(LossKind loss, int members, DanVariant variant, String obs) {
        Setup s = setup(loss, members, variant, obs);
        s.net().zeroGradients();
        Unroll.Result r = s.unroll().backward(s.episode(), true);
        assertTrue(r.loss() > 0 && Double.isFinite(r.loss()));
        // the loss of a backward pass is the forward-only loss, bit for bit
        assertEquals(r.loss(), s.unroll().forward(s.episode()).loss(), 0.0);

        double[] g = toDouble(s.net().parameters().gradients());
        double[] d = direction(g, 17);
        double analytic = 0;
        for (int i = 0; i < g.length; i++) analytic += g[i] * d[i];
        for (double eps : new double[] {1e-2, 5e-3}) {
            double fd = (lossAtParameters(s, d, eps) - lossAtParameters(s, d, -eps)) / (2 * eps);
            assertEquals(analytic, fd, 2e-3 * Math.abs(analytic), "d loss / d theta along d, eps " + eps);
        }

        double[] gs = r.startGradient();
        double[] v = direction(gs, 19);
        double analyticStart = 0;
        for (int i = 0; i < gs.length; i++) analyticStart += gs[i] * v[i];
        for (double eps : new double[] {1e-2, 5e-3}) {
            double fd = (lossAtStart(s, v, eps) - lossAtStart(s, v, -eps)) / (2 * eps);
            assertEquals(analyticStart, fd, 2e-3 * Math.abs(analyticStart), "d loss / d x^a_0 along v, eps " + eps);
        }
    }

    /** The RMSE loss of a one-cycle unroll is the batch mean of each sample's RMSE, computed here from its analysis. */
    @Test
    void theRmseLossIsTheMeanOfThePerSampleRmse() {
        Setup s = setup(LossKind.SUPERVISED_RMSE, 2, DanVariant.FULL, "identity");
        Lorenz96 model = new Lorenz96(NX, 8.0, 0.05, 1);
        TrainingObservations o = new TrainingObservations("identity", NX, 1.0, 5);
        Episode e = TrajectoryPool.fresh(4, NX, 2, 5, 1.0, 0.05, o, model).episode(new int[] {2, 0, 3}, 1, false, model);
        Unroll.Result r = s.unroll().forward(e);
        double expected = 0;
        for (int b = 0; b < e.batch(); b++) {
            double sq = 0;
            for (int i = 0; i < NX; i++) {
                double mean = (r.finalAnalysis()[b * 2 * NX + i] + r.finalAnalysis()[b * 2 * NX + NX + i]) / 2;
                double d = mean - e.truth()[e.truthOffset(b, 1) + i];
                sq += d * d;
            }
            expected += Math.sqrt(sq / NX) / e.batch();
        }
        assertEquals(expected, r.loss(), 1e-12);
        // and the squared loss of the same unroll is larger than its square (Jensen), so the two are not the same
        double squared = new Unroll(s.net(), model, new DanInput(DanLayout.of(2, DanVariant.FULL,
                ObservationOperators.parse("identity", NX, 1)), NX), LossKind.SUPERVISED).forward(e).loss();
        assertTrue(squared > expected * expected * (1 + 1e-6), squared + " vs " + expected);
    }
}
