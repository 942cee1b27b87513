package dana.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dana.nn.NetworkFile;
import dana.run.Runner;
import dana.sweep.PointResult;
import dana.sweep.SweepConfig;
import dana.sweep.SweepListener;
import dana.sweep.SweepParser;
import dana.sweep.SweepPoint;
import dana.sweep.SweepResult;
import dana.sweep.SweepRunner;
import dana.train.LogRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * dana sweep end to end on a tiny network (2 points of a few training steps, short evaluations): the files, the
 * figures against independent runs (dana assimilate, dana train), the restart that skips finished points, the
 * training resumed after a simulated kill, and bad input.
 */
class SweepCommandTest {

    @TempDir
    static Path tmp;
    static Path file;
    static Path dir;
    static JsonNode summary;

    /** A tiny sweep over Niter; {@code values} and {@code steps} vary by test. */
    static String yaml(String values, int steps) {
        return """
                name: tiny-sweep
                base:
                  name: tiny
                  network: {filters: 4, blocks: 1, layers_per_block: 1, kernel: 5, head_kernel: 5}
                  training: {pool: 64, batch: 16, niter: 2, learning_rate: {peak: 3e-3, warmup: 2, floor: 1e-4}, seed: 5}
                  validation: {every: 0, cycles: 120, burn_in: 20, seeds: [101]}
                  checkpoint_every: 2
                parameter: niter
                values: %s
                steps: %d
                evaluation: {cycles: 200, burn_in: 50, seeds: [1, 2]}
                references:
                  - {method: enkf-n, members: 10}
                short: {values: [2], steps: 2, cycles: 100, burn_in: 20, seeds: [3]}
                """.formatted(values, steps);
    }

    @BeforeAll
    static void sweep() throws IOException {
        file = tmp.resolve("sweep.yaml");
        Files.writeString(file, yaml("[1, 2]", 6));
        dir = tmp.resolve("out");
        Cli.Result r = Cli.run("sweep", file.toString(), "--out", dir.toString(), "--threads", "2", "--quiet", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err(), "--quiet: nothing on stderr");
        summary = new ObjectMapper().readTree(r.out());
    }

