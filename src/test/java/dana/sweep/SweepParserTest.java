package dana.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Sweep files: what each parameter changes, the references' twin and ids, the budget, and bad input. */
class SweepParserTest {

    /** A small sweep file; {@code extra} is appended (top-level keys). */
    static String yaml(String parameter, String values, String extra) {
        return """
                name: s
                base:
                  name: b
                  network: {filters: 4, blocks: 1, layers_per_block: 1}
                  training: {pool: 64, batch: 16, niter: 2, steps: 99999}
                  validation: {every: 0, cycles: 120, burn_in: 20, seeds: [101]}
                parameter: %s
                values: %s
                steps: 6
                evaluation: {cycles: 200, burn_in: 50, seeds: [1, 2]}
                references:
                  - {method: enkf-n, members: 10}
                  - {method: 3dvar, alpha: 0.03, id: var}
                %s
                """.formatted(parameter, values, extra);
    }

    static SweepConfig parse(String yaml) {
        return SweepParser.parse(yaml, "s.yaml", false, 2);
    }

    static String error(String yaml) {
        return assertThrows(IllegalArgumentException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void eachPointIsTheBaseWithTheBudgetAndItsValue() {
        SweepConfig c = parse(yaml("pool", "[32, 128]", ""));
        assertEquals(List.of("pool=32", "pool=128"), c.points().stream().map(SweepPoint::label).toList());
        for (SweepPoint p : c.points()) {
            TrainConfig t = p.training();
            assertEquals(p.value().x(), t.training().pool());
            assertEquals(6, t.training().steps(), "the sweep's budget replaces the base's");
            assertEquals(16, t.training().batch());
            assertEquals(4, t.network().filters());
            assertEquals(1, t.training().threads(), "threads_per_point defaults to 1");
            assertEquals("s-pool-" + p.value().text(), t.name());
        }
        assertEquals(new Evaluation(200, 50, List.of(1L, 2L)), c.evaluation());
    }

    @ParameterizedTest
    @CsvSource({"niter, 3", "batch, 8", "filters, 6", "blocks, 2", "layers_per_block, 3", "members, 2", "steps, 11"})
    void integerParametersGoToTheirTrainingFileField(String parameter, int value) {
        String y = yaml(parameter, "[" + value + "]", "");
        if (parameter.equals("steps")) y = y.replace("steps: 6\n", "");
        TrainConfig t = parse(y).points().get(0).training();
        long got = switch (parameter) {
            case "niter" -> t.training().niter();
            case "batch" -> t.training().batch();
            case "filters" -> t.network().filters();
            case "blocks" -> t.network().blocks();
            case "layers_per_block" -> t.network().layersPerBlock();
            case "members" -> t.network().members();
            case "steps" -> t.training().steps();
            default -> throw new IllegalStateException(parameter);
        };
        assertEquals(value, got);
    }

    /** sigma and the observed fraction change the twin: the references run on the network's twin, under stable ids. */
    @Test
    void twinParametersReachTheReferencesUnderStableIds() {
        SweepConfig sigma = parse(yaml("sigma", "[0.5, 2]", ""));
        for (SweepPoint p : sigma.points()) {
            assertEquals(p.value().x(), p.training().sigma());
            for (var r : p.references()) assertEquals(p.value().x(), r.sigma());
            assertEquals(List.of("enkf-n-ne10", "var"), p.references().stream().map(r -> r.id()).toList());
            assertEquals(200, p.references().get(0).cycles());
            assertEquals(50, p.references().get(0).burnIn());
        }
        SweepConfig fraction = parse(yaml("fraction", "[0.25, 1]", ""));
        SweepPoint quarter = fraction.points().get(0);
        assertEquals("random:0.25", quarter.training().obs());
        assertTrue(quarter.training().precisionChannel(), "a masked network gets the precision channel");
        assertEquals("random:0.25", quarter.references().get(0).obs());
        assertEquals("fraction=0.25", quarter.label());
        assertEquals("random:1", fraction.points().get(1).training().obs());
        assertTrue(SweepParameter.SIGMA.changesTwin() && !SweepParameter.POOL.changesTwin());
    }

    @Test
    void overridesMergeIntoTheBaseAndShortReplacesTheBudgetAndEvaluation() {
        String y = yaml("niter", "[1, 2, 4]", """
                overrides: {validation: {every: 3}, training: {batch: 8}}
                short: {values: [1], steps: 2, cycles: 90, burn_in: 10, seeds: [7]}
                threads_per_point: 2
                """);
        SweepConfig full = SweepParser.parse(y, "s.yaml", false, 8);
        TrainConfig t = full.points().get(0).training();
        assertEquals(3, t.validation().every());
        assertEquals(120, t.validation().cycles(), "the rest of the mapping is the base's");
        assertEquals(8, t.training().batch());
        assertEquals(2, t.training().threads());
        assertFalse(full.shortened());
        SweepConfig shortened = SweepParser.parse(y, "s.yaml", true, 1);
        assertEquals(1, shortened.points().size());
        assertEquals(2, shortened.points().get(0).training().training().steps());
        assertEquals(new Evaluation(90, 10, List.of(7L)), shortened.evaluation());
        assertEquals(1, shortened.points().get(0).training().training().threads(), "never more than --threads");
        assertTrue(shortened.shortened());
    }

    @Test
    void theBaseCanBeAPath(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path base = dir.resolve("base.yaml");
        Files.writeString(base, "name: b\nnetwork: {filters: 5, blocks: 1, layers_per_block: 1}\ntraining: {pool: 64, batch: 16, minutes: 30}\n");
        SweepConfig c = parse("name: s\nbase: " + base + "\nparameter: niter\nvalues: [1]\nsteps: 4\n");
        assertEquals(5, c.points().get(0).training().network().filters());
        assertEquals(4, c.points().get(0).training().training().steps(), "steps replace the base's minutes");
        assertFalse(c.points().get(0).training().training().timed());
        assertTrue(c.points().get(0).references().isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nitre | [1] | | s.yaml: parameter: unknown parameter 'nitre'; allowed: pool, batch, niter",
        "niter | [] | | s.yaml: values: expected a non-empty list of values of niter",
        "niter | 4 | | s.yaml: values: expected a non-empty list",
        "niter | [1, 1] | | s.yaml: values[1]: 1 is given twice",
        "niter | [1, two] | | s.yaml: values[1]: expected a whole number, got 'two'",
        "niter | [1, 0] | | s.yaml: values[1] (niter=0): training.niter: must be in [1, 1000], got 0",
        "pool | [8] | | s.yaml: values[0] (pool=8): training.pool: must be >= batch (16), got 8",
        "fraction | [1.5] | | s.yaml: values[0] (fraction=1.5): obs: random:FRACTION needs 0 < FRACTION <= 1",
        "sigma | [0] | | s.yaml: values[0] (sigma=0): sigma: must be > 0",
        "niter | [1] | stesp: 3 | s.yaml: unknown key 'stesp' (did you mean 'steps'?)",
        "niter | [1] | threads_per_point: 0 | s.yaml: threads_per_point: must be in [1, 256], got 0",
        "niter | [1] | overrides: {training: {steps: 5}} | s.yaml: overrides.training.steps: set by the sweep",
        "niter | [1] | overrides: {training: {nitre: 5}} | s.yaml: overrides: training: unknown key 'nitre' (did you mean 'niter'?)",
        "niter | [1] | overrides: 3 | s.yaml: overrides: expected a mapping",
        "niter | [1] | short: {cycles: 10, stpes: 2} | s.yaml: short: unknown key 'stpes' (did you mean 'steps'?)",
        "steps | [5] | | s.yaml: steps: the swept parameter is the budget itself; leave 'steps' out",
    })
    void badInputIsOneLineNamingThePlace(String parameter, String values, String extra, String start) {
        String msg = error(yaml(parameter, values, extra == null ? "" : extra));
        assertTrue(msg.startsWith(start), msg);
        assertEquals(1, msg.lines().count(), msg);
    }

    @Test
    void badReferencesAndBasesAreNamed() {
        String twin = error(yaml("niter", "[1]", "").replace("{method: enkf-n, members: 10}", "{method: enkf-n, sigma: 2}"));
        assertTrue(twin.startsWith("s.yaml: references[0].sigma: set by the point"), twin);
        String list = error(yaml("niter", "[1]", "").replace("{method: enkf-n, members: 10}", "{method: enkf-n, members: [10, 20]}"));
        assertTrue(list.startsWith("s.yaml: references[0].members: one value per reference"), list);
        String value = error(yaml("niter", "[1]", "").replace("{method: enkf-n, members: 10}", "{method: enkf-n, members: 1}"));
        assertTrue(value.startsWith("s.yaml: references[0]: members: enkf-n needs an ensemble of >= 2 members, got 1"), value);
        String unknown = error(yaml("niter", "[1]", "").replace("{method: enkf-n, members: 10}", "{method: enkf-n, membres: 10}"));
        assertTrue(unknown.startsWith("s.yaml: references[0]: unknown key 'membres' (did you mean 'members'?)"), unknown);
        String id = error(yaml("niter", "[1]", "").replace("id: var", "id: dan"));
        assertTrue(id.startsWith("s.yaml: references[1].id: 'dan' names the point's own network"), id);
        String base = error(yaml("niter", "[1]", "").replace("layers_per_block: 1}", "layers_per_blok: 1}"));
        assertTrue(base.startsWith("s.yaml: base: network: unknown key 'layers_per_blok'"), base);
        String missing = error("name: s\nbase: no/such.yaml\nparameter: niter\nvalues: [1]\nsteps: 3\n");
        assertEquals("s.yaml: base: no such training file no/such.yaml", missing);
        String noShort = assertThrows(IllegalArgumentException.class,
                () -> SweepParser.parse(yaml("niter", "[1]", ""), "s.yaml", true, 2)).getMessage();
        assertTrue(noShort.startsWith("s.yaml: short: --short needs a 'short' block"), noShort);
        String noSteps = error(yaml("niter", "[1]", "").replace("steps: 6\n", ""));
        assertEquals("s.yaml: steps: missing (required)", noSteps);
        String yamlError = error("name: s\nvalues: [1\n");
        assertTrue(yamlError.startsWith("s.yaml: invalid YAML at line"), yamlError);
    }

    static Stream<Path> shippedSweeps() throws IOException {
        return Files.list(Path.of("experiments")).filter(p -> p.getFileName().toString().startsWith("sweep-")).sorted();
    }

    /** Every shipped sweep file reads, in full and short form, with a budget far below the shipped network's. */
    @ParameterizedTest
    @MethodSource("shippedSweeps")
    void shippedSweepFilesRead(Path file) {
        SweepConfig full = SweepParser.read(file, false, 2);
        SweepConfig quick = SweepParser.read(file, true, 2);
        // a comparison at least (sweep-ne-5000 re-measures the two points of sweep-ne that differ most)
        assertTrue(full.points().size() >= 2, file + ": " + full.points().size() + " points");
        assertTrue(quick.points().size() <= 2, file + ": the short form is a quick check");
        for (SweepPoint p : full.points()) {
            assertTrue(p.training().training().steps() <= 5000, file + ": a point is far cheaper than the 30,000-step network");
            assertFalse(p.references().isEmpty(), file + ": classical references at each point");
        }
        assertEquals(file.getFileName().toString().replace(".yaml", ""), full.name());
    }
}
