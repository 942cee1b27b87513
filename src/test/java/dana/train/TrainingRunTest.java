package dana.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.nn.AdamState;
import dana.nn.AdamStateFile;
import dana.nn.LearningRateSchedule;
import dana.nn.NetworkFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

    @TempDir
    Path tmp;

    private static double meanLoss(List<LogRow> rows, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += rows.get(i).loss();
        return s / (to - from);
    }

    /**
     * 150 steps of a 460-parameter network (a few seconds): the supervised loss starts near the error of the
     * fresh trajectories' first analyses (truth + N(0, 1): ~1.2 after a forecast) and must fall at least
     * 4-fold, and the network must beat 3D-Var's 0.4 territory by far less than a free run (~5).
     */
    @Test
    void aTinyRunLearnsAnAnalysis() {
        Outcome o;
        List<LogRow> rows;
        try (Trainer t = Trainer.start(TinyConfigs.config(150), tmp.resolve("run"), TrainingListener.NONE, "test")) {
            o = t.run();
            rows = t.log().rows();
        }
        assertTrue(o.finished());
        assertEquals(150, rows.size());
        double first = meanLoss(rows, 0, 5), last = meanLoss(rows, 140, 150);
        assertTrue(last * 4 < first, "loss from " + first + " to " + last);
        assertTrue(o.validationRmse() < 0.6, "validation aRMSE " + o.validationRmse());
        for (String f : List.of("network.dann", "training-log.csv", "training-curves.png", "config.resolved.yaml",
                "summary.json")) {
            assertTrue(Files.isRegularFile(tmp.resolve("run").resolve(f)), f);
        }
    }

    /**
     * training.initial_weights starts a run from a trained network (fine-tuning, or a warm start at another time
     * step): the first step sees exactly the file's weights, the resolved config records the file and its hash; a
     * file of another architecture or a missing one is a one-line error naming the key, before anything is written.
     */
    @Test
    void aRunCanStartFromTheWeightsOfAnother() throws Exception {
        Path first = tmp.resolve("first");
        try (Trainer t = Trainer.start(TinyConfigs.config(20), first, TrainingListener.NONE, "test")) {
            t.run();
        }
        Path file = first.resolve("network.dann");
        float[] trained = NetworkFile.read(file).values();
        TrainConfig warm = TrainConfigParser.parse(TinyConfigs.yaml(20, "initial_weights: " + file, ""), "warm.yaml");
        try (Trainer t = Trainer.start(warm, tmp.resolve("warm"), TrainingListener.NONE, "test")) {
            assertArrayEquals(trained, t.network().parameters().values());
        }
        String resolved = Files.readString(tmp.resolve("warm").resolve("config.resolved.yaml"));
        assertTrue(resolved.contains("initial_weights: " + file), resolved);
        assertTrue(resolved.matches("(?s).*initial weights: .*SHA-256 [0-9a-f]{64}.*"), resolved);
        // a fresh run of the same seed starts elsewhere
        try (Trainer t = Trainer.start(TinyConfigs.config(20), tmp.resolve("cold"), TrainingListener.NONE, "test")) {
            assertTrue(!java.util.Arrays.equals(trained, t.network().parameters().values()));
        }

        TrainConfig wider = TrainConfigParser.parse(TinyConfigs.yaml(20, "initial_weights: " + file, "")
                .replace("filters: 8", "filters: 16"), "wider.yaml");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.start(wider, tmp.resolve("wider"), TrainingListener.NONE, "test"));
        assertTrue(e.getMessage().startsWith("training.initial_weights: ") && e.getMessage().contains("Nf=8")
                && e.getMessage().contains("Nf=16"), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("wider")), "nothing written");
        TrainConfig missing = TrainConfigParser.parse(TinyConfigs.yaml(20, "initial_weights: " + tmp.resolve("no.dann"), ""),
                "missing.yaml");
        e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.start(missing, tmp.resolve("missing"), TrainingListener.NONE, "test"));
        assertTrue(e.getMessage().startsWith("training.initial_weights: cannot read "), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("missing")), "nothing written");
    }

    /**
     * A time budget: the step count is fixed after the warm-up (10 steps here) so that the learning rate reaches
     * its floor at the end, and the run stops within the budget with its final network.
     */
    @Test
    void aTimeBudgetedRunPlansItsStepsAndEndsOnTheFloorRate() {
        TrainConfig c = TrainConfigParser.parse(TinyConfigs.yaml(100, "", "").replace("steps: 100", "minutes: 0.05")
                .replace("checkpoint_every: 10", "checkpoint_every: 100000"), "timed.yaml");
        Outcome o;
        List<LogRow> rows;
        try (Trainer t = Trainer.start(c, tmp.resolve("timed"), TrainingListener.NONE, "test")) {
            o = t.run();
            rows = t.log().rows();
        }
        assertTrue(o.finished() && o.steps() > Trainer.PLAN_AFTER, "steps " + o.steps());
        // how many steps fit depends on the machine's load, so the checks are relative to what the run measured
        double longestStep = rows.get(0).trainSeconds();
        for (int i = 1; i < rows.size(); i++) {
            longestStep = Math.max(longestStep, rows.get(i).trainSeconds() - rows.get(i - 1).trainSeconds());
        }
        assertTrue(o.trainSeconds() < 3 + longestStep + 1e-9, "within the 3 s budget plus one step: " + o.trainSeconds());
        if (o.trainSeconds() < 3) {
            // it stopped at its planned end, so the cosine decay was laid over exactly the steps it ran
            LearningRateSchedule planned = c.training().learningRate().schedule(o.steps());
            for (LogRow r : rows) {
                if (r.step() > Trainer.PLAN_AFTER + 1) {
                    assertEquals(planned.rate(r.step() - 1), r.learningRate(), 1e-15, "rate at step " + r.step());
                }
            }
        }
        assertTrue(Files.isRegularFile(tmp.resolve("timed/network.dann")));
    }

    /**
     * Training 2N steps in one go, and N steps, a checkpoint, a new trainer resuming from it and N more, give the
     * same network, optimiser state, pool and losses, bit for bit. The learning rate decays over the whole run
     * and validation runs in between, so everything a session carries is exercised.
     */
    @Test
    void resumingFromACheckpointContinuesBitForBit() throws Exception {
        TrainConfig c = TinyConfigs.config(40);
        Path whole = tmp.resolve("whole"), split = tmp.resolve("split");
        try (Trainer t = Trainer.start(c, whole, TrainingListener.NONE, "test")) {
            t.run();
        }
        try (Trainer t = Trainer.start(c, split, TrainingListener.NONE, "test")) {
            Outcome o = t.run(20);
            assertTrue(!o.finished() && o.steps() == 20);
        }
        assertThrows(IllegalArgumentException.class, () -> Trainer.start(c, split, TrainingListener.NONE, "test"),
                "a directory with a checkpoint is not overwritten");
        try (Trainer t = Trainer.resume(c, split, TrainingListener.NONE, "test")) {
            assertEquals(20, t.step());
            t.run();
        }
        NetworkFile.Contents a = NetworkFile.read(whole.resolve("network.dann"));
        NetworkFile.Contents b = NetworkFile.read(split.resolve("network.dann"));
        assertArrayEquals(a.values(), b.values(), "weights after 2N steps");
        Path ca = whole.resolve("checkpoints/step-000000040"), cb = split.resolve("checkpoints/step-000000040");
        AdamState sa = AdamStateFile.read(ca.resolve("adam.bin")), sb = AdamStateFile.read(cb.resolve("adam.bin"));
        assertEquals(sa.step(), sb.step());
        assertArrayEquals(sa.firstMoment(), sb.firstMoment());
        assertArrayEquals(sa.secondMoment(), sb.secondMoment());
        assertArrayEquals(Files.readAllBytes(ca.resolve("pool.bin")), Files.readAllBytes(cb.resolve("pool.bin")));
        List<LogRow> la = TrainingLog.parse(Files.readString(whole.resolve("training-log.csv")), "a").rows();
        List<LogRow> lb = TrainingLog.parse(Files.readString(split.resolve("training-log.csv")), "b").rows();
        assertEquals(la.size(), lb.size());
        for (int i = 0; i < la.size(); i++) assertEquals(la.get(i).loss(), lb.get(i).loss(), 0.0, "loss of step " + (i + 1));
        assertEquals(la.get(39).validationRmse(), lb.get(39).validationRmse(), 0.0);
    }

    @Test
    void resumeRefusesAnotherConfigAndAnEmptyDirectory() {
        Path dir = tmp.resolve("r");
        try (Trainer t = Trainer.start(TinyConfigs.config(20), dir, TrainingListener.NONE, "test")) {
            t.run(10);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(TinyConfigs.with(20, "batch: 32", "batch: 16"), dir, TrainingListener.NONE, "test"));
        assertTrue(e.getMessage().contains("training.batch: 32 -> 16"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(TinyConfigs.config(20), tmp.resolve("none"), TrainingListener.NONE, "test"));
        assertTrue(e.getMessage().startsWith("--resume: "), e.getMessage());
        // another name is fine: it labels the files and changes no number
        TrainConfig renamed = TinyConfigs.with(20, "name: tiny", "name: tiny-renamed");
        assertNull(Trainer.differenceFromRun(renamed, dir));
        try (Trainer t = Trainer.resume(renamed, dir, TrainingListener.NONE, "test")) {
            assertEquals(10, t.step());
        }
        // another thread count is fine: results do not depend on it
        try (Trainer t = Trainer.resume(TinyConfigs.with(20, "threads: 2", "threads: 1"), dir, TrainingListener.NONE, "test")) {
            assertEquals(10, t.step());
            // while a session holds the directory, no other may write into it
            e = assertThrows(IllegalArgumentException.class,
                    () -> Trainer.resume(TinyConfigs.config(20), dir, TrainingListener.NONE, "test"));
            assertTrue(e.getMessage().contains("in use by another training session"), e.getMessage());
        }
        // the lock is released with the session
        Trainer.resume(TinyConfigs.config(20), dir, TrainingListener.NONE, "test").close();
    }

    /**
     * A learning rate ramping up to absurd values (0.01 at the first step, +0.01 per step) blows the network
     * up after a few tens of steps: the run stops with one line naming the step and the last good checkpoint,
     * which stays loadable and finite; no final network is written.
     */
    @Test
    void aNonFiniteLossStopsTheRunAndKeepsTheLastCheckpoint() throws Exception {
        Path dir = tmp.resolve("nan");
        TrainConfig hot = TinyConfigs.with(200, "peak: 3e-3, warmup: 10", "peak: 1e4, warmup: 1000000");
        TrainingStoppedException e;
        try (Trainer t = Trainer.start(hot, dir, TrainingListener.NONE, "test")) {
            e = assertThrows(TrainingStoppedException.class, t::run);
        }
        String msg = e.getMessage();
        assertTrue(!msg.contains("\n") && msg.startsWith("training stopped at step " + e.step() + ": "), msg);
        assertTrue(e.step() > 10, "the first checkpoint (step 10) comes before the blow-up: " + msg);
        long kept = (e.step() - 1) / 10 * 10;
        assertTrue(msg.contains("last good checkpoint (step " + kept + ")"), msg);
        Path cp = dir.resolve("checkpoints/" + Checkpoints.name(kept));
        for (float v : NetworkFile.read(cp.resolve("network.dann")).values()) assertTrue(Float.isFinite(v));
        assertTrue(Files.notExists(dir.resolve("network.dann")));
        assertEquals(Checkpoints.name(kept), Files.readString(dir.resolve("checkpoints/latest")).trim());
    }
}
