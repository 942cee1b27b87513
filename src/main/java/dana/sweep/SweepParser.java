package dana.sweep;

import dana.experiment.YamlInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dana.experiment.ExperimentConfig;
import dana.experiment.ExperimentParser;
import dana.experiment.Json;
import dana.experiment.Keys;
import dana.experiment.RunConfig;
import dana.experiment.ValueKind;
import dana.train.TrainConfig;
import dana.train.TrainConfigParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a sweep file (YAML; the format is in docs/sweeps.md) into a {@link SweepConfig}. Everything is checked
 * before anything runs: every point's training file (the base, the overrides, the budget and the value, each
 * read by the training file's own rules) and every point's classical references (read by the experiment file's
 * rules, on the point's twin). Errors are one line naming the file and the place ({@code values[2]},
 * {@code references[0].members}).
 */
public final class SweepParser {

    static final List<String> TOP = List.of("name", "description", "base", "overrides", "parameter", "values", "steps",
            "evaluation", "references", "threads_per_point", "short");
    static final List<String> EVALUATION = List.of("cycles", "burn_in", "seeds");
    static final List<String> SHORT = List.of("values", "steps", "cycles", "burn_in", "seeds");
    /**
     * What a reference may set: its method and parameters. The twin (model, observations, sigma) and the length
     * are the point's, so that the references see exactly the network's experiment.
     */
    static final List<String> REFERENCE = List.of("id", "method", "members", "inflation", "rotate", "radius", "alpha",
            "variant", "network", "lag", "shift", "iterations", "tolerance", "form", "epsilon", "mda", "init_spread",
            "divergence_factor");
    static final List<String> TWIN = List.of("nx", "forcing", "dt", "steps_per_cycle", "obs", "sigma", "cycles",
            "burn_in", "spin_up");

    static final Evaluation DEFAULT_EVALUATION = new Evaluation(11_000, 1_000, List.of(1L, 2L, 3L));

    private SweepParser() {
    }

    /**
     * @param totalThreads the threads the whole sweep may use: a point trains on min(threads_per_point, total)
     */
    public static SweepConfig read(Path file, boolean shortMode, int totalThreads) {
        String text = YamlInput.read(file, "sweep");
        return parse(text, file.toString(), shortMode, totalThreads);
    }

