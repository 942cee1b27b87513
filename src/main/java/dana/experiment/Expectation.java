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
 */
public record Expectation(Map<String, Object> match, Bound rmseA, Double reference, String source, boolean bestOnly) {

    public Expectation {
        if (match == null || match.isEmpty()) throw new IllegalArgumentException("match: needs at least one key");
        if (rmseA == null && reference == null) {
            throw new IllegalArgumentException("needs rmse_a (an interval) or reference (a value), or both");
        }
        match = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(match));
    }

    public boolean matches(RunConfig config) {
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

    /** The expected value as shown in tables, e.g. {@code <= 0.2 (ref 0.191)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (rmseA != null) sb.append(rmseA.text());
        if (reference != null) sb.append(sb.isEmpty() ? "" : " ").append("(ref ").append(RunIds.compact(reference)).append(')');
        if (bestOnly) sb.append(" best");
        return sb.toString();
    }
}
