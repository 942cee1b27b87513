package dana.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.filter.Method;
import dana.filter.MethodSpec;
import dana.run.Progress;
import dana.run.RunResult;
import dana.run.Runner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The finished runs an experiment keeps under runs/, and how an experiment reads them back. */
class FinishedRunsTest {

    private static final ExperimentConfig TINY = ExperimentParser.parse("""
            name: tiny
            defaults: {cycles: 200, burn_in: 20}
            seeds: [3, 4]
            runs:
              - {method: 3dvar, alpha: 0.02}
              - {method: etkf, members: 8, inflation: 1.1}
            """, "t.yaml", false);

    @Test
    void aStoredRunReadsBackFieldByField(@TempDir Path dir) {
        RunConfig c = TINY.runs().get(1);
        RunResult r = new Runner().run(c.spec(3), 1, Progress.NONE, c.divergenceFactor());
        FinishedRuns store = FinishedRuns.in(dir, true);
        store.save(c, 3, r);
        RunResult back = store.find(c, 3);
        assertEquals(r.spec(), back.spec());
        assertEquals(r.rmseA(), back.rmseA());
        assertEquals(r.rmseASe(), back.rmseASe());
        assertEquals(r.rmseF(), back.rmseF());
        assertEquals(r.spreadA(), back.spreadA());
        assertEquals(r.spreadF(), back.spreadF());
        assertEquals(r.seconds(), back.seconds());
        assertEquals(r.rmseS(), back.rmseS()); // NaN for a filter: assertEquals compares doubles by their bits
        assertEquals(r.diverged(), back.diverged());
        assertEquals(r.divergedAtCycle(), back.divergedAtCycle());
        assertArrayEquals(r.series().rmseA(), back.series().rmseA());
        assertArrayEquals(r.series().spreadF(), back.series().spreadF());
        assertNull(back.series().rmseS());
        assertEquals(r.series().lastCycle(), back.series().lastCycle());
        assertArrayEquals(r.fields().truth(), back.fields().truth());
        assertArrayEquals(r.fields().analysis(), back.fields().analysis());
        assertEquals(r.fields().firstCycle(), back.fields().firstCycle());
        // the other seed was not stored
        assertNull(store.find(c, 4));
    }

    @Test
    void anExperimentReadsStoredRunsInsteadOfComputingThem(@TempDir Path dir) throws IOException {
        RunConfig etkf = TINY.runs().get(1);
        RunResult real = new Runner().run(etkf.spec(3), 1, Progress.NONE, etkf.divergenceFactor());
        // a stored result no run could give: if the experiment reports it, it read the file
        RunResult planted = new RunResult(real.spec(), 123.0, 0.0, 124.0, 0.0, 0.0, 9.0, false, -1, real.series(),
                real.fields(), Double.NaN);
        FinishedRuns.in(dir, true).save(etkf, 3, planted);

        long[] lastProgress = new long[2];
        ExperimentResult resumed = new ExperimentRunner(new Runner(), 2)
                .run(TINY, (d, t) -> { lastProgress[0] = d; lastProgress[1] = t; }, FinishedRuns.in(dir, true));
        assertEquals(123.0, resumed.runsOf(etkf).get(0).result().rmseA());
        assertEquals(4, resumed.runsOf(etkf).get(1).seed());
        RunResult seed4 = new Runner().run(etkf.spec(4), 1, Progress.NONE, etkf.divergenceFactor());
        assertEquals(seed4.rmseA(), resumed.runsOf(etkf).get(1).result().rmseA(), "seed 4 was computed");
        assertEquals(lastProgress[1], lastProgress[0], "the stored run's cycles count as done");
        // every other run was saved the moment it finished: 4 files now
        assertEquals(4, runFiles(dir).size());

        // without reuse everything is computed again, and the planted file is replaced by the real run
        ExperimentResult fresh = new ExperimentRunner(new Runner(), 2).run(TINY, Progress.NONE, FinishedRuns.in(dir, false));
        assertEquals(real.rmseA(), fresh.runsOf(etkf).get(0).result().rmseA());
        assertEquals(real.rmseA(), FinishedRuns.in(dir, true).find(etkf, 3).rmseA());
        // and a resumed experiment then gives exactly the fresh one's numbers
        ExperimentResult again = new ExperimentRunner(new Runner(), 1).run(TINY, Progress.NONE, FinishedRuns.in(dir, true));
        for (int i = 0; i < fresh.runs().size(); i++) {
            assertEquals(fresh.runs().get(i).result().rmseA(), again.runs().get(i).result().rmseA());
            assertEquals(fresh.runs().get(i).result().seconds(), again.runs().get(i).result().seconds(), "read, not rerun");
        }
    }