    public static SweepConfig parse(String yaml, String source, boolean shortMode, int totalThreads) {
        if (totalThreads < 1) throw new IllegalArgumentException("threads: must be >= 1, got " + totalThreads);
        try {
            return fromTree(YamlInput.tree(yaml), shortMode, totalThreads);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static SweepConfig fromTree(JsonNode root, boolean shortMode, int totalThreads) {
        if (root == null || root.isMissingNode() || root.isNull() || !root.isObject()) {
            throw new IllegalArgumentException("expected a mapping with keys " + String.join(", ", TOP));
        }
        Keys.check(root, TOP, "");
        String name = (String) ValueKind.TEXT.convert(required(root, "name"), "name");
        String description = root.has("description") ? (String) ValueKind.TEXT.convert(root.get("description"), "description") : "";
        SweepParameter parameter = SweepParameter.parse((String) ValueKind.TEXT.convert(required(root, "parameter"), "parameter"), "parameter");
        List<SweepValue> values = values(required(root, "values"), "values", parameter);
        Long steps = null;
        if (parameter == SweepParameter.STEPS) {
            if (root.has("steps")) throw new IllegalArgumentException("steps: the swept parameter is the budget itself; leave 'steps' out");
        } else {
            steps = positive(required(root, "steps"), "steps", "the training budget of every point, in steps");
        }
        Evaluation evaluation = evaluation(root.get("evaluation"));
        int threadsPerPoint = root.has("threads_per_point")
                ? (Integer) ValueKind.INT.convert(root.get("threads_per_point"), "threads_per_point") : 1;
        if (threadsPerPoint < 1 || threadsPerPoint > 256) {
            throw new IllegalArgumentException("threads_per_point: must be in [1, 256], got " + threadsPerPoint);
        }
        if (shortMode) {
            JsonNode s = root.get("short");
            if (s == null || s.isNull()) {
                throw new IllegalArgumentException("short: --short needs a 'short' block in the file (keys: " + String.join(", ", SHORT) + ")");
            }
            if (!s.isObject()) throw new IllegalArgumentException("short: expected a mapping with keys " + String.join(", ", SHORT));
            Keys.check(s, SHORT, "short");
            if (s.has("values")) values = values(s.get("values"), "short.values", parameter);
            if (s.has("steps")) {
                if (parameter == SweepParameter.STEPS) throw new IllegalArgumentException("short.steps: the swept parameter is the budget itself; shorten short.values instead");
                steps = positive(s.get("steps"), "short.steps", "the training budget of every point, in steps");
            }
            evaluation = new Evaluation(
                    s.has("cycles") ? (Integer) ValueKind.INT.convert(s.get("cycles"), "short.cycles") : evaluation.cycles(),
                    s.has("burn_in") ? (Integer) ValueKind.INT.convert(s.get("burn_in"), "short.burn_in") : evaluation.burnIn(),
                    s.has("seeds") ? seeds(s.get("seeds"), "short.seeds") : evaluation.seeds());
        } else if (root.has("short")) {
            JsonNode s = root.get("short");
            if (!s.isObject()) throw new IllegalArgumentException("short: expected a mapping with keys " + String.join(", ", SHORT));
            Keys.check(s, SHORT, "short");
        }

        // the base, then the overrides, then the budget and the threads; each stage read on its own, so that an
        // error names the stage it comes from
        String baseWhere = "base";
        ObjectNode tree = base(required(root, "base"));
        if (root.path("base").isTextual()) baseWhere = "base " + root.get("base").asText().trim();
        int threads = Math.min(threadsPerPoint, totalThreads);
        tree.put("name", name);   // each point gets its own name below; the base's does not matter
        setBudget(tree, steps, threads);
        training(tree, baseWhere);
        if (root.has("overrides")) {
            JsonNode o = root.get("overrides");
            if (!o.isObject()) throw new IllegalArgumentException("overrides: expected a mapping of training-file settings, e.g. {validation: {every: 500}}");
            for (String budget : List.of("steps", "minutes", "threads")) {
                if (o.path("training").has(budget)) {
                    throw new IllegalArgumentException("overrides.training." + budget + ": set by the sweep ("
                            + (budget.equals("threads") ? "threads_per_point and --threads" : "its 'steps'") + ")");
                }
            }
            merge(tree, o);
            setBudget(tree, steps, threads);
        }
        TrainConfig base = training(tree.deepCopy(), "overrides");

        List<JsonNode> references = references(root.get("references"));
        List<String> ids = referenceIds(references, base, evaluation);
        List<SweepPoint> points = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            SweepValue v = values.get(i);
            String where = "values[" + i + "] (" + parameter.key + "=" + v.text() + ")";
            ObjectNode t = tree.deepCopy();
            t.put("name", pointName(name, parameter, v));
            parameter.apply(t, v.number());
            TrainConfig training = training(t, where);
            List<RunConfig> refs = references.isEmpty() ? List.of()
                    : referenceRuns(references, ids, training, evaluation, " at " + parameter.key + "=" + v.text());
            points.add(new SweepPoint(parameter, v, training, refs, evaluation));
        }
        return new SweepConfig(name, description, base, parameter, points, steps == null ? 0 : steps, evaluation,
                threadsPerPoint, shortMode);
    }

    static String pointName(String sweep, SweepParameter p, SweepValue v) {
        return sweep + "-" + p.key + "-" + v.text();
    }

    private static JsonNode required(JsonNode mapping, String key) {
        JsonNode n = mapping.get(key);
        if (n == null || n.isNull()) throw new IllegalArgumentException(key + ": missing (required)");
        return n;
    }

    private static long positive(JsonNode n, String where, String what) {
        long v = (Long) ValueKind.LONG.convert(n, where);
        if (v < 1) throw new IllegalArgumentException(where + ": " + what + "; must be >= 1, got " + v);
        return v;
    }

    private static List<SweepValue> values(JsonNode n, String where, SweepParameter p) {
        if (!n.isArray() || n.isEmpty()) {
            throw new IllegalArgumentException(where + ": expected a non-empty list of values of " + p.key + ", e.g. [1, 2, 4, 8]");
        }
        List<SweepValue> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n.size(); i++) {
            SweepValue v = SweepValue.of((Number) p.kind.convert(n.get(i), where + "[" + i + "]"));
            if (!seen.add(v.text())) throw new IllegalArgumentException(where + "[" + i + "]: " + v.text() + " is given twice");
            out.add(v);
        }
        return out;
    }

