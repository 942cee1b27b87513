package dana.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input: exit code 2, one line on stderr naming the field, nothing on stdout, no files. */
class CliErrorsTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> badAssimilate() {
        return Stream.of(
                Arguments.of("method", new String[] {"--method", "kalman"}, "allowed: climatology"),
                Arguments.of("members", new String[] {"--method", "etkf", "--members", "1"}, ">= 2"),
                Arguments.of("sigma", new String[] {"--method", "etkf", "--sigma", "0"}, "> 0"),
                Arguments.of("nx", new String[] {"--method", "etkf", "--nx", "3"}, ">= 4"),
                Arguments.of("obs", new String[] {"--method", "etkf", "--obs", "subset:1.5"}, "0 < FRACTION <= 1"),
                Arguments.of("burn-in", new String[] {"--method", "etkf", "--burn-in", "50"}, "[0, cycles)"),
                Arguments.of("--members", new String[] {"--method", "etkf", "--members", "many"}, "not an int"),
                Arguments.of("--bogus", new String[] {"--method", "etkf", "--bogus"}, "Unknown option"),
                Arguments.of("method", new String[] {}, "allowed: climatology"),
                Arguments.of("variant", new String[] {"--method", "enkf-n", "--variant", "flat"}, "allowed: jeffreys"),
                Arguments.of("threads", new String[] {"--method", "etkf", "--threads", "0"}, ">= 1"),
                Arguments.of("lag", new String[] {"--method", "ienks", "--lag", "0"}, ">= 1"),
                Arguments.of("shift", new String[] {"--method", "ienks", "--lag", "3", "--shift", "4"}, "[1, lag] = [1, 3]"),
                Arguments.of("shift", new String[] {"--method", "ienks", "--lag", "3", "--shift", "0"}, "[1, lag]"),
                Arguments.of("iterations", new String[] {"--method", "ienkf", "--iterations", "0"}, ">= 1"),
                Arguments.of("lag", new String[] {"--method", "ienks", "--lag", "51"}, "longer than the run (50 cycles)"),
                Arguments.of("lag", new String[] {"--method", "ienkf", "--lag", "2"}, "use ienks"),
                Arguments.of("form", new String[] {"--method", "ienkf", "--form", "newton"}, "allowed: transform, bundle"),
                Arguments.of("epsilon", new String[] {"--method", "ienkf", "--form", "bundle", "--epsilon", "0"}, "> 0"),
                Arguments.of("variant", new String[] {"--method", "ienkf", "--variant", "flat"}, "none"),
                // the same four window checks for each windowed method
                Arguments.of("lag", new String[] {"--method", "ienkf", "--lag", "0"}, ">= 1"),
                Arguments.of("shift", new String[] {"--method", "ienkf", "--shift", "2"}, "[1, lag] = [1, 1]"),
                Arguments.of("lag", new String[] {"--method", "ienkf", "--lag", "51"}, "use ienks"),
                Arguments.of("iterations", new String[] {"--method", "ienks", "--lag", "2", "--iterations", "0"}, ">= 1"),
                Arguments.of("lag", new String[] {"--method", "4dvar", "--lag", "0"}, ">= 1"),
                Arguments.of("shift", new String[] {"--method", "4dvar", "--lag", "3", "--shift", "4"}, "[1, lag] = [1, 3]"),
                Arguments.of("iterations", new String[] {"--method", "4dvar", "--iterations", "0"}, ">= 1"),
                Arguments.of("inner-iterations", new String[] {"--method", "4dvar", "--inner-iterations", "0"}, ">= 1"),
                Arguments.of("tolerance", new String[] {"--method", "4dvar", "--tolerance", "1"}, "[0, 1)"),
                Arguments.of("lag", new String[] {"--method", "4dvar", "--lag", "51"}, "longer than the run (50 cycles)"),
                Arguments.of("alpha", new String[] {"--method", "4dvar", "--alpha", "0"}, "alpha > 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAssimilate")
    void badAssimilateOptionsExitTwoWithOneLineNamingTheField(String field, String[] options, String allowed) {
        // short runs, in case a check failed to fire; the burn-in case sets its own (too long) burn-in
        Stream<String> length = field.equals("burn-in") ? Stream.of("--cycles", "50") : Stream.of("--cycles", "50", "--burn-in", "5");
        String[] args = Stream.concat(Stream.concat(Stream.of("assimilate"), length), Stream.of(options)).toArray(String[]::new);
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("dana: "), r.err());
        assertTrue(r.err().contains(field), "names the field " + field + ": " + r.err());
        assertTrue(r.err().contains(allowed), "says what is allowed (" + allowed + "): " + r.err());
    }

