package dana.experiment;

import java.util.Map;

/**
 * A reference value printed beside the results of the configurations it matches (never asserted).
 *
 * @param match     key -> value that a configuration must all have (values typed as in {@link RunConfig#values()})
 * @param rmseA     acceptance interval for the analysis RMSE; null for a reference value only
 * @param reference the published value, or null
 * @param source    where the value comes from, or null
 * @param bestOnly  check only the configuration with the lowest analysis RMSE among the matching ones (a tuned
 *                  parameter scanned on a grid), instead of each
 * @param relativeTo null, or the keys and values of one configuration of the experiment: {@code rmseA} then
 *                  bounds the ratio of the analysis RMSE to that configuration's (e.g. a network at Nx = 160
 *                  within 10% of itself at Nx = 40: {@code rmse_a: "<= 1.10", relative_to: {nx: 40, ...}})
 */
public record Expectation(Map<String, Object> match, Bound rmseA, Double reference, String source, boolean bestOnly,
                          Map<String, Object> relativeTo) {

    public Expectation {
        if (match == null || match.isEmpty()) throw new IllegalArgumentException("match: needs at least one key");
        if (rmseA == null && reference == null) {
            throw new IllegalArgumentException("needs rmse_a (an interval) or reference (a value), or both");
        }
        if (relativeTo != null && (relativeTo.isEmpty() || rmseA == null)) {
            throw new IllegalArgumentException("relative_to: needs rmse_a (the interval of the ratio) and at least one key");
        }
        match = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(match));
        relativeTo = relativeTo == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(relativeTo));
    }

    /** An expectation on the analysis RMSE itself. */
    public Expectation(Map<String, Object> match, Bound rmseA, Double reference, String source, boolean bestOnly) {
        this(match, rmseA, reference, source, bestOnly, null);
    }

    public boolean matches(RunConfig config) {
        return matches(match, config);
    }

    /** True when {@code config} is the one the ratio is taken against. */
    public boolean isBase(RunConfig config) {
        return relativeTo != null && matches(relativeTo, config);
    }

    private static boolean matches(Map<String, Object> match, RunConfig config) {
        for (Map.Entry<String, Object> e : match.entrySet()) {
            Object actual = config.value(RunKey.of(e.getKey()));
            if (!same(e.getValue(), actual)) return false;
        }
        return true;
    }

    private static boolean same(Object expected, Object actual) {
        if (expected instanceof Number a && actual instanceof Number b) return a.doubleValue() == b.doubleValue();
        if (expected instanceof String a && actual instanceof String b) return a.trim().equalsIgnoreCase(b.trim());
        return expected.equals(actual);
    }

    /**
     * The expected value as shown in tables, e.g. {@code <= 0.2 (ref 0.191)}; a ratio shows the base's keys that
     * differ from {@code match}, e.g. {@code <= 1.10 x [nx=40]}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (rmseA != null) sb.append(rmseA.text());
        if (relativeTo != null) {
            StringBuilder base = new StringBuilder();
            for (Map.Entry<String, Object> e : relativeTo.entrySet()) {
                Object m = match.get(e.getKey());
                if (m != null && same(m, e.getValue())) continue;
                base.append(base.isEmpty() ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
            }
            sb.append(" x [").append(base.isEmpty() ? "itself" : base).append(']');
        }
        if (reference != null) sb.append(sb.isEmpty() ? "" : " ").append("(ref ").append(RunIds.compact(reference)).append(')');
        if (bestOnly) sb.append(" best");
        return sb.toString();
    }
}
