package dana.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One tiny experiment, run twice (2 threads, then 1): files, table, summary and reproducibility. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExperimentCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String YAML = """
            name: tiny
            description: a test
            defaults: {cycles: 320, burn_in: 20}
            seeds: [3, 4]
            runs:
              - {method: 3dvar, alpha: [0.02, 0.03]}
              - {method: etkf, members: 12, inflation: 1.1, id: small-etkf}
            expect:
              - {match: {method: 3dvar}, of: best, rmse_a: "<= 0.6", reference: 0.41}
              - {match: {id: small-etkf}, rmse_a: "0.01..0.02"}
            """;
    private static final List<String> IDS = List.of("3dvar-a0.02", "3dvar-a0.03", "small-etkf");

    Path tmp, first, second;
    Cli.Result firstRun, secondRun;

    @BeforeAll
    void runTwice(@TempDir Path dir) throws IOException {
        tmp = dir;
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), YAML);
        first = tmp.resolve("first");
        second = tmp.resolve("second");
        firstRun = Cli.run("experiment", file.toString(), "--out", first.toString(), "--threads", "2");
        secondRun = Cli.run("experiment", file.toString(), "--out", second.toString(), "--threads", "1", "--json");
    }

    @Test
    void writesEveryExpectedFileAndNoTemporaryOnes() throws IOException {
        assertEquals(0, firstRun.exit(), firstRun.err());
        for (String f : List.of("config.resolved.yaml", "summary.json", "summary.csv", "plots/rmse-by-config.png")) {
            assertTrue(Files.size(first.resolve(f)) > 100, f);
        }
        for (String id : IDS) {
            for (int seed : new int[] {3, 4}) {
                List<String> lines = Files.readAllLines(first.resolve("series").resolve(id + "-seed" + seed + ".csv"));
                assertEquals("cycle,rmse_a,rmse_f,spread_a,spread_f", lines.get(0));
                assertEquals(321, lines.size(), "a row per cycle of " + id);
            }
            assertPng(first.resolve("plots").resolve("rmse-" + id + ".png"));
            assertPng(first.resolve("plots").resolve("hovmoller-" + id + ".png"));
        }
        try (Stream<Path> all = Files.walk(first)) {
            assertFalse(all.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void theTableAgreesWithTheSummary() throws IOException {
        JsonNode summary = JSON.readTree(first.resolve("summary.json").toFile());
        JsonNode configs = summary.get("configurations");
        assertEquals(IDS.size(), configs.size());
        for (int i = 0; i < IDS.size(); i++) {
            JsonNode c = configs.get(i);
            assertEquals(IDS.get(i), c.get("id").asText());
            String row = firstRun.out().lines().filter(l -> l.startsWith(c.get("id").asText() + " ")).findFirst().orElseThrow();
            String[] cells = row.trim().split("\\s+");
            assertEquals(f4(c.get("rmse_a")), cells[1], row);
            assertEquals(f4(c.get("rmse_a_sd")), cells[2], row);
            assertEquals(f4(c.get("rmse_f")), cells[3], row);
            assertEquals(f4(c.get("spread_a")), cells[4], row);
            assertEquals(c.get("diverged_count").asInt() + "/2", cells[6], row);
        }
        // the expectations: the better 3D-Var is checked, the other shown unchecked, the ETKF misses on purpose
        List<String> checks = List.of(configs.get(0).get("expected").get("check").asText(),
                configs.get(1).get("expected").get("check").asText());
        assertTrue(checks.contains("ok") && checks.contains("-"), "the best 3D-Var is checked, the other not: " + checks);
        assertTrue(lineOf("small-etkf").endsWith("MISS"), lineOf("small-etkf"));
        // the mean row of the CSV is the mean of its run rows
        List<String> csv = Files.readAllLines(first.resolve("summary.csv"));
        assertEquals(1 + 2 * IDS.size() + IDS.size(), csv.size());
        double a = Double.parseDouble(csv.get(1).split(",")[18]), b = Double.parseDouble(csv.get(2).split(",")[18]);
        double mean = Double.parseDouble(csv.get(1 + 2 * IDS.size()).split(",")[18]);
        assertEquals((a + b) / 2, mean, 1e-12);
    }

    @Test
    void aSecondRunWithTheSameSeedsGivesTheSameSummaryAndSeries() throws IOException {
        assertEquals(0, secondRun.exit(), secondRun.err());
        String one = Files.readString(first.resolve("summary.json"));
        String two = Files.readString(second.resolve("summary.json"));
        assertEquals(Cli.withoutTiming(one), Cli.withoutTiming(two));
        assertFalse(Cli.withoutTiming(one).contains("NaN"));
        for (String id : IDS) {
            assertArrayEquals(Files.readAllBytes(first.resolve("series").resolve(id + "-seed3.csv")),
                    Files.readAllBytes(second.resolve("series").resolve(id + "-seed3.csv")));
        }
        // --json printed exactly the summary file
        assertEquals(two, secondRun.out());
        assertTrue(JSON.readTree(secondRun.out()).isObject());
    }

    @Test
    void theResolvedConfigRepeatsTheExperiment() throws IOException {
        Path again = tmp.resolve("again");
        Cli.Result r = Cli.run("experiment", first.resolve("config.resolved.yaml").toString(), "--out", again.toString(),
                "--quiet", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(Cli.withoutTiming(Files.readString(first.resolve("summary.json"))), Cli.withoutTiming(r.out()));
    }

    @Test
    void anInterruptedExperimentResumesFromTheRunsItFinished() throws IOException {
        // what a kill leaves behind: the runs finished so far under runs/, no summary
        Path killed = tmp.resolve("killed");
        Files.createDirectories(killed.resolve("runs"));
        List<Path> runs;
        try (Stream<Path> s = Files.list(first.resolve("runs"))) {
            runs = s.sorted().toList();
        }
        assertEquals(2 * IDS.size(), runs.size(), "one file per run and seed");
        for (Path r : runs.subList(1, runs.size())) Files.copy(r, killed.resolve("runs").resolve(r.getFileName()));
        Path file = tmp.resolve("tiny.yaml");
        Cli.Result r = Cli.run("experiment", file.toString(), "--out", killed.toString(), "--resume", "--quiet", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode was = JSON.readTree(first.resolve("summary.json").toFile()), now = JSON.readTree(r.out());
        assertEquals(Cli.withoutTiming(Files.readString(first.resolve("summary.json"))), Cli.withoutTiming(r.out()));
        // the runs read back keep their own timing, to the nanosecond; the one recomputed has its own
        int same = 0;
        for (int i = 0; i < was.get("runs").size(); i++) {
            if (was.get("runs").get(i).get("seconds").asDouble() == now.get("runs").get(i).get("seconds").asDouble()) same++;
        }
        assertEquals(runs.size() - 1, same);
        try (Stream<Path> s = Files.list(killed.resolve("runs"))) {
            assertEquals(runs.size(), s.count(), "the recomputed run is stored again");
        }
        Cli.Result table = Cli.run("experiment", file.toString(), "--out", killed.toString(), "--resume", "--quiet");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().lines().findFirst().orElseThrow().endsWith("(6 of 6 runs read back from runs/)"), table.out());

        Cli.Result noOut = Cli.run("experiment", file.toString(), "--resume");
        assertEquals(2, noOut.exit());
        assertEquals(List.of("dana: resume: needs --out DIR, the directory of the experiment to continue"),
                List.of(noOut.errLines()));
    }

    private String lineOf(String id) {
        return firstRun.out().lines().filter(l -> l.startsWith(id + " ")).findFirst().orElseThrow();
    }

    private static String f4(JsonNode n) {
        return String.format(Locale.ROOT, "%.4f", n.asDouble());
    }

    private static void assertPng(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        assertTrue(b.length > 2000, p + " has content");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(b, 4), p + " is a PNG");
    }
}