    static Stream<Arguments> badYaml() {
        String runs = "runs:\n  - {method: etkf, members: 10}\n";
        return Stream.of(
                Arguments.of("unknown key", "name: x\ncycles: 100\n" + runs, "unknown key 'cycles'"),
                Arguments.of("typo", "name: x\nruns:\n  - {method: etkf, inflaton: 1.02}\n", "did you mean 'inflation'"),
                Arguments.of("unknown method", "name: x\nruns:\n  - {method: kalman}\n", "runs[0]: method: unknown method 'kalman'; allowed:"),
                Arguments.of("members 1", "name: x\nruns:\n  - {method: etkf, members: [10, 1]}\n", "runs[0] (members=1): members:"),
                Arguments.of("sigma 0", "name: x\ndefaults: {sigma: 0}\n" + runs, "sigma: must be > 0"),
                Arguments.of("nx 3", "name: x\ndefaults: {nx: 3}\n" + runs, "nx must be >= 4"),
                Arguments.of("fraction", "name: x\nruns:\n  - {method: 3dvar, obs: 'random:1.5'}\n", "obs: random:FRACTION needs 0 < FRACTION <= 1"),
                Arguments.of("burn-in", "name: x\ndefaults: {cycles: 100, burn_in: 100}\n" + runs, "burn-in: must be in [0, cycles)"),
                Arguments.of("type", "name: x\nruns:\n  - {method: etkf, members: twenty}\n", "runs[0].members: expected a whole number"),
                Arguments.of("malformed", "name: x\nruns: [ {method: etkf\n", "invalid YAML at line"),
                Arguments.of("lag", "name: x\nruns:\n  - {method: ienks, lag: 0}\n", "runs[0]: lag: must be >= 1"),
                Arguments.of("shift", "name: x\nruns:\n  - {method: ienks, lag: 2, shift: [1, 3]}\n", "runs[0] (shift=3): shift: must be in [1, lag]"),
                Arguments.of("iterations", "name: x\nruns:\n  - {method: ienkf, iterations: 0}\n", "iterations: must be >= 1"),
                Arguments.of("window", "name: x\nruns:\n  - {method: ienks, lag: 30, cycles: 20, burn_in: 2}\n", "lag: the window (30 cycles) is longer than the run (20 cycles)"),
                Arguments.of("form", "name: x\nruns:\n  - {method: ienkf, form: newton}\n", "form: unknown iterative form"),
                Arguments.of("ienkf lag", "name: x\nruns:\n  - {method: ienkf, lag: 0}\n", "runs[0]: lag: must be >= 1"),
                Arguments.of("ienkf shift", "name: x\nruns:\n  - {method: ienkf, shift: 2}\n", "runs[0]: shift: must be in [1, lag] = [1, 1]"),
                Arguments.of("ienks iterations", "name: x\nruns:\n  - {method: ienks, lag: 2, iterations: 0}\n", "runs[0]: iterations: must be >= 1"),
                Arguments.of("4dvar lag", "name: x\nruns:\n  - {method: 4dvar, lag: 0}\n", "runs[0]: lag: must be >= 1"),
                Arguments.of("4dvar shift", "name: x\nruns:\n  - {method: 4dvar, lag: 2, shift: [1, 3]}\n", "runs[0] (shift=3): shift: must be in [1, lag]"),
                Arguments.of("4dvar iterations", "name: x\nruns:\n  - {method: 4dvar, iterations: 0}\n", "runs[0]: iterations: must be >= 1"),
                Arguments.of("4dvar inner", "name: x\nruns:\n  - {method: 4dvar, inner_iterations: 0}\n", "runs[0]: inner-iterations: must be >= 1"),
                Arguments.of("4dvar window", "name: x\nruns:\n  - {method: 4dvar, lag: 30, cycles: 20, burn_in: 2}\n", "runs[0]: lag: the window (30 cycles) is longer than the run (20 cycles)"),
                Arguments.of("expect", "name: x\n" + runs + "expect:\n  - {match: {method: letkf}, rmse_a: '<= 1'}\n", "expect[0].match"),
                Arguments.of("plot key", "name: x\n" + runs + "plots:\n  - {x: members, file: a.png, colour: red}\n", "plots[0]: unknown key 'colour'; allowed: x, series"),
                Arguments.of("plot x", "name: x\n" + runs + "plots:\n  - {x: dt_obs, file: a.png}\n", "plots[0].x: unknown run key 'dt_obs'; allowed: members"),
                Arguments.of("plot x text", "name: x\n" + runs + "plots:\n  - {x: method, file: a.png}\n", "plots[0].x: 'method' is not numeric"),
                Arguments.of("plot series", "name: x\n" + runs + "plots:\n  - {x: members, series: [methd], file: a.png}\n", "plots[0].series: unknown run key 'methd'"),
                Arguments.of("plot y", "name: x\n" + runs + "plots:\n  - {x: members, y: rmse, file: a.png}\n", "plots[0].y: unknown result field 'rmse'; allowed: rmse_a"),
                Arguments.of("plot file", "name: x\n" + runs + "plots:\n  - {x: members, file: ../a.png}\n", "plots[0].file: must be NAME.png"),
                Arguments.of("plot no file", "name: x\n" + runs + "plots:\n  - {x: members}\n", "plots[0].file: missing"),
                Arguments.of("plot twice", "name: x\n" + runs + "plots:\n  - {x: members, file: a.png}\n  - {x: inflation, file: a.png}\n", "plots: file 'a.png' is used twice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badYaml")
    void badExperimentFilesExitTwoAndWriteNothing(String what, String yaml, String expected) throws IOException {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, yaml);
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("experiment", file.toString(), "--out", out.toString(), "--threads", "1");
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("dana: " + file + ": "), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertFalse(Files.exists(out), "no output directory for an invalid experiment");
    }

    @Test
    void shortNeedsAShortBlock() throws IOException {
        Path file = Files.writeString(tmp.resolve("x.yaml"), "name: x\nruns:\n  - {method: climatology}\n");
        Cli.Result r = Cli.run("experiment", file.toString(), "--short", "--out", tmp.resolve("out").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("short: --short needs a 'short' block"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void missingExperimentFileAndMissingCommandAreUsageErrors() {
        Cli.Result r = Cli.run("experiment", tmp.resolve("nope.yaml").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no such experiment file"), r.err());
        Cli.Result none = Cli.run();
        assertEquals(2, none.exit());
        assertEquals(1, none.errLines().length, none.err());
        assertTrue(none.err().contains("allowed: assimilate, experiment"), none.err());
    }

    @Test
    void anOutPathThatIsAFileIsRefusedBeforeRunning() throws IOException {
        Path file = tmp.resolve("ok.yaml");
        Files.writeString(file, "name: x\nruns:\n  - {method: climatology, cycles: 20, burn_in: 2}\n");
        Path clash = Files.writeString(tmp.resolve("clash"), "");
        Cli.Result c = Cli.run("experiment", file.toString(), "--out", clash.toString());
        assertEquals(2, c.exit(), c.err());
        assertEquals(1, c.errLines().length, c.err());
        assertTrue(c.err().contains("out: "), c.err());
    }

    @Test
    void unexpectedFailuresExitOneWithOneLineAndAStackTraceOnlyWithDebug() throws IOException {
        Path file = tmp.resolve("ok.yaml");
        Files.writeString(file, "name: x\nruns:\n  - {method: climatology, cycles: 20, burn_in: 2}\n");
        Files.writeString(tmp.resolve("clash"), "");
        // the results directory cannot be created under a regular file: an I/O failure, not bad input
        String out = tmp.resolve("clash").resolve("sub").toString();
        Cli.Result r = Cli.run("experiment", file.toString(), "--out", out, "--quiet");
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("dana: error: "), r.err());
        Cli.Result d = Cli.run("--debug", "experiment", file.toString(), "--out", out, "--quiet");
        assertEquals(1, d.exit(), d.err());
        assertTrue(d.errLines().length > 3 && d.err().contains("\tat "), "stack trace with --debug: " + d.err());
        Cli.Result e = Cli.run(Map.of("DANA_DEBUG", "1"), "experiment", file.toString(), "--out", out, "--quiet");
        assertTrue(e.err().contains("\tat "), "stack trace with DANA_DEBUG=1: " + e.err());
    }

    @Test
    void versionAndHelpExitZero() {
        Cli.Result v = Cli.run("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().startsWith("dana "), v.out());
        Cli.Result h = Cli.run("assimilate", "--help");
        assertEquals(0, h.exit());
        for (String option : new String[] {"--nx", "--dt", "--steps-per-cycle", "--forcing", "--obs", "--sigma", "--method",
            "--members", "--inflation", "--rotate", "--radius", "--alpha", "--variant", "--cycles", "--burn-in", "--seed",
            "--init-spread", "--spin-up", "--threads", "--json", "--quiet", "--lag", "--shift", "--iterations",
            "--inner-iterations", "--tolerance"}) {
            assertTrue(h.out().contains(option), "help lists " + option);
        }
    }
}