    @Test
    void aRunIsFoundByWhatItComputesNotByItsId(@TempDir Path dir) throws IOException {
        FinishedRuns store = FinishedRuns.in(dir, true);
        RunConfig c = TINY.runs().get(0);
        assertEquals(store.key(c, 3), store.key(c.withId("another-name"), 3));
        assertNotEquals(store.key(c, 3), store.key(c, 4));
        RunConfig longer = new RunConfig(c.id(), c.model(), c.obs(), c.sigma(), c.method(), 300, c.burnIn(), c.spinUp(),
                c.initSpread(), c.divergenceFactor());
        assertNotEquals(store.key(c, 3), store.key(longer, 3));
        RunConfig noisier = new RunConfig(c.id(), c.model(), c.obs(), 2.0, c.method(), c.cycles(), c.burnIn(), c.spinUp(),
                c.initSpread(), c.divergenceFactor());
        assertNotEquals(store.key(c, 3), store.key(noisier, 3));

        // a network is known by its bytes: retrained in place, it is another run
        Path net = Files.write(dir.resolve("net.dann"), new byte[] {1, 2, 3});
        MethodSpec dan = new MethodSpec(Method.DAN, 1, 1.0, false, Double.POSITIVE_INFINITY, 1.0, null, net.toString(), null, null);
        RunConfig d = new RunConfig("dan", c.model(), c.obs(), c.sigma(), dan, c.cycles(), c.burnIn(), c.spinUp(),
                c.initSpread(), c.divergenceFactor());
        String before = FinishedRuns.in(dir, true).key(d, 3);
        Files.write(net, new byte[] {1, 2, 4});
        String after = FinishedRuns.in(dir, true).key(d, 3);
        assertNotEquals(before, after);
        assertTrue(after.contains("network-sha256="), after);
    }

    @Test
    void aDamagedFileIsRefusedInOneLineNamingIt(@TempDir Path dir) throws IOException {
        RunConfig c = TINY.runs().get(0);
        RunResult r = new Runner().run(c.spec(3), 1, Progress.NONE, c.divergenceFactor());
        FinishedRuns store = FinishedRuns.in(dir, true);
        store.save(c, 3, r);
        Path file = runFiles(dir).get(0);
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 1;
        Files.write(file, b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.find(c, 3));
        assertTrue(e.getMessage().startsWith("resume: " + file) && e.getMessage().contains("checksum mismatch")
                && e.getMessage().endsWith("delete it to recompute that run") && !e.getMessage().contains("\n"), e.getMessage());
        Files.write(file, new byte[] {1, 2, 3});
        e = assertThrows(IllegalArgumentException.class, () -> store.find(c, 3));
        assertTrue(e.getMessage().contains("not a stored run file"), e.getMessage());
    }

    @Test
    void noStoreSavesNothing(@TempDir Path dir) {
        RunConfig c = TINY.runs().get(0);
        FinishedRuns none = FinishedRuns.none();
        none.save(c, 3, new Runner().run(c.spec(3), 1, Progress.NONE, c.divergenceFactor()));
        assertNull(none.find(c, 3));
    }

    private static List<Path> runFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            return s.filter(p -> p.toString().endsWith(".run")).toList();
        }
    }
}
