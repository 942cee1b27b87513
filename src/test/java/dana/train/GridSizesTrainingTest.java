package dana.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dana.dan.DanInput;
import dana.model.Lorenz96;
import dana.nn.Adam;
import dana.nn.AdamConfig;
import dana.nn.AdamState;
import dana.nn.AdamStateFile;
import dana.nn.GradientClipping;
import dana.nn.LearningRateSchedule;
import dana.nn.NetworkFile;
import dana.nn.ResidualCnn;
import dana.util.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Training on several grid sizes ({@code model.nx} a list): config, draws, pools, resume, and the one-size case. */
class GridSizesTrainingTest {

    @TempDir
    Path tmp;

    @Test
    void aListOfGridSizesParsesRendersBackAndIsComparedOnResume() {
        TrainConfig c = TinyConfigs.multi(40);
        assertEquals(List.of(20, 40, 80), c.nx());
        assertEquals(40, c.model().nx(), "the model of the validation runs");
        assertTrue(c.multipleSizes());
        String yaml = TrainConfigYaml.render(c, List.of());
        assertTrue(yaml.contains("- 80") && yaml.contains("nx: 40"), yaml);
        assertEquals(c, TrainConfigParser.parse(yaml, "resolved.yaml"));
        assertEquals("model.nx: [20, 40, 80] -> [20, 40]", TrainConfigYaml.firstDifference(c,
                TrainConfigParser.parse(TinyConfigs.multiYaml(40, "[20, 40]"), "b.yaml")));
        // one size, written as a list or validated explicitly at it, is the plain training, resolved as before
        TrainConfig one = TrainConfigParser.parse(TinyConfigs.multiYaml(40, "[40]"), "one.yaml");
        assertFalse(one.multipleSizes());
        assertEquals(TrainConfigYaml.render(TinyConfigs.config(40), List.of()), TrainConfigYaml.render(one, List.of()));
        // a single size validated at another one is allowed, and written out
        TrainConfig other = TrainConfigParser.parse(TinyConfigs.multiYaml(40, "80"), "other.yaml");
        assertEquals(List.of(80), other.nx());
        assertEquals(40, other.model().nx());
        assertTrue(TrainConfigYaml.render(other, List.of()).contains("nx: 40"));
    }

    @Test
    void theGridSizeOfAStepIsUniformAndAPureFunctionOfSeedAndStep() {
        GridSizeOrder order = new GridSizeOrder(1, 3);
        long[] visits = order.visitsBefore(6000);
        // binomial(6000, 1/3): sd 36.5, so 4 sd is 146
        for (long v : visits) assertTrue(Math.abs(v - 2000) < 146, java.util.Arrays.toString(visits));
        assertEquals(6000, visits[0] + visits[1] + visits[2]);
        int same = 0;
        GridSizeOrder again = new GridSizeOrder(1, 3), otherSeed = new GridSizeOrder(2, 3);
        for (long s = 0; s < 300; s++) {
            assertEquals(order.index(s), again.index(s));
            if (order.index(s) == otherSeed.index(s)) same++;
        }
        assertTrue(same < 150, "another seed draws other sizes: " + same + " of 300 equal");
        GridSizeOrder single = new GridSizeOrder(1, 1);
        assertArrayEquals(new long[] {57}, single.visitsBefore(57));
        assertEquals(0, single.index(12345));
    }

