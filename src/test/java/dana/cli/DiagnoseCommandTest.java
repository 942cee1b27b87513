package dana.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dana.dan.DanLayout;
import dana.dan.DanNetworks;
import dana.dan.DanVariant;
import dana.nn.Activation;
import dana.nn.CnnConfig;
import dana.nn.NetworkFile;
import dana.nn.ResidualCnn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code dana diagnose}: short runs with a tiny network, and bad input. */
class DiagnoseCommandTest {

    @TempDir
    static Path tmp;

    static Path network;
    static Path precisionNetwork;

    @BeforeAll
    static void networks() throws IOException {
        network = tmp.resolve("tiny.dann");
        DanLayout layout = new DanLayout(1, DanVariant.FULL, false);
        try (ResidualCnn net = new ResidualCnn(new CnnConfig(2, 1, 6, 1, 2, 3, Activation.GELU, 3, 0.1), 5)) {
            NetworkFile.save(network, net, DanNetworks.metadata(layout));
        }
        precisionNetwork = tmp.resolve("masked.dann");
        DanLayout masked = new DanLayout(1, DanVariant.FULL, true);
        try (ResidualCnn net = new ResidualCnn(new CnnConfig(3, 1, 6, 1, 2, 3, Activation.GELU, 3, 0.1), 5)) {
            NetworkFile.save(precisionNetwork, net, DanNetworks.metadata(masked));
        }
    }

