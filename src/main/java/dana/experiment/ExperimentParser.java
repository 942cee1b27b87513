package dana.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dana.dan.DanNetworks;
import dana.filter.IterativeSpec;
import dana.filter.Method;
import dana.filter.MethodSpec;
import dana.model.Lorenz96Params;
import dana.run.Runner;
import dana.var.FourDVarConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Reads an experiment file (YAML; the format is in docs/cli.md) into an {@link ExperimentConfig}. Strict: an
 * unknown key, a value of the wrong type or an invalid run is an {@link IllegalArgumentException} whose
 * one-line message names the file, the place ({@code runs[2].members}) and what is allowed.
 */
public final class ExperimentParser {

    static final List<String> TOP_KEYS = List.of("name", "description", "defaults", "seeds", "short", "runs", "expect",
            "plots");
    static final List<String> PLOT_KEYS = List.of("x", "series", "y", "file", "title", "log_x", "log_y");
    static final List<String> SHORT_KEYS = List.of("cycles", "burn_in", "seeds");
    static final List<String> EXPECT_KEYS = List.of("match", "rmse_a", "reference", "source", "of", "relative_to");

    private ExperimentParser() {
    }

    /** The {@code short} block: what {@code --short} replaces. Null fields are left as they are. */
    private record ShortBlock(Integer cycles, Integer burnIn, List<Long> seeds) {
    }

    public static ExperimentConfig read(Path file, boolean shortMode) {
        String text = YamlInput.read(file, "experiment");
        return parse(text, file.toString(), shortMode);
    }

    /**
     * @param source    the file's name, for messages
     * @param shortMode apply the file's {@code short} block (an error when it has none)
     */
    public static ExperimentConfig parse(String yaml, String source, boolean shortMode) {
        try {
            return fromTree(YamlInput.tree(yaml), shortMode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static ExperimentConfig fromTree(JsonNode root, boolean shortMode) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new IllegalArgumentException("the file is empty; expected a mapping with keys " + String.join(", ", TOP_KEYS));
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("expected a mapping with keys " + String.join(", ", TOP_KEYS) + " at the top level");
        }
        Keys.check(root, TOP_KEYS, "");
        String name = (String) ValueKind.TEXT.convert(required(root, "name", ""), "name");
        String description = root.has("description") ? (String) ValueKind.TEXT.convert(root.get("description"), "description") : "";
        Map<RunKey, List<Object>> defaults = root.has("defaults")
                ? runEntry(root.get("defaults"), "defaults", false) : new LinkedHashMap<>();
        List<Long> seeds = root.has("seeds") ? seeds(root.get("seeds"), "seeds") : List.of(Defaults.SEED);
        ShortBlock shortBlock = root.has("short") ? shortBlock(root.get("short")) : null;
        if (shortMode && shortBlock == null) {
            throw new IllegalArgumentException("short: --short needs a 'short' block in the file (keys: " + String.join(", ", SHORT_KEYS) + ")");
        }
        JsonNode runsNode = required(root, "runs", "");
        if (!runsNode.isArray() || runsNode.isEmpty()) {
            throw new IllegalArgumentException("runs: expected a non-empty list of runs, e.g. - {method: etkf, members: 20}");
        }
        List<RunConfig> runs = new ArrayList<>();
        List<Boolean> explicitId = new ArrayList<>();
        for (int i = 0; i < runsNode.size(); i++) {
            List<RunConfig> expanded = expandEntry(runsNode.get(i), "runs[" + i + "]", defaults, shortMode ? shortBlock : null);
            runs.addAll(expanded);
            for (RunConfig ignored : expanded) explicitId.add(runsNode.get(i).has("id"));
        }
        runs = deduplicateIds(runs, explicitId);
        if (shortMode && shortBlock.seeds() != null) seeds = shortBlock.seeds();
        List<Expectation> expectations = root.has("expect") ? expectations(root.get("expect"), runs) : List.of();
        List<PlotSpec> plots = root.has("plots") ? plots(root.get("plots")) : List.of();
        return new ExperimentConfig(name, description, seeds, runs, expectations, plots, shortMode);
    }

    private static JsonNode required(JsonNode mapping, String key, String where) {
        JsonNode n = mapping.get(key);
        if (n == null || n.isNull()) throw new IllegalArgumentException((where.isEmpty() ? "" : where + ".") + key + ": missing (required)");
        return n;
    }

    /** The keys of a run entry (or of defaults), each with its list of values (one for a scalar). */
    private static Map<RunKey, List<Object>> runEntry(JsonNode node, String where, boolean allowId) {
        if (!node.isObject()) throw new IllegalArgumentException(where + ": expected a mapping of run settings");
        List<String> allowed = allowId ? RunKey.names() : RunKey.names().subList(1, RunKey.values().length);
        Keys.check(node, allowed, where);
        Map<RunKey, List<Object>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            RunKey key = RunKey.of(f.getKey());
            String at = where + "." + key.key;
            JsonNode v = f.getValue();
            List<Object> values = new ArrayList<>();
            if (v.isArray()) {
                if (key == RunKey.ID) throw new IllegalArgumentException(at + ": expected one id, got a list");
                if (v.isEmpty()) throw new IllegalArgumentException(at + ": empty list; give one value or a list of values");
                for (int i = 0; i < v.size(); i++) values.add(key.kind.convert(v.get(i), at + "[" + i + "]"));
            } else {
                values.add(key.kind.convert(v, at));
            }
            out.put(key, values);
        }
        return out;
    }