    /**
     * Existing trainings are unchanged: at one grid size the trainer is the plain loop of truncated
     * backpropagation through time, composed here by hand from its parts with the training seed's own streams
     * (batch order and resets indexed by the global step, the pool seeded by the training seed), and the
     * weights agree bit for bit. (The shipped configs were also compared with the jar of the commit before
     * grid-size lists: identical checkpoints, docs/dan.md.)
     */
    @Test
    void aOneSizeTrainingIsThePlainLoopComposedFromItsParts() throws Exception {
        int steps = 25;
        TrainConfig c = TinyConfigs.config(steps);
        try (Trainer t = Trainer.start(c, tmp.resolve("one"), TrainingListener.NONE, "test")) {
            t.run();
        }
        float[] trained = NetworkFile.read(tmp.resolve("one/network.dann")).values();

        TrainingSpec s = c.training();
        Lorenz96 model = new Lorenz96(c.model());
        try (ResidualCnn net = new ResidualCnn(c.network().cnn(false), Seeds.derive(s.seed(), "train-network"),
                Trainer.engine(c))) {
            Adam adam = new Adam(net.parameters(), AdamConfig.defaults());
            TrajectoryPool pool = TrajectoryPool.fresh(s.pool(), 40, 1, s.seed(), s.initSigma(), c.model().cycleTime(),
                    new TrainingObservations(c.obs(), 40, c.sigma(), s.seed()), model);
            BatchOrder order = new BatchOrder(s.seed(), s.pool(), s.batch(), s.resetFraction());
            Unroll unroll = new Unroll(net, model, new DanInput(c.network().layout(false), 40), s.loss());
            LearningRateSchedule rate = s.learningRate().schedule(steps);
            for (long step = 0; step < steps; step++) {
                int[] slots = order.batch(step);
                Episode e = pool.episode(slots, s.niter(), false, model);
                net.zeroGradients();
                Unroll.Result r = unroll.backward(e, false);
                GradientClipping.clipGlobalNorm(net.parameters(), s.clip());
                adam.update(rate.rate(step));
                pool.advance(slots, e, r.finalAnalysis());
                for (int j : order.resets(step)) pool.reset(j, model);
            }
            assertArrayEquals(net.parameters().values(), trained);
        }
    }

