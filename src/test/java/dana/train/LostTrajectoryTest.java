package dana.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.dan.DanInput;
import dana.dan.DanLayout;
import dana.dan.DanVariant;
import dana.model.Lorenz96;
import dana.nn.Activation;
import dana.nn.Adam;
import dana.nn.AdamConfig;
import dana.nn.CnnConfig;
import dana.nn.EngineOptions;
import dana.nn.ResidualCnn;
import dana.nn.VectorGemm;
import dana.obs.Observation;
import dana.obs.ObservationOperators;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A trajectory thrown off the attractor (a start beyond the bound, or not finite) is lost: it leaves the loss and
 * the gradient exactly as if it had not been in the batch (but for the batch size the mean divides by), the
 * others are untouched, nothing non-finite comes out, and the training step resets its slot.
 */
class LostTrajectoryTest {

    private static final int NX = 12;
    private static final int NITER = 3;
    private static final double BOUND = Unroll.boundFor(8.0);

    private static ResidualCnn net() {
        DanLayout layout = DanLayout.of(1, DanVariant.FULL, ObservationOperators.parse("identity", NX, 1));
        CnnConfig cfg = new CnnConfig(layout.inChannels(), layout.outChannels(), 4, 1, 2, 3, Activation.GELU, 3, 1.0);
        return new ResidualCnn(cfg, 7, new EngineOptions(1, 2, new VectorGemm()));
    }

    private static Episode episode(LossKind loss) {
        Lorenz96 model = new Lorenz96(NX, 8.0, 0.05, 1);
        TrajectoryPool pool = TrajectoryPool.fresh(4, NX, 1, 5, 1.0, 0.05,
                new TrainingObservations("identity", NX, 1.0, 5), model);
        return pool.episode(new int[] {2, 0, 3}, NITER, loss == LossKind.OBSERVATIONS, model);
    }

    /** The episode of the samples {@code keep} only. */
    private static Episode subset(Episode e, int[] keep) {
        int per = e.members() * e.nx();
        double[] start = new double[keep.length * per];
        double[] truth = new double[keep.length * e.niter() * e.nx()];
        Observation[][] obs = new Observation[keep.length][];
        for (int s = 0; s < keep.length; s++) {
            System.arraycopy(e.start(), keep[s] * per, start, s * per, per);
            System.arraycopy(e.truth(), keep[s] * e.niter() * e.nx(), truth, s * e.niter() * e.nx(), e.niter() * e.nx());
            obs[s] = e.observations()[keep[s]];
        }
        return new Episode(keep.length, e.niter(), e.members(), e.nx(), start, truth, obs);
    }

    private static Episode withStart(Episode e, int sample, double value) {
        double[] start = e.start().clone();
        int per = e.members() * e.nx();
        java.util.Arrays.fill(start, sample * per, (sample + 1) * per, value);
        start[sample * per] = value;
        return new Episode(e.batch(), e.niter(), e.members(), e.nx(), start, e.truth(), e.observations());
    }

    @ParameterizedTest(name = "{0} loss, start {1}")
    @CsvSource({"SUPERVISED, 1000", "SUPERVISED, NaN", "OBSERVATIONS, 1000", "OBSERVATIONS, Infinity"})
    void aLostSampleLeavesTheLossAndTheGradientAsIfItWereNotThere(LossKind loss, double start) {
        ResidualCnn net = net();
        Lorenz96 model = new Lorenz96(NX, 8.0, 0.05, 1);
        DanInput input = new DanInput(DanLayout.of(1, DanVariant.FULL, ObservationOperators.parse("identity", NX, 1)), NX);
        Unroll unroll = new Unroll(net, model, input, loss, BOUND);
        Episode e = episode(loss);

        net.zeroGradients();
        Unroll.Result healthy = unroll.backward(e, false);
        assertEquals(0, healthy.lostCount());

        Episode bad = withStart(e, 1, start);
        net.zeroGradients();
        Unroll.Result r = unroll.backward(bad, false);
        float[] gBad = net.parameters().gradients().clone();
        assertArrayEquals(new boolean[] {false, true, false}, r.lost());
        assertTrue(Double.isFinite(r.loss()), "loss " + r.loss());
        for (double x : r.finalAnalysis()) assertTrue(Double.isFinite(x) && Math.abs(x) <= BOUND);
        // the lost sample continues from its truth (the slot is reset anyway)
        for (int i = 0; i < NX; i++) assertEquals(e.truth()[e.truthOffset(1, NITER) + i], r.finalAnalysis()[NX + i], 0.0);

        Episode kept = subset(e, new int[] {0, 2});
        net.zeroGradients();
        Unroll.Result sub = unroll.backward(kept, false);
        float[] gSub = net.parameters().gradients();
        // the mean is over the whole batch of 3: the kept samples' loss and gradient times 2/3
        assertEquals(sub.loss() * 2 / 3, r.loss(), 1e-12 * sub.loss());
        double scale = 0;
        for (float g : gSub) scale = Math.max(scale, Math.abs(g));
        for (int i = 0; i < gSub.length; i++) {
            assertEquals(gSub[i] * 2.0 / 3.0, gBad[i], 1e-5 * scale, "gradient " + i);
        }
    }

    @Test
    void theTrainingStepResetsTheLostSlotsAndCountsThem() {
        TrainConfig c = TinyConfigs.with(5, "pool: 256", "pool: 32");   // batch 32: every slot in every step
        ResidualCnn net = new ResidualCnn(c.network().cnn(c.precisionChannel()), 3, Trainer.engine(c));
        TrajectoryPool pool = TrajectoryPool.fresh(c, 40);
        int slot = 17;
        java.util.Arrays.fill(pool.analysis, slot * 40, (slot + 1) * 40, 500.0);
        long generation = pool.generation[slot];
        TrainingStep step = new TrainingStep(c, net, new Adam(net.parameters(), AdamConfig.defaults()), List.of(pool));
        TrainingStep.Result r = step.run(0, 1e-3);
        assertTrue(r.finite(), r.toString());
        assertEquals(1, r.lostTrajectories());
        assertTrue(pool.generation[slot] > generation, "the slot was reset");
        for (int i = 0; i < 40; i++) assertTrue(Math.abs(pool.analysis[slot * 40 + i]) < 20, "a fresh analysis");
        assertEquals(0, step.run(1, 1e-3).lostTrajectories());
    }
}
