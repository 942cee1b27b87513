package dana.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An expectation on the ratio of two configurations' aRMSE: the measured ratio, the verdict, the table. */
class RelativeExpectationTest {

    @Test
    void theRatioIsMeasuredCheckedAndShown(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("r.yaml"), """
                name: r
                defaults: {cycles: 320, burn_in: 20}
                seeds: [3]
                runs:
                  - {method: 3dvar, alpha: [0.02, 0.03], nx: [20, 40]}
                expect:
                  - {match: {alpha: 0.02, nx: 20}, rmse_a: "<= 100", relative_to: {alpha: 0.02, nx: 40}}
                  - {match: {alpha: 0.03, nx: 20}, rmse_a: "<= 0.01", relative_to: {alpha: 0.03, nx: 40}}
                """);
        Cli.Result r = Cli.run("experiment", file.toString(), "--out", tmp.resolve("out").toString(), "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        JsonNode configs = new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile()).get("configurations");
        // grid order: alpha slowest, then nx: [a0.02 nx20, a0.02 nx40, a0.03 nx20, a0.03 nx40]
        for (int i : new int[] {0, 2}) {
            JsonNode c = configs.get(i), base = configs.get(i + 1);
            assertEquals(20, c.get("model").get("nx").asInt());
            assertEquals(40, base.get("model").get("nx").asInt());
            double ratio = c.get("rmse_a").asDouble() / base.get("rmse_a").asDouble();
            assertEquals(ratio, c.get("expected").get("ratio").asDouble(), 0.0);
            assertEquals(i == 0 ? "ok" : "MISS", c.get("expected").get("check").asText());
            assertEquals(40, c.get("expected").get("relative_to").get("nx").asInt());
        }
        String row = r.out().lines().filter(l -> l.startsWith(configs.get(2).get("id").asText() + " ")).findFirst().orElseThrow();
        assertTrue(row.contains("<= 0.01 x [nx=40]") && row.endsWith("MISS"), row);
    }
}