    /**
     * Every size trains (its pool's trajectories advance by exactly Niter cycles per visit: no resets here), the
     * checkpoint holds one pool per size, and the validation ran at validation.nx: dana assimilate at Nx = 40 on
     * the validation seed gives the logged figure.
     */
    @Test
    void eachSizeTrainsInItsOwnPoolAndTheValidationRunsAtValidationNx() throws Exception {
        int steps = 30;
        String yaml = TinyConfigs.multiYaml(steps, "[20, 40, 80]").replace("threads: 2", "threads: 2\n  reset_fraction: 0");
        TrainConfig c = TrainConfigParser.parse(yaml, "multi.yaml");
        Path dir = tmp.resolve("multi");
        Outcome o;
        try (Trainer t = Trainer.start(c, dir, TrainingListener.NONE, "test")) {
            o = t.run();
        }
        assertTrue(o.finished() && Double.isFinite(o.validationRmse()) && o.validationRmse() < 3, "" + o.validationRmse());
        Path cp = dir.resolve("checkpoints/" + Checkpoints.name(steps));
        assertFalse(Files.exists(cp.resolve("pool.bin")));
        List<TrajectoryPool> pools = Trainer.pools(c, false);
        Checkpoints.loadPools(cp, pools);
        long[] visits = new GridSizeOrder(c.training().seed(), 3).visitsBefore(steps);
        for (int i = 0; i < 3; i++) {
            assertTrue(visits[i] > 0, "size " + c.nx().get(i) + " trained");
            long cycles = 0;
            for (long k : pools.get(i).cycle) cycles += k;
            assertEquals(visits[i] * c.training().batch() * c.training().niter(), cycles, "cycles run at Nx = " + c.nx().get(i));
        }
        CliRun r = CliRun.of("assimilate", "--method", "dan", "--network", dir.resolve("network.dann").toString(),
                "--nx", "40", "--cycles", "600", "--burn-in", "100", "--seed", "101", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(o.validationRmse(), new ObjectMapper().readTree(r.out()).get("rmse_a").asDouble(), 0.0);
    }

    /** 2N steps, or N steps, a new trainer resuming from the checkpoint and N more: the same run, bit for bit. */
    @Test
    void resumingATrainingAtSeveralSizesContinuesBitForBit() throws Exception {
        TrainConfig c = TinyConfigs.multi(40);
        Path whole = tmp.resolve("whole"), split = tmp.resolve("split");
        try (Trainer t = Trainer.start(c, whole, TrainingListener.NONE, "test")) {
            t.run();
        }
        try (Trainer t = Trainer.start(c, split, TrainingListener.NONE, "test")) {
            assertFalse(t.run(17).finished(), "stopped between two checkpoints (every 10)");
        }
        try (Trainer t = Trainer.resume(c, split, TrainingListener.NONE, "test")) {
            assertEquals(17, t.step());
            t.run();
        }
        assertArrayEquals(NetworkFile.read(whole.resolve("network.dann")).values(),
                NetworkFile.read(split.resolve("network.dann")).values(), "weights after 2N steps");
        Path ca = whole.resolve("checkpoints/step-000000040"), cb = split.resolve("checkpoints/step-000000040");
        AdamState sa = AdamStateFile.read(ca.resolve("adam.bin")), sb = AdamStateFile.read(cb.resolve("adam.bin"));
        assertEquals(sa.step(), sb.step());
        assertArrayEquals(sa.firstMoment(), sb.firstMoment());
        assertArrayEquals(sa.secondMoment(), sb.secondMoment());
        for (int n : c.nx()) {
            String f = "pool-nx" + n + ".bin";
            assertArrayEquals(Files.readAllBytes(ca.resolve(f)), Files.readAllBytes(cb.resolve(f)), f);
        }
        List<LogRow> la = TrainingLog.parse(Files.readString(whole.resolve("training-log.csv")), "a").rows();
        List<LogRow> lb = TrainingLog.parse(Files.readString(split.resolve("training-log.csv")), "b").rows();
        assertEquals(40, la.size());
        for (int i = 0; i < la.size(); i++) assertEquals(la.get(i).loss(), lb.get(i).loss(), 0.0, "loss of step " + (i + 1));
        // the pools of different sizes do not share streams: their first truths differ
        List<TrajectoryPool> pools = Trainer.pools(c, true);
        assertNotEquals(pools.get(0).truth[0], pools.get(1).truth[0]);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "[]|model.nx: needs at least one grid size, got an empty list",
        "3|model.nx: must be >= 4 (the L96 stencil spans 4 points), got 3",
        "[20, 2]|model.nx[1]: must be >= 4 (the L96 stencil spans 4 points), got 2",
        "[20, 40, 20]|model.nx: the grid sizes must be distinct, got [20, 40, 20]",
        "[20, x]|model.nx[1]: expected a whole number, got 'x'",
        "{from: 20}|model.nx: expected a whole number"})
    void badGridSizesAreOneLineErrorsAndWriteNothing(String sizes, String message) throws Exception {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, TinyConfigs.multiYaml(10, sizes));
        Path out = tmp.resolve("never");
        CliRun r = CliRun.of("train", file.toString(), "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.oneErrorLine() && r.errLine().startsWith("dana: " + file + ": " + message), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aListNeedsTheValidationSizeAndTheValidationSizeIsChecked() {
        String list = TinyConfigs.multiYaml(10, "[20, 40]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfigParser.parse(list.replace("nx: 40, every", "every"), "v.yaml"));
        assertTrue(e.getMessage().startsWith("v.yaml: validation.nx: needed when model.nx is a list"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfigParser.parse(list.replace("nx: 40, every", "nx: 3, every"), "v.yaml"));
        assertEquals("v.yaml: validation.nx: must be >= 4 (the L96 stencil spans 4 points), got 3", e.getMessage());
        // the input channels must be the same at every size: subset:0.99 observes all 40 points but not all 80
        e = assertThrows(IllegalArgumentException.class, () -> TrainConfigParser.parse(
                TinyConfigs.multiYaml(10, "[40, 80]").replace("name: tiny\n", "name: tiny\nobs: subset:0.99\n"), "o.yaml"));
        assertTrue(e.getMessage().startsWith("o.yaml: obs: 'subset:0.99' observes every variable at Nx = 40 but not at Nx = 80"),
                e.getMessage());
    }
}