    @Test
    void theSweepWritesItsFiles() throws IOException {
        for (String f : List.of("sweep.resolved.yaml", "summary.csv", "summary.json", "rmse-vs-niter.png",
                "points/niter=1/network.dann", "points/niter=1/result.json", "points/niter=1/training-log.csv",
                "points/niter=2/evaluation/summary.csv", "points/niter=2/evaluation/config.resolved.yaml")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        byte[] png = Files.readAllBytes(dir.resolve("rmse-vs-niter.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        List<String> csv = Files.readAllLines(dir.resolve("summary.csv"));
        assertEquals(1 + 2 * 2, csv.size(), "a row per point and configuration (the network, one reference)");
        assertTrue(csv.get(1).startsWith("niter,1,dan,dan,") && csv.get(2).startsWith("niter,1,enkf-n-ne10,enkf-n,"), csv.toString());
        assertEquals(new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).get("points"), summary.get("points"),
                "--json prints summary.json");
        JsonNode points = summary.get("points");
        assertEquals(2, points.size());
        for (int i = 0; i < 2; i++) {
            JsonNode p = points.get(i);
            assertEquals(i + 1, p.get("value").asInt());
            assertEquals(6, p.get("training").get("steps").asInt());
            JsonNode dan = p.get("series").get(0);
            assertEquals("dan", dan.get("id").asText());
            assertEquals(2, dan.get("rmse_a_per_seed").size());
            double a = dan.get("rmse_a_per_seed").get(0).asDouble(), b = dan.get("rmse_a_per_seed").get(1).asDouble();
            assertEquals((a + b) / 2, dan.get("rmse_a").asDouble(), 1e-15);
            assertEquals(Math.min(a, b), dan.get("rmse_a_min").asDouble());
        }
        // each point's training file is the base with the budget and the value
        String niter1 = Files.readString(dir.resolve("points/niter=1/config.resolved.yaml"));
        assertTrue(niter1.contains("niter: 1\n") && niter1.contains("steps: 6\n") && niter1.contains("filters: 4\n"), niter1);
        // the resolved sweep runs again as it is: every point is found finished
        Cli.Result again = Cli.run("sweep", dir.resolve("sweep.resolved.yaml").toString(), "--out", dir.toString(), "--quiet");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("2 points (0 computed now)"), again.out());
    }

    /** The sweep's report: a section per directory with results, every figure embedded. */
    @Test
    void theSweepHasAReport() throws Exception {
        Cli.Result r = Cli.run("report", dir.toString());
        assertEquals(0, r.exit(), r.err());
        String html = Files.readString(dir.resolve("report.html"));
        long pngs;
        try (Stream<Path> s = Files.walk(dir)) {
            pngs = s.filter(p -> p.toString().endsWith(".png")).count();
        }
        assertEquals(pngs, html.split("<img src=\"data:image/png;base64,", -1).length - 1);
        assertTrue(pngs >= 1 + 2 * 6, "the sweep's plot, and per point the training curves and its evaluation's plots: " + pngs);
        for (String section : List.of("<h2>points/niter=1</h2>", "<h2>points/niter=2/evaluation/plots</h2>", "<title>tiny-sweep (sweep)</title>")) {
            assertTrue(html.contains(section), section);
        }
        assertTrue(html.indexOf("points/niter=1</h2>") < html.indexOf("points/niter=2</h2>"));
        assertFalse(html.contains("http://") || html.contains("https://"));
    }

    /** The sweep's figures are what the independent commands give: dana assimilate on the point's network, and the reference. */
    @Test
    void theFiguresAreWhatAssimilatePrints() throws IOException {
        JsonNode p = summary.get("points").get(1);
        Path net = dir.resolve("points/niter=2/network.dann");
        for (int s = 0; s < 2; s++) {
            Cli.Result dan = Cli.run("assimilate", "--method", "dan", "--network", net.toString(), "--cycles", "200",
                    "--burn-in", "50", "--seed", Integer.toString(s + 1), "--json");
            assertEquals(0, dan.exit(), dan.err());
            assertEquals(new ObjectMapper().readTree(dan.out()).get("rmse_a").asDouble(),
                    p.get("series").get(0).get("rmse_a_per_seed").get(s).asDouble(), 0.0);
            Cli.Result ref = Cli.run("assimilate", "--method", "enkf-n", "--members", "10", "--cycles", "200",
                    "--burn-in", "50", "--seed", Integer.toString(s + 1), "--json");
            assertEquals(new ObjectMapper().readTree(ref.out()).get("rmse_a").asDouble(),
                    p.get("series").get(1).get("rmse_a_per_seed").get(s).asDouble(), 0.0);
        }
    }

    /** A point's network is exactly what dana train makes of the point's training file, alone and on 2 threads. */
    @Test
    void thePointsNetworkIsTheTrainersOwn() throws IOException {
        Path alone = tmp.resolve("alone");
        Cli.Result r = Cli.run("train", dir.resolve("points/niter=1/config.resolved.yaml").toString(), "--out", alone.toString(), "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(NetworkFile.read(dir.resolve("points/niter=1/network.dann")).values(),
                NetworkFile.read(alone.resolve("network.dann")).values());
    }

    /** Records what a sweep session did, point by point. */
    static final class Recorder implements SweepListener {
        final List<String> skipped = Collections.synchronizedList(new ArrayList<>());
        final List<String> finished = Collections.synchronizedList(new ArrayList<>());
        final List<String> trainingStarts = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void skipped(SweepPoint point, PointResult result) {
            skipped.add(point.label());
        }

        @Override
        public void trainingStarted(SweepPoint point, long fromStep, long plannedSteps) {
            trainingStarts.add(point.label() + "@" + fromStep);
        }

        @Override
        public void finished(SweepPoint point, PointResult result) {
            finished.add(point.label());
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }

    /**
     * A restarted sweep computes only what is missing: with one point's result deleted, that point alone is
     * evaluated again (its network is trained: no training), the other is read back, untouched, and the
     * recomputed figures are the ones deleted.
     */
    @Test
    void aRestartedSweepSkipsFinishedPoints() throws IOException {
        Path copy = tmp.resolve("restart");
        copyTree(dir, copy);
        Files.delete(copy.resolve("points/niter=1/result.json"));
        Path kept = copy.resolve("points/niter=2/result.json");
        FileTime before = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(kept, before);
        Recorder rec = new Recorder();
        SweepConfig c = SweepParser.read(file, false, 2);
        SweepResult r = new SweepRunner(new Runner(), 2).run(c, copy, rec, List.of());
        assertEquals(List.of("niter=2"), rec.skipped);
        assertEquals(List.of("niter=1"), rec.finished);
        assertEquals(List.of(), rec.trainingStarts, "the network was trained: only the evaluation runs again");
        assertEquals(List.of("niter=1"), r.computed());
        assertEquals(before, Files.getLastModifiedTime(kept), "a finished point's result is not rewritten");
        JsonNode was = summary.get("points").get(0).get("series");
        JsonNode now = new ObjectMapper().readTree(copy.resolve("points/niter=1/result.json").toFile()).get("series");
        for (int i = 0; i < 2; i++) assertEquals(was.get(i).get("rmse_a_per_seed"), now.get(i).get("per_seed"));
    }

    /**
     * A point may take a network trained under another name with the same settings (the name changes no number):
     * with only its network.dann and summary.json copied into a renamed sweep's point, that training is skipped,
     * the network is evaluated, and the figures are the original point's.
     */
    @Test
    void aPointTakesANetworkTrainedUnderAnotherName() throws IOException {
        Path renamed = tmp.resolve("renamed.yaml");
        Files.writeString(renamed, yaml("[1]", 6).replace("name: tiny-sweep", "name: renamed-sweep"));
        Path out = tmp.resolve("renamed");
        Files.createDirectories(out.resolve("points/niter=1"));
        for (String f : List.of("network.dann", "summary.json")) {
            Files.copy(dir.resolve("points/niter=1").resolve(f), out.resolve("points/niter=1").resolve(f));
        }
        Recorder rec = new Recorder();
        new SweepRunner(new Runner(), 1).run(SweepParser.read(renamed, false, 1), out, rec, List.of());
        assertEquals(List.of(), rec.trainingStarts, "the copied network is not trained again");
        assertEquals(List.of("niter=1"), rec.finished);
        JsonNode was = summary.get("points").get(0).get("series");
        JsonNode now = new ObjectMapper().readTree(out.resolve("points/niter=1/result.json").toFile()).get("series");
        for (int i = 0; i < 2; i++) assertEquals(was.get(i).get("rmse_a_per_seed"), now.get(i).get("per_seed"));
    }

    /**
     * A session killed during a training (simulated by a listener that throws at step 3; checkpoints every 2
     * steps) stops the sweep; the next session resumes that training from its checkpoint at step 2, and the
     * point's figures are those of the uninterrupted sweep, to the last bit.
     */
    @Test
    void anInterruptedTrainingResumesFromItsCheckpoint() throws IOException {
        Path one = tmp.resolve("one.yaml");
        Files.writeString(one, yaml("[2]", 6));
        Path out = tmp.resolve("killed");
        SweepConfig c = SweepParser.read(one, false, 1);
        SweepListener killer = new SweepListener() {
            @Override
            public void stepped(SweepPoint point, LogRow row, long plannedSteps) {
                if (row.step() == 3) throw new IllegalStateException("simulated kill");
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SweepRunner(new Runner(), 1).run(c, out, killer, List.of()));
        assertEquals("simulated kill", e.getMessage());
        assertFalse(Files.exists(out.resolve("points/niter=2/result.json")));
        assertFalse(Files.exists(out.resolve("summary.json")), "no summary from an interrupted session");
        Recorder rec = new Recorder();
        new SweepRunner(new Runner(), 1).run(c, out, rec, List.of());
        assertEquals(List.of("niter=2@2"), rec.trainingStarts);
        JsonNode uninterrupted = summary.get("points").get(1).get("series").get(0).get("rmse_a_per_seed");
        JsonNode resumed = new ObjectMapper().readTree(out.resolve("points/niter=2/result.json").toFile())
                .get("series").get(0).get("per_seed");
        assertEquals(uninterrupted, resumed);
        assertArrayEquals(NetworkFile.read(dir.resolve("points/niter=2/network.dann")).values(),
                NetworkFile.read(out.resolve("points/niter=2/network.dann")).values());
    }

    @Test
    void aDirectoryComputedWithAnotherConfigurationIsRefused() throws IOException {
        Path other = tmp.resolve("other.yaml");
        Files.writeString(other, yaml("[1, 2]", 7));
        FileTime before = Files.getLastModifiedTime(dir.resolve("summary.json"));
        Cli.Result r = Cli.run("sweep", other.toString(), "--out", dir.toString(), "--quiet");
        assertEquals(2, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("dana: out: " + dir.resolve("points/niter=1") + " was computed with another "
                + "configuration (training.steps: 6 -> 7); use another --out"), r.err());
        assertEquals(before, Files.getLastModifiedTime(dir.resolve("summary.json")));
        // a trained network whose checkpoints and result are gone is checked by the training file in its metadata
        Path copy = tmp.resolve("no-checkpoints");
        copyTree(dir, copy);
        deleteTree(copy.resolve("points/niter=1/checkpoints"));
        Files.delete(copy.resolve("points/niter=1/result.json"));
        Cli.Result n = Cli.run("sweep", other.toString(), "--out", copy.toString(), "--quiet");
        assertEquals(2, n.exit());
        assertTrue(n.err().startsWith("dana: out: " + copy.resolve("points/niter=1") + " was computed with another "
                + "configuration (training.steps: 6 -> 7)"), n.err());
        // --short into the same directory: the short evaluation differs too
        Cli.Result s = Cli.run("sweep", file.toString(), "--short", "--out", dir.toString(), "--quiet");
        assertEquals(2, s.exit());
        assertTrue(s.err().startsWith("dana: out: " + dir.resolve("points/niter=2") + " was computed with another configuration (training.steps: 6 -> 2)"), s.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "parameter: niter | parameter: nitre | dana: %s: parameter: unknown parameter 'nitre'; allowed: pool, batch, niter, steps, filters",
        "values: [1, 2] | values: [] | dana: %s: values: expected a non-empty list of values of niter",
        "steps: 6 | stesp: 6 | dana: %s: unknown key 'stesp' (did you mean 'steps'?); allowed: name, description, base",
        "values: [1, 2] | values: [1, -1] | dana: %s: values[1] (niter=-1): training.niter: must be in [1, 1000], got -1",
        "members: 10} | members: 10, sigma: 2} | dana: %s: references[0].sigma: set by the point",
    })
    void badInputIsOneLineWithExitCode2AndNoFiles(String from, String to, String expected) throws IOException {
        Path bad = tmp.resolve("bad-" + Math.abs(to.hashCode()) + ".yaml");
        String y = yaml("[1, 2]", 6);
        assertTrue(y.contains(from), from);
        Files.writeString(bad, y.replace(from, to));
        Path out = tmp.resolve("never-" + Math.abs(to.hashCode()));
        Cli.Result r = Cli.run("sweep", bad.toString(), "--out", out.toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith(expected.formatted(bad)), r.err());
        assertFalse(Files.exists(out), "nothing written on bad input");
    }

    @Test
    void otherBadInput() {
        Cli.Result missing = Cli.run("sweep", tmp.resolve("nope.yaml").toString());
        assertEquals(2, missing.exit());
        assertEquals("dana: " + tmp.resolve("nope.yaml") + ": no such sweep file", missing.err().strip());
        Cli.Result threads = Cli.run("sweep", file.toString(), "--threads", "0");
        assertEquals(2, threads.exit());
        assertEquals("dana: threads: must be >= 1, got 0", threads.err().strip());
        Cli.Result notDir = Cli.run("sweep", file.toString(), "--out", file.toString(), "--quiet");
        assertEquals(2, notDir.exit());
        assertEquals("dana: out: " + file + " exists and is not a directory", notDir.err().strip());
    }
}
