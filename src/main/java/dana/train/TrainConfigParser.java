package dana.train;

import dana.experiment.YamlInput;
import com.fasterxml.jackson.databind.JsonNode;
import dana.dan.DanVariant;
import dana.experiment.Keys;
import dana.experiment.ValueKind;
import dana.model.Lorenz96Params;
import dana.nn.Activation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads a training file (YAML, format in docs/dan.md) into a {@link TrainConfig}. Strict: an unknown key, a
 * value of the wrong type or out of range is an {@link IllegalArgumentException} whose one-line message names
 * the file and the field ({@code training.niter}). Absent keys take the defaults below, which are the issue's
 * standard network (Nf=40, Nb=5, Nsb=5, Ne=1) and the measured reference training set-up.
 */
public final class TrainConfigParser {

    static final List<String> TOP = List.of("name", "description", "model", "obs", "sigma", "network", "training",
            "validation", "checkpoint_every");
    static final List<String> MODEL = List.of("nx", "forcing", "dt", "steps_per_cycle");
    static final List<String> NETWORK = List.of("filters", "blocks", "layers_per_block", "kernel", "head_kernel",
            "activation", "head_init_scale", "variant", "members");
    static final List<String> TRAINING = List.of("pool", "batch", "niter", "steps", "minutes", "learning_rate", "clip",
            "reset_fraction", "init_sigma", "loss", "seed", "threads", "initial_weights");
    static final List<String> LEARNING_RATE = List.of("peak", "warmup", "floor");
    static final List<String> VALIDATION = List.of("every", "cycles", "burn_in", "seeds", "nx");

    private TrainConfigParser() {
    }

    public static TrainConfig read(Path file) {
        String text = YamlInput.read(file, "training");
        return parse(text, file.toString());
    }

