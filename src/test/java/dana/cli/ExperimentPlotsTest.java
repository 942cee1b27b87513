package dana.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** An experiment with {@code plots}: a result against a run key, lines by series keys, tuned grids, divergence. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExperimentPlotsTest {

    private static final String YAML = """
            name: plotted
            defaults: {cycles: 150, burn_in: 30}
            seeds: [1, 2]
            runs:
              - {method: 3dvar, steps_per_cycle: [1, 2], alpha: [0.02, 0.2]}
              - {method: etkf, members: 2, obs: "every:4", divergence_factor: 1.2, steps_per_cycle: [1, 2]}
              - {method: enkf-n, members: [6, 10], steps_per_cycle: [1, 2]}
              - {method: ienks, members: 8, inflation: 1.05, lag: [1, 2], cycles: 100, burn_in: 20}
            plots:
              - {x: steps_per_cycle, series: [method], file: by-dt.png, title: "aRMSE against the time between analyses"}
              - {x: steps_per_cycle, series: [method, members], y: rmse_f, file: forecast.png, log_y: true}
              - {x: lag, file: by-lag.png}
              - {x: lag, y: rmse_s, file: smoothed.png}
            """;

    Path out;
    Cli.Result run;
    JsonNode summary;

    @BeforeAll
    void runIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plotted.yaml"), YAML);
        out = dir.resolve("out");
        run = Cli.run("experiment", file.toString(), "--out", out.toString(), "--threads", "2", "--quiet");
        summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    /** id -> mean of field over the seeds that did not diverge, from summary.json. */
    private Map<String, Double> configMeans(String field) {
        Map<String, Double> m = new HashMap<>();
        for (JsonNode c : summary.get("configurations")) m.put(c.get("id").asText(), c.get(field).isNull() ? Double.NaN : c.get(field).asDouble());
        return m;
    }

    /** summary.csv names the window of the smoother and its smoothed RMSE; a filter leaves those cells empty. */
    @Test
    void theSummaryCsvHasTheWindowAndTheSmoothedError() throws IOException {
        assertEquals(0, run.exit(), run.err());
        List<String> lines = Files.readAllLines(out.resolve("summary.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int id = header.indexOf("id"), lag = header.indexOf("lag"), shift = header.indexOf("shift"),
                iterations = header.indexOf("iterations"), rmseS = header.indexOf("rmse_s"), row = header.indexOf("row");
        assertTrue(lag > 0 && shift > 0 && iterations > 0 && rmseS > 0, header.toString());
        Map<String, Double> smoothed = configMeans("rmse_s");
        int seen = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            assertEquals(header.size(), c.length, line);
            if (c[id].startsWith("ienks")) {
                assertEquals(c[id].contains("-L2S1") ? "2" : "1", c[lag], line);
                assertEquals("1", c[shift], line);
                assertEquals("10", c[iterations], line);
                if (c[row].equals("mean")) assertEquals(smoothed.get(c[id]), Double.parseDouble(c[rmseS]), 1e-12, line);
                assertTrue(Double.parseDouble(c[rmseS]) > 0, line);
                seen++;
            } else if (c[id].startsWith("enkf-n")) {
                assertEquals("", c[lag] + c[shift] + c[iterations] + c[rmseS], line);
            }
        }
        assertEquals(2 * 2 + 2, seen, "2 ienks configurations x (2 seeds + the mean)");
    }

    @Test
    void eachPlotIsAPngWithItsNumbersBeside() throws IOException {
        assertEquals(0, run.exit(), run.err());
        for (String name : List.of("by-dt", "forecast", "by-lag")) {
            Path png = out.resolve("plots").resolve(name + ".png");
            byte[] b = Files.readAllBytes(png);
            assertTrue(b.length > 5000, name + " has content");
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(b, 4));
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(1000, img.getWidth());
            assertEquals(640, img.getHeight());
            assertTrue(Files.exists(out.resolve("plots").resolve(name + ".csv")));
        }
    }

    @Test
    void aTunedGridGivesItsBestConfigurationAndDivergedPointsHaveNoValue() throws IOException {
        List<String> rows = Files.readAllLines(out.resolve("plots").resolve("by-dt.csv"));
        assertEquals("line,steps_per_cycle,id,seeds,diverged,rmse_a_mean,rmse_a_min,rmse_a_max", rows.get(0));
        assertEquals(1 + 3 * 2 + 1, rows.size(), "3 lines x 2 values of x, and the ienks at 1: " + rows);
        Map<String, Double> rmse = configMeans("rmse_a");
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",", -1);
            String method = c[0];
            int spc = Integer.parseInt(c[1]);
            String suffix = spc == 1 ? "" : "-spc2";
            if (method.equals("3dvar")) {
                // the better alpha of the grid at this x, with its mean over the seeds
                String a = "3dvar-a0.02" + suffix, b = "3dvar-a0.2" + suffix;
                String best = rmse.get(a) <= rmse.get(b) ? a : b;
                assertEquals(best, c[2], row);
                assertEquals(rmse.get(best), Double.parseDouble(c[5]), 1e-12, row);
                assertTrue(Double.parseDouble(c[6]) <= Double.parseDouble(c[5]) && Double.parseDouble(c[5]) <= Double.parseDouble(c[7]), row);
            } else if (method.equals("etkf")) {
                assertEquals("2", c[4], "both seeds diverged: " + row);
                assertEquals("", c[5], "no value for a diverged point: " + row);
            } else if (method.equals("ienks")) {
                assertEquals(1, spc);
                String a = "ienks-ne8-i1.05-L1S1", b = "ienks-ne8-i1.05-L2S1";
                assertEquals(rmse.get(a) <= rmse.get(b) ? a : b, c[2], "the best of the lag grid: " + row);
            } else {
                assertEquals("enkf-n", method);
                String a = "enkf-n-ne6" + suffix, b = "enkf-n-ne10" + suffix;
                assertEquals(rmse.get(a) <= rmse.get(b) ? a : b, c[2], row);
            }
        }
        // the alpha grid matters at both x (else the choice above would not be tested)
        assertTrue(Math.abs(rmse.get("3dvar-a0.02") - rmse.get("3dvar-a0.2")) > 0.01);
    }

    @Test
    void seriesKeysSplitTheLines() throws IOException {
        List<String> rows = Files.readAllLines(out.resolve("plots").resolve("forecast.csv"));
        assertEquals("line,steps_per_cycle,id,seeds,diverged,rmse_f_mean,rmse_f_min,rmse_f_max", rows.get(0));
        List<String> lines = rows.subList(1, rows.size()).stream().map(r -> r.split(",")[0]).distinct().toList();
        assertEquals(List.of("3dvar members=1", "etkf members=2", "enkf-n members=6", "enkf-n members=10", "ienks members=8"), lines);
        Map<String, Double> rmseF = configMeans("rmse_f");
        String ne10 = rows.stream().filter(r -> r.startsWith("enkf-n members=10,2,")).findFirst().orElseThrow();
        assertEquals(rmseF.get("enkf-n-ne10-spc2"), Double.parseDouble(ne10.split(",")[5]), 1e-12);
    }

    @Test
    void methodsWithoutTheXKeyAreLevels() throws IOException {
        // against the window length the filters have no lag: each is one level, the best of its configurations
        List<String> rows = Files.readAllLines(out.resolve("plots").resolve("by-lag.csv"));
        Map<String, Double> rmse = configMeans("rmse_a");
        Map<String, String[]> byLine = new HashMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",", -1);
            if (c[1].isEmpty()) byLine.put(c[0], c);
        }
        assertEquals(java.util.Set.of("3dvar", "etkf", "enkf-n"), byLine.keySet(), rows.toString());
        String best3dvar = List.of("3dvar-a0.02", "3dvar-a0.2", "3dvar-a0.02-spc2", "3dvar-a0.2-spc2").stream()
                .min(java.util.Comparator.comparing(rmse::get)).orElseThrow();
        assertEquals(best3dvar, byLine.get("3dvar")[2]);
        assertEquals(rmse.get(best3dvar), Double.parseDouble(byLine.get("3dvar")[5]), 1e-12);
        assertEquals(2, rows.stream().filter(r -> r.startsWith("ienks,1,") || r.startsWith("ienks,2,")).count(), rows.toString());
    }

    @Test
    void configurationsWithoutTheResultAreLeftOut() throws IOException {
        // only the smoother has a smoothed estimate: the filters are neither lines nor levels
        List<String> rows = Files.readAllLines(out.resolve("plots").resolve("smoothed.csv"));
        assertEquals(List.of("ienks,1", "ienks,2"), rows.subList(1, rows.size()).stream()
                .map(r -> r.split(",")[0] + "," + r.split(",")[1]).toList());
        Map<String, Double> rmseS = configMeans("rmse_s");
        assertEquals(rmseS.get("ienks-ne8-i1.05-L2S1"), Double.parseDouble(rows.get(2).split(",")[5]), 1e-12);
    }

    @Test
    void theResolvedConfigKeepsThePlots() throws IOException {
        String resolved = Files.readString(out.resolve("config.resolved.yaml"));
        assertTrue(resolved.contains("file: by-dt.png") && resolved.contains("log_y: true"), resolved);
    }
}