    private static List<Long> seeds(JsonNode node, String where) {
        List<Long> seeds = new ArrayList<>();
        if (node.isArray()) {
            if (node.isEmpty()) throw new IllegalArgumentException(where + ": expected a non-empty list of whole numbers");
            for (int i = 0; i < node.size(); i++) seeds.add((Long) ValueKind.LONG.convert(node.get(i), where + "[" + i + "]"));
        } else {
            seeds.add((Long) ValueKind.LONG.convert(node, where));
        }
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException(where + ": seeds must be distinct, got " + seeds);
        }
        return seeds;
    }

    private static ShortBlock shortBlock(JsonNode node) {
        if (!node.isObject()) throw new IllegalArgumentException("short: expected a mapping with keys " + String.join(", ", SHORT_KEYS));
        Keys.check(node, SHORT_KEYS, "short");
        Integer cycles = node.has("cycles") ? (Integer) ValueKind.INT.convert(node.get("cycles"), "short.cycles") : null;
        Integer burnIn = node.has("burn_in") ? (Integer) ValueKind.INT.convert(node.get("burn_in"), "short.burn_in") : null;
        List<Long> seeds = node.has("seeds") ? seeds(node.get("seeds"), "short.seeds") : null;
        return new ShortBlock(cycles, burnIn, seeds);
    }

    /** One entry of {@code runs}: defaults, then the entry's own keys, then --short; lists expand as a grid. */
    private static List<RunConfig> expandEntry(JsonNode node, String where, Map<RunKey, List<Object>> defaults,
                                               ShortBlock shortBlock) {
        Map<RunKey, List<Object>> merged = new LinkedHashMap<>(defaults);
        merged.putAll(runEntry(node, where, true));
        if (shortBlock != null && shortBlock.cycles() != null) merged.put(RunKey.CYCLES, List.of(shortBlock.cycles()));
        if (shortBlock != null && shortBlock.burnIn() != null) merged.put(RunKey.BURN_IN, List.of(shortBlock.burnIn()));
        List<Object> id = merged.remove(RunKey.ID);
        List<Map<RunKey, Object>> combos = Grid.expand(merged);
        List<RunConfig> out = new ArrayList<>();
        for (int j = 0; j < combos.size(); j++) {
            Map<RunKey, Object> combo = combos.get(j);
            String explicitId = id == null ? null : combos.size() == 1 ? (String) id.get(0) : id.get(0) + "-" + (j + 1);
            try {
                out.add(build(combo, explicitId));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + describeCombo(merged, combo) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** " (members=1, inflation=1.0)": the grid values of the failing combination, when the entry is a grid. */
    private static String describeCombo(Map<RunKey, List<Object>> axes, Map<RunKey, Object> combo) {
        StringJoiner sj = new StringJoiner(", ", " (", ")");
        sj.setEmptyValue("");
        axes.forEach((k, values) -> {
            if (values.size() > 1) sj.add(k.key + "=" + combo.get(k));
        });
        return sj.toString();
    }

    private static RunConfig build(Map<RunKey, Object> v, String explicitId) {
        Object methodName = v.get(RunKey.METHOD);
        if (methodName == null) throw new IllegalArgumentException("method: missing; allowed: " + Method.allowed());
        Method method = Method.parse((String) methodName);
        if (method != Method.DAN && v.containsKey(RunKey.NETWORK)) {
            throw new IllegalArgumentException("network: only for method dan");
        }
        Lorenz96Params model = new Lorenz96Params(
                (Integer) v.getOrDefault(RunKey.NX, Defaults.NX),
                (Double) v.getOrDefault(RunKey.FORCING, Defaults.FORCING),
                (Double) v.getOrDefault(RunKey.DT, Defaults.DT),
                (Integer) v.getOrDefault(RunKey.STEPS_PER_CYCLE, Defaults.STEPS_PER_CYCLE));
        String obs = ((String) v.getOrDefault(RunKey.OBS, Defaults.OBS)).trim();
        double sigma = (Double) v.getOrDefault(RunKey.SIGMA, Defaults.SIGMA);
        Integer members = (Integer) v.get(RunKey.MEMBERS);
        String network = (String) v.get(RunKey.NETWORK);
        if (method == Method.DAN) {
            if (network == null || network.isBlank()) throw new IllegalArgumentException("network: missing; dan needs network: PATH");
            // the file is read and checked against the run now, so a bad network stops the experiment before
            // any run starts; without members, dan uses the ensemble size the network was trained with
            var h = dana.obs.ObservationOperators.parse(obs, model.nx(), 0);
            members = DanNetworks.load(Path.of(network.trim()), members, h).layout().members();
        }
        IterativeSpec it = null;
        if (method.isIterative()) {
            it = new IterativeSpec(
                    (Integer) v.getOrDefault(RunKey.LAG, 1),
                    (Integer) v.getOrDefault(RunKey.SHIFT, 1),
                    (Integer) v.getOrDefault(RunKey.ITERATIONS, IterativeSpec.DEFAULT_ITERATIONS),
                    (Double) v.getOrDefault(RunKey.TOLERANCE, IterativeSpec.DEFAULT_TOLERANCE),
                    IterativeSpec.parseBundle((String) v.getOrDefault(RunKey.FORM, "transform")),
                    (Double) v.getOrDefault(RunKey.EPSILON, IterativeSpec.DEFAULT_EPSILON),
                    (Boolean) v.getOrDefault(RunKey.MDA, false));
        }
        FourDVarConfig var = null;
        if (method == Method.VAR4D) {
            var = new FourDVarConfig(
                    (Integer) v.getOrDefault(RunKey.LAG, 1),
                    (Integer) v.getOrDefault(RunKey.SHIFT, 1),
                    (Integer) v.getOrDefault(RunKey.ITERATIONS, FourDVarConfig.DEFAULT_OUTER_LOOPS),
                    (Integer) v.getOrDefault(RunKey.INNER_ITERATIONS, FourDVarConfig.DEFAULT_INNER_ITERATIONS),
                    (Double) v.getOrDefault(RunKey.TOLERANCE, FourDVarConfig.DEFAULT_TOLERANCE));
        }
        MethodSpec ms = new MethodSpec(method,
                members != null ? members : Defaults.MEMBERS,
                (Double) v.getOrDefault(RunKey.INFLATION, Defaults.INFLATION),
                (Boolean) v.getOrDefault(RunKey.ROTATE, false),
                (Double) v.getOrDefault(RunKey.RADIUS, Double.POSITIVE_INFINITY),
                (Double) v.getOrDefault(RunKey.ALPHA, MethodSpec.defaultAlpha(method)),
                (String) v.get(RunKey.VARIANT),
                network == null ? null : network.trim(),
                it, var);
        String id = explicitId != null ? explicitId : RunIds.auto(ms, model, obs, sigma);
        return new RunConfig(id, model, obs, sigma, ms,
                (Integer) v.getOrDefault(RunKey.CYCLES, Defaults.CYCLES),
                (Integer) v.getOrDefault(RunKey.BURN_IN, Defaults.BURN_IN),
                (Integer) v.getOrDefault(RunKey.SPIN_UP, Defaults.SPIN_UP),
                (Double) v.getOrDefault(RunKey.INIT_SPREAD, Defaults.INIT_SPREAD),
                (Double) v.getOrDefault(RunKey.DIVERGENCE_FACTOR, Runner.DIVERGENCE_FACTOR));
    }

    /**
     * Automatic ids may coincide (two entries differing only in, say, cycles): the later ones get -2, -3, ...
     * in file order (and the first too, if an explicit id has its name). Explicit ids are kept as written;
     * {@link ExperimentConfig} rejects duplicates among them.
     */
    private static List<RunConfig> deduplicateIds(List<RunConfig> runs, List<Boolean> explicit) {
        Set<String> explicitIds = new HashSet<>();
        Map<String, Integer> autoCount = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            if (explicit.get(i)) explicitIds.add(runs.get(i).id());
            else autoCount.merge(runs.get(i).id(), 1, Integer::sum);
        }
        Map<String, Integer> seen = new HashMap<>();
        List<RunConfig> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunConfig r = runs.get(i);
            boolean plainFree = !explicitIds.contains(r.id());
            if (explicit.get(i) || (autoCount.get(r.id()) == 1 && plainFree)) {
                out.add(r);
                continue;
            }
            int k = seen.merge(r.id(), 1, Integer::sum);
            out.add(k == 1 && plainFree ? r : r.withId(r.id() + "-" + (plainFree ? k : k + 1)));
        }
        return out;
    }

    /** The {@code plots} list: {x: KEY, series: [KEY, ...], y: FIELD, file: NAME.png, title: TEXT, log_x, log_y}. */
    private static List<PlotSpec> plots(JsonNode node) {
        String example = "{x: steps_per_cycle, series: [method], y: rmse_a, file: NAME.png}";
        if (!node.isArray()) throw new IllegalArgumentException("plots: expected a list of " + example);
        List<PlotSpec> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String where = "plots[" + i + "]";
            JsonNode p = node.get(i);
            if (!p.isObject()) throw new IllegalArgumentException(where + ": expected a mapping like " + example);
            Keys.check(p, PLOT_KEYS, where);
            String x = (String) ValueKind.TEXT.convert(required(p, "x", where), where + ".x");
            List<String> series = new ArrayList<>();
            if (!p.has("series")) {
                series.add(RunKey.METHOD.key);
            } else if (p.get("series").isArray()) {
                for (int j = 0; j < p.get("series").size(); j++) {
                    series.add(((String) ValueKind.TEXT.convert(p.get("series").get(j), where + ".series[" + j + "]")).trim());
                }
            } else {
                series.add(((String) ValueKind.TEXT.convert(p.get("series"), where + ".series")).trim());
            }
            String y = p.has("y") ? (String) ValueKind.TEXT.convert(p.get("y"), where + ".y") : "rmse_a";
            String file = (String) ValueKind.TEXT.convert(required(p, "file", where), where + ".file");
            String title = p.has("title") ? (String) ValueKind.TEXT.convert(p.get("title"), where + ".title") : null;
            boolean logX = p.has("log_x") && (Boolean) ValueKind.BOOL.convert(p.get("log_x"), where + ".log_x");
            boolean logY = p.has("log_y") && (Boolean) ValueKind.BOOL.convert(p.get("log_y"), where + ".log_y");
            try {
                out.add(new PlotSpec(x.trim(), series, y.trim(), file.trim(), title, logX, logY));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "." + e.getMessage(), e);
            }
        }
        return out;
    }

    private static List<Expectation> expectations(JsonNode node, List<RunConfig> runs) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("expect: expected a list of {match: {...}, rmse_a: '<= X', reference: X, source: ...}");
        }
        List<Expectation> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String where = "expect[" + i + "]";
            JsonNode e = node.get(i);
            if (!e.isObject()) throw new IllegalArgumentException(where + ": expected a mapping with keys " + String.join(", ", EXPECT_KEYS));
            Keys.check(e, EXPECT_KEYS, where);
            Map<String, Object> match = runValues(required(e, "match", where), where + ".match");
            Map<String, Object> relativeTo = e.has("relative_to") ? runValues(e.get("relative_to"), where + ".relative_to") : null;
            Bound bound = e.has("rmse_a") ? Bound.parse(e.get("rmse_a").asText(), where + ".rmse_a") : null;
            Double reference = e.has("reference") ? (Double) ValueKind.NUMBER.convert(e.get("reference"), where + ".reference") : null;
            String source = e.has("source") ? (String) ValueKind.TEXT.convert(e.get("source"), where + ".source") : null;
            boolean best = false;
            if (e.has("of")) {
                String of = String.valueOf(ValueKind.TEXT.convert(e.get("of"), where + ".of")).trim();
                if (!of.equals("each") && !of.equals("best")) {
                    throw new IllegalArgumentException(where + ".of: expected 'each' (every matching run) or 'best' (the lowest rmse_a among them), got '" + of + "'");
                }
                best = of.equals("best");
            }
            Expectation x;
            try {
                x = new Expectation(match, bound, reference, source, best, relativeTo);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(where + (ex.getMessage().startsWith("relative_to") ? "." : ": ")
                        + ex.getMessage(), ex);
            }
            if (runs.stream().noneMatch(x::matches)) {
                throw new IllegalArgumentException(where + ".match: " + match + " matches no run of the experiment");
            }
            if (relativeTo != null) {
                long bases = runs.stream().filter(x::isBase).count();
                if (bases != 1) {
                    throw new IllegalArgumentException(where + ".relative_to: " + relativeTo + " matches " + bases
                            + " runs of the experiment; it must name exactly one (the ratio's denominator)");
                }
            }
            out.add(x);
        }
        return out;
    }

    /** A mapping of run keys to values (match, relative_to), typed as the keys are. */
    private static Map<String, Object> runValues(JsonNode m, String where) {
        if (!m.isObject() || m.isEmpty()) {
            throw new IllegalArgumentException(where + ": expected a mapping of run keys to values, e.g. {method: etkf, members: 20}");
        }
        Keys.check(m, RunKey.names(), where);
        Map<String, Object> out = new LinkedHashMap<>();
        m.properties().forEach(f -> out.put(f.getKey(), RunKey.of(f.getKey()).kind.convert(f.getValue(), where + "." + f.getKey())));
        return out;
    }
}