    private static Evaluation evaluation(JsonNode n) {
        if (n == null || n.isNull()) return DEFAULT_EVALUATION;
        if (!n.isObject()) throw new IllegalArgumentException("evaluation: expected a mapping with keys " + String.join(", ", EVALUATION));
        Keys.check(n, EVALUATION, "evaluation");
        Evaluation d = DEFAULT_EVALUATION;
        return new Evaluation(
                n.has("cycles") ? (Integer) ValueKind.INT.convert(n.get("cycles"), "evaluation.cycles") : d.cycles(),
                n.has("burn_in") ? (Integer) ValueKind.INT.convert(n.get("burn_in"), "evaluation.burn_in") : d.burnIn(),
                n.has("seeds") ? seeds(n.get("seeds"), "evaluation.seeds") : d.seeds());
    }

    private static List<Long> seeds(JsonNode n, String where) {
        List<Long> out = new ArrayList<>();
        if (n.isArray()) {
            if (n.isEmpty()) throw new IllegalArgumentException(where + ": expected a non-empty list of whole numbers");
            for (int i = 0; i < n.size(); i++) out.add((Long) ValueKind.LONG.convert(n.get(i), where + "[" + i + "]"));
        } else {
            out.add((Long) ValueKind.LONG.convert(n, where));
        }
        if (new HashSet<>(out).size() != out.size()) throw new IllegalArgumentException(where + ": seeds must be distinct, got " + out);
        return out;
    }

