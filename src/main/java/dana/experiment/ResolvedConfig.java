package dana.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * config.resolved.yaml: the experiment as it ran, every run with every key explicit (defaults, grid and
 * --short applied), in the experiment-file format, so that {@code dana experiment config.resolved.yaml}
 * repeats it exactly.
 */
public final class ResolvedConfig {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private ResolvedConfig() {
    }

    /** @param header comment lines (without '#') written at the top */
    public static String render(ExperimentConfig c, List<String> header) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", c.name());
        if (!c.description().isEmpty()) root.put("description", c.description());
        root.put("seeds", c.seeds());
        List<Object> runs = new ArrayList<>();
        for (RunConfig r : c.runs()) {
            Map<String, Object> v = new LinkedHashMap<>(r.values());
            // YAML has no portable spelling of infinity that every reader agrees on; the parser reads "inf"
            v.replaceAll((k, x) -> x instanceof Double d && Double.isInfinite(d) ? RunIds.compact(d) : x);
            runs.add(v);
        }
        root.put("runs", runs);
        if (!c.expectations().isEmpty()) {
            List<Object> expect = new ArrayList<>();
            for (Expectation e : c.expectations()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("match", e.match());
                if (e.rmseA() != null) x.put("rmse_a", e.rmseA().text());
                if (e.reference() != null) x.put("reference", e.reference());
                if (e.source() != null) x.put("source", e.source());
                x.put("of", e.bestOnly() ? "best" : "each");
                if (e.relativeTo() != null) x.put("relative_to", e.relativeTo());
                expect.add(x);
            }
            root.put("expect", expect);
        }
        if (!c.plots().isEmpty()) {
            List<Object> plots = new ArrayList<>();
            for (PlotSpec p : c.plots()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("x", p.x());
                x.put("series", p.series());
                x.put("y", p.y());
                x.put("file", p.file());
                if (p.title() != null) x.put("title", p.title());
                x.put("log_x", p.logX());
                x.put("log_y", p.logY());
                plots.add(x);
            }
            root.put("plots", plots);
        }
        StringBuilder sb = new StringBuilder();
        for (String h : header) sb.append("# ").append(h).append('\n');
        try {
            sb.append(YAML.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML: " + e.getOriginalMessage(), e);
        }
        return sb.toString();
    }
}