    /** @param source the file's name, for messages */
    public static TrainConfig parse(String yaml, String source) {
        try {
            return fromTree(YamlInput.tree(yaml));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static TrainConfig fromTree(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull() || !root.isObject()) {
            throw new IllegalArgumentException("expected a mapping with keys " + String.join(", ", TOP));
        }
        Keys.check(root, TOP, "");
        Section top = new Section(root, "");
        String name = top.text("name", null);
        if (name == null) throw new IllegalArgumentException("name: missing (required)");
        Section m = top.section("model", MODEL);
        List<Integer> sizes = m.sizes("nx", 40);
        Section v = top.section("validation", VALIDATION);
        Integer validationNx = v.has("nx") ? v.integer("nx", 0) : null;
        if (validationNx == null && sizes.size() > 1) {
            throw new IllegalArgumentException("validation.nx: needed when model.nx is a list (the grid size the "
                    + "validation runs at, e.g. validation: {nx: 40})");
        }
        Lorenz96Params model;
        try {
            model = new Lorenz96Params(validationNx != null ? validationNx : sizes.get(0), m.number("forcing", 8.0),
                    m.number("dt", 0.05), m.integer("steps_per_cycle", 1));
        } catch (IllegalArgumentException e) {
            // "nx must be >= 4 ..." -> "model.nx: must be >= 4 ..." (or validation.nx when that one is wrong)
            String msg = e.getMessage().replace("steps-per-cycle", "steps_per_cycle");
            int space = msg.indexOf(' ');
            String field = msg.substring(0, space);
            String section = field.equals("nx") && validationNx != null ? "validation." : "model.";
            throw new IllegalArgumentException(section + field + ":" + msg.substring(space), e);
        }
        String obs = top.text("obs", "identity").trim();
        double sigma = top.number("sigma", 1.0);
        Section n = top.section("network", NETWORK);
        DanVariant variant = DanVariant.parse(n.text("variant", DanVariant.FULL.cliName()), "network.variant");
        Activation activation = activation(n.text("activation", variant.linear() ? "identity" : "gelu"));
        NetworkSpec network = new NetworkSpec(n.integer("filters", 40), n.integer("blocks", 5),
                n.integer("layers_per_block", 5), n.integer("kernel", 5), n.integer("head_kernel", 5), activation,
                n.number("head_init_scale", 0.01), variant, n.integer("members", 1));
        Section t = top.section("training", TRAINING);
        Section lr = t.section("learning_rate", LEARNING_RATE);
        LearningRate rate = new LearningRate(lr.number("peak", 1e-3), lr.whole("warmup", 100), lr.number("floor", 1e-5));
        TrainingSpec training = new TrainingSpec(t.integer("pool", 4096), t.integer("batch", 128), t.integer("niter", 10),
                t.whole("steps", 0), t.number("minutes", 0), rate, t.number("clip", 1.0),
                t.number("reset_fraction", 0.01), t.number("init_sigma", 1.0),
                LossKind.parse(t.text("loss", LossKind.SUPERVISED.cliName()), "training.loss"), t.whole("seed", 1),
                t.integer("threads", 2), t.text("initial_weights", null));
        ValidationSpec validation = new ValidationSpec(v.integer("every", 100), v.integer("cycles", 2500),
                v.integer("burn_in", 500), v.seeds("seeds", List.of(101L, 102L)));
        return new TrainConfig(name, model, sizes, obs, sigma, network, training, validation,
                top.integer("checkpoint_every", 100));
    }

    private static Activation activation(String name) {
        try {
            return Activation.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("network.activation: unknown activation '" + name + "'; allowed: "
                    + Arrays.stream(Activation.values()).map(a -> a.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    /** A mapping of the file with its dotted path, reading typed values with defaults. */
    private record Section(JsonNode node, String path) {

        private String at(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private JsonNode get(String key) {
            return node == null ? null : node.get(key);
        }

        Section section(String key, List<String> allowed) {
            JsonNode n = get(key);
            if (n == null || n.isNull()) return new Section(null, at(key));
            if (!n.isObject()) throw new IllegalArgumentException(at(key) + ": expected a mapping with keys " + String.join(", ", allowed));
            Keys.check(n, allowed, at(key));
            return new Section(n, at(key));
        }

        String text(String key, String dflt) {
            JsonNode n = get(key);
            return n == null ? dflt : (String) ValueKind.TEXT.convert(n, at(key));
        }

        double number(String key, double dflt) {
            JsonNode n = get(key);
            return n == null ? dflt : (Double) ValueKind.NUMBER.convert(n, at(key));
        }

        int integer(String key, int dflt) {
            JsonNode n = get(key);
            return n == null ? dflt : (Integer) ValueKind.INT.convert(n, at(key));
        }

        long whole(String key, long dflt) {
            JsonNode n = get(key);
            return n == null ? dflt : (Long) ValueKind.LONG.convert(n, at(key));
        }

        boolean has(String key) {
            return get(key) != null;
        }

        /**
         * One grid size or a list of them; the checks of the sizes themselves (>= 4, distinct) are the
         * config's, an empty list is refused here.
         */
        List<Integer> sizes(String key, int dflt) {
            JsonNode n = get(key);
            if (n == null) return List.of(dflt);
            if (!n.isArray()) return List.of((Integer) ValueKind.INT.convert(n, at(key)));
            if (n.isEmpty()) {
                throw new IllegalArgumentException(at(key) + ": needs at least one grid size, got an empty list");
            }
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) out.add((Integer) ValueKind.INT.convert(n.get(i), at(key) + "[" + i + "]"));
            return out;
        }

        List<Long> seeds(String key, List<Long> dflt) {
            JsonNode n = get(key);
            if (n == null) return dflt;
            List<Long> out = new ArrayList<>();
            if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) out.add((Long) ValueKind.LONG.convert(n.get(i), at(key) + "[" + i + "]"));
            } else {
                out.add((Long) ValueKind.LONG.convert(n, at(key)));
            }
            return out;
        }
    }
}