    /** The base training file: a path (relative to the working directory) or the file's content inline. */
    private static ObjectNode base(JsonNode n) {
        if (n.isTextual()) {
            Path file = Path.of(n.asText().trim());
            String text;
            try {
                text = Files.readString(file);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("base: no such training file " + file);
            } catch (IOException e) {
                throw new IllegalArgumentException("base: cannot read the training file " + file + " (" + e.getMessage() + ")");
            }
            JsonNode t;
            try {
                t = YamlInput.tree(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("base " + file + ": " + e.getMessage(), e);
            }
            if (t == null || !t.isObject()) throw new IllegalArgumentException("base " + file + ": expected a training file (a mapping)");
            return (ObjectNode) t;
        }
        if (n.isObject()) return ((ObjectNode) n).deepCopy();
        throw new IllegalArgumentException("base: expected the path of a training file or a training file inline (a mapping)");
    }

    private static void setBudget(ObjectNode tree, Long steps, int threads) {
        ObjectNode t = tree.withObjectProperty("training");
        if (steps != null) {
            t.remove("minutes");
            t.put("steps", steps);
        }
        t.put("threads", threads);
    }

    /** Overrides replace the base's values key by key, recursively into mappings. */
    static void merge(ObjectNode target, JsonNode overrides) {
        for (Map.Entry<String, JsonNode> f : overrides.properties()) {
            JsonNode old = target.get(f.getKey());
            if (old != null && old.isObject() && f.getValue().isObject()) {
                merge((ObjectNode) old, f.getValue());
            } else {
                target.set(f.getKey(), f.getValue().deepCopy());
            }
        }
    }

    /** Reads a training file's tree by the training file's rules (JSON is YAML, so its parser reads it). */
    private static TrainConfig training(ObjectNode tree, String where) {
        return TrainConfigParser.parse(Json.compact(tree), where);
    }

    private static List<JsonNode> references(JsonNode n) {
        if (n == null || n.isNull()) return List.of();
        if (!n.isArray()) throw new IllegalArgumentException("references: expected a list of runs, e.g. - {method: enkf-n, members: 20}");
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            String where = "references[" + i + "]";
            JsonNode e = n.get(i);
            if (!e.isObject()) throw new IllegalArgumentException(where + ": expected a mapping of run settings, e.g. {method: enkf-n, members: 20}");
            for (Map.Entry<String, JsonNode> f : e.properties()) {
                if (TWIN.contains(f.getKey())) {
                    throw new IllegalArgumentException(where + "." + f.getKey() + ": set by the point (the references run on "
                            + "the network's twin experiment and the sweep's evaluation); allowed: " + String.join(", ", REFERENCE));
                }
            }
            Keys.check(e, REFERENCE, where);
            for (Map.Entry<String, JsonNode> f : e.properties()) {
                if (f.getValue().isArray()) {
                    throw new IllegalArgumentException(where + "." + f.getKey() + ": one value per reference; list several references for several values");
                }
            }
            if (e.has("id") && SweepPoint.NETWORK_ID.equals(e.get("id").asText().trim())) {
                throw new IllegalArgumentException(where + ".id: '" + SweepPoint.NETWORK_ID + "' names the point's own network; choose another id");
            }
            out.add(e);
        }
        return out;
    }

    /**
     * The references' ids, the same at every point: as given, or the automatic id of the run on the base's twin
     * (an automatic id at a point would carry that point's sigma or observations and change along the sweep).
     */
    private static List<String> referenceIds(List<JsonNode> references, TrainConfig base, Evaluation evaluation) {
        if (references.isEmpty()) return List.of();
        List<RunConfig> runs = referenceRuns(references, null, base, evaluation, "");
        return runs.stream().map(RunConfig::id).toList();
    }

    /** The references resolved on {@code twin}'s experiment, read by the experiment file's rules. */
    private static List<RunConfig> referenceRuns(List<JsonNode> references, List<String> ids, TrainConfig twin,
                                                 Evaluation evaluation, String at) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode exp = f.objectNode();
        exp.put("name", "references");
        ObjectNode d = exp.putObject("defaults");
        d.put("nx", twin.model().nx());
        d.put("forcing", twin.model().forcing());
        d.put("dt", twin.model().dt());
        d.put("steps_per_cycle", twin.model().stepsPerCycle());
        d.put("obs", twin.obs());
        d.put("sigma", twin.sigma());
        d.put("cycles", evaluation.cycles());
        d.put("burn_in", evaluation.burnIn());
        ArrayNode seeds = exp.putArray("seeds");
        evaluation.seeds().forEach(seeds::add);
        ArrayNode runs = exp.putArray("runs");
        for (int i = 0; i < references.size(); i++) {
            ObjectNode r = references.get(i).deepCopy();
            if (ids != null) r.put("id", ids.get(i));
            runs.add(r);
        }
        ExperimentConfig c;
        try {
            c = ExperimentParser.parse(Json.compact(exp), "references", false);
        } catch (IllegalArgumentException e) {
            // the experiment's runs[i] is references[i]: say so in the sweep file's terms
            String inner = e.getCause() instanceof IllegalArgumentException cause ? cause.getMessage() : e.getMessage();
            String msg = inner.replaceFirst("^runs", "references");
            int colon = msg.indexOf(':');
            throw new IllegalArgumentException(colon > 0 && msg.startsWith("references[")
                    ? msg.substring(0, colon) + at + msg.substring(colon) : msg + at, e);
        }
        return c.runs();
    }
}
