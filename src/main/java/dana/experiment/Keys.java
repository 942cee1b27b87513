package dana.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Map;

/** Rejects unknown keys of a YAML mapping, naming the key, the allowed keys and the closest one. */
public final class Keys {

    private Keys() {
    }

    /**
     * @param where location of the mapping for messages ({@code runs[2]}); empty for the top level
     * @throws IllegalArgumentException on the first key not in {@code allowed}
     */
    public static void check(JsonNode mapping, Collection<String> allowed, String where) {
        for (Map.Entry<String, JsonNode> field : mapping.properties()) {
            String key = field.getKey();
            if (!allowed.contains(key)) {
                String place = where.isEmpty() ? "" : where + ": ";
                String hint = closest(key, allowed);
                throw new IllegalArgumentException(place + "unknown key '" + key + "'"
                        + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                        + "; allowed: " + String.join(", ", allowed));
            }
        }
    }

    /**
     * The allowed key nearest to {@code key} in edit distance, if it is near enough to be a typo (at most a
     * third of the key's length, at least 1), ignoring case and treating '-' as '_'; null otherwise.
     */
    static String closest(String key, Collection<String> allowed) {
        String k = key.toLowerCase().replace('-', '_');
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = distance(k, a);
            if (d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        int tolerance = Math.max(1, k.length() / 3);
        return bestDistance <= tolerance ? best : null;
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
