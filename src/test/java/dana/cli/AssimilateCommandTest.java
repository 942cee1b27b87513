package dana.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssimilateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SHORT_ETKF = {"assimilate", "--method", "etkf", "--members", "20", "--inflation", "1.02",
        "--cycles", "300", "--burn-in", "50", "--seed", "7", "--json"};

    /** Parses stdout, failing unless it is exactly one JSON object (plus white space). */
    static JsonNode singleObject(String out) throws IOException {
        try (JsonParser p = JSON.createParser(out)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken(), "stdout starts with a JSON object: " + out);
            JsonNode node = JSON.readTree(p);
            assertNull(p.nextToken(), "nothing after the object: " + out);
            return node;
        }
    }

    @Test
    void jsonIsExactlyOneObjectWithTheRequiredKeys() throws IOException {
        Cli.Result r = Cli.run(SHORT_ETKF);
        assertEquals(0, r.exit(), r.err());
        JsonNode j = singleObject(r.out());
        for (String key : List.of("method", "rmse_a", "rmse_f", "spread_a", "cycles", "burn_in", "seconds",
                "cycles_per_second", "diverged", "rmse_a_se", "spread_f", "diverged_at_cycle", "seed", "parameters",
                "model", "obs", "sigma")) {
            assertTrue(j.has(key), "key " + key + " in " + j);
        }
        assertEquals("etkf", j.get("method").asText());
        assertEquals(20, j.get("parameters").get("members").asInt());
        assertEquals(40, j.get("model").get("nx").asInt());
        assertEquals(300, j.get("cycles").asInt());
        assertFalse(j.get("diverged").asBoolean());
        double rmse = j.get("rmse_a").asDouble();
        assertTrue(rmse > 0.1 && rmse < 0.5, "a working ETKF on the standard set-up: " + rmse);
        assertEquals("", r.err(), "no progress or notes when stderr is not a terminal");
    }

    @Test
    void sameSeedGivesByteIdenticalJsonAtOneAndTwoThreadsExceptTiming() {
        Cli.Result one = Cli.run(concat(SHORT_ETKF, "--threads", "1"));
        Cli.Result two = Cli.run(concat(SHORT_ETKF, "--threads", "2"));
        assertEquals(0, one.exit(), one.err());
        assertEquals(0, two.exit(), two.err());
        assertEquals(Cli.withoutTiming(one.out()), Cli.withoutTiming(two.out()));
        // the comparison is not vacuous: another seed changes the numbers
        Cli.Result other = Cli.run(concat(SHORT_ETKF, "--seed", "8"));
        assertNotEquals(Cli.withoutTiming(one.out()), Cli.withoutTiming(other.out()));
    }

    @Test
    void tableIsTheDefaultOutput() {
        Cli.Result r = Cli.run("assimilate", "--method", "3dvar", "--cycles", "200", "--burn-in", "20");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("rmse_a") && r.out().contains("3dvar alpha=0.02"), r.out());
        assertFalse(r.out().trim().startsWith("{"));
    }

    @Test
    void aFilterThatLosesTheTruthIsReportedAsDivergedNeverAsNaN() throws IOException {
        // two members without inflation observing every 4th variable lose the truth within ~50 cycles; the
        // divergence factor 1.2 (1.2 climatological standard deviations) flags it, as the default 3 would not
        String[] args = {"assimilate", "--method", "etkf", "--members", "2", "--obs", "every:4", "--cycles", "400",
            "--burn-in", "50", "--divergence-factor", "1.2"};
        Cli.Result json = Cli.run(concat(args, "--json"));
        assertEquals(0, json.exit(), json.err());
        JsonNode j = singleObject(json.out());
        assertTrue(j.get("diverged").asBoolean(), json.out());
        assertTrue(j.get("diverged_at_cycle").asInt() > 0, json.out());
        for (String key : List.of("rmse_a", "rmse_a_se", "rmse_f", "spread_a", "spread_f")) {
            assertTrue(j.get(key).isNull(), key + " is null when diverged: " + json.out());
        }
        assertFalse(json.out().contains("NaN"));
        Cli.Result table = Cli.run(args);
        assertTrue(table.out().contains("diverged   true, at cycle " + j.get("diverged_at_cycle").asInt()), table.out());
        assertFalse(table.out().contains("NaN"), table.out());
    }

    @Test
    void aForecastThatBlowsUpIsADivergenceNotACrash() throws IOException {
        // RK4 with dt = 0.3 is unstable on Lorenz-96: the first forecasts are not finite; the windowed methods
        // run the model inside their step and must stop there too
        for (String[] method : List.of(new String[] {"--method", "etkf", "--members", "5"},
                new String[] {"--method", "ienks", "--members", "5", "--lag", "2"},
                new String[] {"--method", "4dvar", "--lag", "2"})) {
            Cli.Result r = Cli.run(concat(concat(new String[] {"assimilate"}, method), "--dt", "0.3", "--cycles", "50",
                    "--burn-in", "5", "--json"));
            assertEquals(0, r.exit(), r.err());
            JsonNode j = singleObject(r.out());
            assertTrue(j.get("diverged").asBoolean(), r.out());
            assertTrue(j.get("rmse_a").isNull(), r.out());
        }
    }

    @Test
    void fourDVarTakesItsWindowAndIterationOptionsAndReportsTheSameKeys() throws IOException {
        Cli.Result r = Cli.run("assimilate", "--method", "4dvar", "--lag", "3", "--shift", "1", "--steps-per-cycle", "2",
                "--alpha", "0.01", "--iterations", "3", "--inner-iterations", "20", "--tolerance", "1e-3",
                "--cycles", "200", "--burn-in", "50", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = singleObject(r.out());
        for (String key : List.of("method", "rmse_a", "rmse_f", "spread_a", "cycles", "burn_in", "seconds",
                "cycles_per_second", "diverged", "rmse_s")) {
            assertTrue(j.has(key), "key " + key + " in " + j);
        }
        assertEquals("4dvar", j.get("method").asText());
        JsonNode p = j.get("parameters");
        assertEquals(0.01, p.get("alpha").asDouble());
        assertEquals(3, p.get("lag").asInt());
        assertEquals(1, p.get("shift").asInt());
        assertEquals(3, p.get("iterations").asInt());
        assertEquals(20, p.get("inner_iterations").asInt());
        assertEquals(1e-3, p.get("tolerance").asDouble());
        assertFalse(j.get("diverged").asBoolean());
        double a = j.get("rmse_a").asDouble(), f = j.get("rmse_f").asDouble(), s = j.get("rmse_s").asDouble();
        assertTrue(a > 0.1 && a < 0.6, "a working 4D-Var at dt 0.1: " + a);
        assertTrue(s < a && a < f, "smoothed " + s + " < analysis " + a + " < forecast " + f);
        assertEquals(0.0, j.get("spread_a").asDouble(), "one state, no spread");
        Cli.Result table = Cli.run("assimilate", "--method", "4dvar", "--lag", "2", "--cycles", "60", "--burn-in", "10");
        assertTrue(table.out().contains("4dvar alpha=0.02 lag=2 shift=1 iterations=10 inner_iterations=50"), table.out());
        assertTrue(table.out().contains("rmse_s"), table.out());
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