    @Test
    void expansionWritesItsTableAndFiles() throws IOException {
        Path out = tmp.resolve("exp");
        Cli.Result r = Cli.run("diagnose", "expansion", "--network", network.toString(), "--cycles", "90",
                "--burn-in", "30", "--every", "30", "--samples", "60", "--reference-members", "10", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("2 cycles sampled (every 30 after 30 of 90)"), r.out());
        assertTrue(r.out().contains("rank") && r.out().contains("enkf-n, 10 members"), r.out());
        for (String f : new String[] {"expansion-eigenvalues.csv", "expansion-offsets.csv", "expansion-bias.csv",
            "expansion-eigenspectra.png", "expansion-summary.json"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(41, Files.readAllLines(out.resolve("expansion-eigenvalues.csv")).size(), "header + 40 ranks");
        assertEquals(3, Files.readAllLines(out.resolve("expansion-bias.csv")).size(), "header + 2 cycles");
    }

    @Test
    void expansionJsonIsOneObject() throws IOException {
        Path out = tmp.resolve("exp-json");
        Cli.Result r = Cli.run("diagnose", "expansion", "--network", network.toString(), "--cycles", "60",
                "--burn-in", "30", "--every", "30", "--samples", "0", "--reference", "etkf", "--reference-members", "10",
                "--reference-inflation", "1.05", "--out", out.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = AssimilateCommandTest.singleObject(r.out());
        assertEquals(1, j.get("sampled_cycles").asInt());
        assertEquals(40, j.get("eigenvalues_jacobian").size());
        assertTrue(j.get("eigenvalues_regression").get(0).isNull(), "no regression with --samples 0");
        assertTrue(j.get("bias_mean").asDouble() > 0);
        assertEquals("etkf", j.get("reference_run").get("method").asText());
        assertFalse(r.out().contains("NaN"));
    }

    @Test
    void resultsDoNotDependOnTheEngineThreads() {
        String[] base = {"diagnose", "expansion", "--network", network.toString(), "--cycles", "60", "--burn-in", "30",
            "--every", "15", "--samples", "50", "--reference-members", "8", "--json"};
        Cli.Result one = Cli.run(AssimilateCommandTest.concat(base, "--threads", "1", "--out", tmp.resolve("t1").toString()));
        Cli.Result two = Cli.run(AssimilateCommandTest.concat(base, "--threads", "2", "--out", tmp.resolve("t2").toString()));
        assertEquals(0, one.exit(), one.err());
        assertEquals(Cli.withoutTiming(one.out()), Cli.withoutTiming(two.out()));
        Cli.Result other = Cli.run(AssimilateCommandTest.concat(base, "--seed", "2", "--out", tmp.resolve("t3").toString()));
        assertFalse(Cli.withoutTiming(one.out()).equals(Cli.withoutTiming(other.out())), "the seed matters");
    }

    @Test
    void sensitivityWritesItsTableAndFiles() throws IOException {
        Path out = tmp.resolve("sens");
        Cli.Result r = Cli.run("diagnose", "sensitivity", "--network", network.toString(), "--nx", "12",
                "--cycles", "40", "--burn-in", "20", "--every", "20", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("1 cycles sampled") && r.out().contains("share of the mean squared"), r.out());
        assertTrue(r.out().contains("dan tiny"), "labelled by the file's name without .dann: " + r.out());
        assertEquals(1 + 12 * 12, Files.readAllLines(out.resolve("sensitivity.csv")).size());
        assertTrue(Files.size(out.resolve("sensitivity.png")) > 0);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("sensitivity-summary.json").toFile());
        assertEquals(network.toString(), summary.get("network").asText(), "the file, as in --json");
    }

    @Test
    void aTrainedNetworkIsNamedByItsRunDirectory() throws IOException {
        // Every training writes RUN/network.dann: the label and the default output directory must say RUN, or two
        // diagnosed networks would both land in results/diagnose-network.
        Path trained = Files.createDirectories(tmp.resolve("dan-l96-trained")).resolve("network.dann");
        Files.copy(network, trained);
        Path out = tmp.resolve("named");
        Cli.Result r = Cli.run("diagnose", "sensitivity", "--network", trained.toString(), "--nx", "12",
                "--cycles", "40", "--burn-in", "20", "--every", "20", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("dan dan-l96-trained"), r.out());
        assertFalse(r.out().contains("network.dann"), r.out());

        DiagnoseRun run = new DiagnoseRun();
        run.network = trained.toString();
        assertEquals(Path.of("results", "diagnose-dan-l96-trained"), run.dir());
        run.network = network.toString();
        assertEquals(Path.of("results", "diagnose-tiny"), run.dir());
        run.out = out;
        assertEquals(out, run.dir(), "--out wins");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("network", new String[] {"expansion"}, "missing"),
                Arguments.of("every", new String[] {"expansion", "--every", "0"}, ">= 1"),
                Arguments.of("every", new String[] {"expansion", "--cycles", "100", "--burn-in", "50", "--every", "80"}, "no cycle sampled"),
                Arguments.of("samples", new String[] {"expansion", "--samples", "10"}, ">= Nx + 1 = 41"),
                Arguments.of("reference", new String[] {"expansion", "--reference", "letkf"}, "enkf-n or etkf"),
                Arguments.of("members", new String[] {"expansion", "--reference-members", "1"}, ">= 2"),
                Arguments.of("burn-in", new String[] {"sensitivity", "--cycles", "10", "--burn-in", "10"}, "[0, cycles)"),
                Arguments.of("step", new String[] {"sensitivity", "--step", "0"}, "> 0"),
                Arguments.of("sigma", new String[] {"sensitivity", "--sigma", "-1"}, "> 0"),
                Arguments.of("--step", new String[] {"sensitivity", "--step", "small"}, "step"),
                Arguments.of("threads", new String[] {"sensitivity", "--threads", "0"}, "[1, 256]"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badInput")
    void badInputExitsTwoWithOneLineNamingTheField(String field, String[] options, String allowed) {
        String[] args = Stream.concat(Stream.concat(Stream.of("diagnose", options[0]),
                        field.equals("network") ? Stream.empty() : Stream.of("--network", network.toString())),
                Stream.of(options).skip(1)).toArray(String[]::new);
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("dana: "), r.err());
        assertTrue(r.err().contains(field), "names " + field + ": " + r.err());
        assertTrue(r.err().contains(allowed), "says what is allowed (" + allowed + "): " + r.err());
    }

    @Test
    void aNetworkThatDoesNotFitAndAMissingFileAreOneLine() {
        Cli.Result masked = Cli.run("diagnose", "expansion", "--network", precisionNetwork.toString());
        assertEquals(2, masked.exit(), masked.err());
        assertEquals(1, masked.errLines().length, masked.err());
        assertTrue(masked.err().contains(precisionNetwork.toString()) && masked.err().contains("input channels"), masked.err());
        Cli.Result missing = Cli.run("diagnose", "sensitivity", "--network", tmp.resolve("none.dann").toString());
        assertEquals(2, missing.exit(), missing.err());
        assertTrue(missing.err().contains("no such network file"), missing.err());
        Cli.Result bare = Cli.run("diagnose");
        assertEquals(2, bare.exit(), bare.err());
        assertTrue(bare.err().contains("allowed: expansion, sensitivity"), bare.err());
    }
}
