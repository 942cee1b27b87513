package dana.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link TrainConfig} with every key explicit, as a map in file order and as YAML in the training-file format:
 * written beside the results and into the network's metadata, and compared on {@code --resume}.
 */
public final class TrainConfigYaml {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private TrainConfigYaml() {
    }

    public static Map<String, Object> values(TrainConfig c) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", c.name());
        Map<String, Object> model = new LinkedHashMap<>();
        // one grid size is written as a number, as before lists existed: a resolved file stays what it was
        model.put("nx", c.multipleSizes() ? c.nx() : c.nx().get(0));
        model.put("forcing", c.model().forcing());
        model.put("dt", c.model().dt());
        model.put("steps_per_cycle", c.model().stepsPerCycle());
        root.put("model", model);
        root.put("obs", c.obs());
        root.put("sigma", c.sigma());
        NetworkSpec n = c.network();
        Map<String, Object> net = new LinkedHashMap<>();
        net.put("filters", n.filters());
        net.put("blocks", n.blocks());
        net.put("layers_per_block", n.layersPerBlock());
        net.put("kernel", n.kernel());
        net.put("head_kernel", n.headKernel());
        net.put("activation", n.activation().name().toLowerCase(Locale.ROOT));
        net.put("head_init_scale", n.headInitScale());
        net.put("variant", n.variant().cliName());
        net.put("members", n.members());
        root.put("network", net);
        TrainingSpec t = c.training();
        Map<String, Object> tr = new LinkedHashMap<>();
        tr.put("pool", t.pool());
        tr.put("batch", t.batch());
        tr.put("niter", t.niter());
        if (t.timed()) tr.put("minutes", t.minutes()); else tr.put("steps", t.steps());
        Map<String, Object> lr = new LinkedHashMap<>();
        lr.put("peak", t.learningRate().peak());
        lr.put("warmup", t.learningRate().warmup());
        lr.put("floor", t.learningRate().floor());
        tr.put("learning_rate", lr);
        tr.put("clip", t.clip());
        tr.put("reset_fraction", t.resetFraction());
        tr.put("init_sigma", t.initSigma());
        tr.put("loss", t.loss().cliName());
        tr.put("seed", t.seed());
        tr.put("threads", t.threads());
        if (t.initialWeights() != null) tr.put("initial_weights", t.initialWeights());
        root.put("training", tr);
        ValidationSpec v = c.validation();
        Map<String, Object> val = new LinkedHashMap<>();
        val.put("every", v.every());
        val.put("cycles", v.cycles());
        val.put("burn_in", v.burnIn());
        val.put("seeds", v.seeds());
        if (c.multipleSizes() || c.model().nx() != c.nx().get(0)) val.put("nx", c.model().nx());
        root.put("validation", val);
        root.put("checkpoint_every", c.checkpointEvery());
        return root;
    }

    /** @param header comment lines (without '#') written at the top */
    public static String render(TrainConfig c, List<String> header) {
        StringBuilder sb = new StringBuilder();
        for (String h : header) sb.append("# ").append(h).append('\n');
        try {
            sb.append(YAML.writeValueAsString(values(c)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML: " + e.getOriginalMessage(), e);
        }
        return sb.toString();
    }

    /**
     * The first setting that differs between two configs, as {@code training.batch: 128 -> 256}, or null when
     * they are equal in everything that affects the result: neither the thread count nor the name does (the name
     * only labels the files), so a renamed file resumes its run and a sweep point can take a network trained
     * under another name.
     */
    public static String firstDifference(TrainConfig was, TrainConfig now) {
        return difference("", values(was), values(now));
    }

    @SuppressWarnings("unchecked")
    private static String difference(String path, Map<String, Object> a, Map<String, Object> b) {
        for (String key : a.keySet()) {
            String at = path.isEmpty() ? key : path + "." + key;
            if (at.equals("training.threads") || at.equals("name")) continue;
            Object x = a.get(key), y = b.get(key);
            if (x instanceof Map && y instanceof Map) {
                String d = difference(at, (Map<String, Object>) x, (Map<String, Object>) y);
                if (d != null) return d;
            } else if (!Objects.equals(x, y)) {
                return at + ": " + (x == null ? "(absent)" : x) + " -> " + (y == null ? "(absent)" : y);
            }
        }
        for (String key : b.keySet()) {
            if (!a.containsKey(key)) return (path.isEmpty() ? key : path + "." + key) + ": (absent) -> " + b.get(key);
        }
        return null;
    }
}
