package dana.experiment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The type of a value in an experiment file, and its conversion from the YAML tree. Numbers may also be
 * written as text (YAML 1.1 reads {@code 1e-2} as a string) and as {@code inf}, {@code .inf} or
 * {@code Infinity}; whole numbers must be whole.
 */
public enum ValueKind {
    INT("a whole number"),
    LONG("a whole number"),
    NUMBER("a number"),
    BOOL("true or false"),
    TEXT("a text value");

    private final String description;

    ValueKind(String description) {
        this.description = description;
    }

    /**
     * @param where the field's location for the error message, e.g. {@code runs[2].members}
     * @throws IllegalArgumentException naming {@code where} and the expected type
     */
    public Object convert(JsonNode node, String where) {
        if (node == null || node.isNull()) throw new IllegalArgumentException(where + ": missing value; expected " + description);
        if (node.isContainerNode()) {
            throw new IllegalArgumentException(where + ": expected " + description + ", got a " + (node.isArray() ? "list" : "mapping"));
        }
        return switch (this) {
            case TEXT -> {
                if (node.isBoolean()) throw bad(node, where);
                yield node.asText();
            }
            case BOOL -> {
                if (node.isBoolean()) yield node.booleanValue();
                String t = node.asText().trim().toLowerCase();
                if (t.equals("true") || t.equals("false")) yield Boolean.parseBoolean(t);
                throw bad(node, where);
            }
            case NUMBER -> number(node, where);
            case INT, LONG -> {
                double d = number(node, where);
                long max = this == INT ? Integer.MAX_VALUE : Long.MAX_VALUE;
                long min = this == INT ? Integer.MIN_VALUE : Long.MIN_VALUE;
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    long v = node.longValue();
                    if (v < min || v > max) throw bad(node, where);
                    yield this == INT ? (Object) (int) v : (Object) v;
                }
                if (d != Math.rint(d) || d < min || d > max) throw bad(node, where);
                yield this == INT ? (Object) (int) d : (Object) (long) d;
            }
        };
    }

    private double number(JsonNode node, String where) {
        if (node.isNumber()) return node.doubleValue();
        if (node.isBoolean()) throw bad(node, where);
        Double d = parseNumber(node.asText());
        if (d == null) throw bad(node, where);
        return d;
    }

    /** A number written as text, or null; accepts inf, +inf, .inf and Infinity in any case. */
    static Double parseNumber(String text) {
        String t = text.trim().toLowerCase();
        String unsigned = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        if (unsigned.equals("inf") || unsigned.equals(".inf") || unsigned.equals("infinity")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan") || unsigned.equals(".nan")) return null;
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private IllegalArgumentException bad(JsonNode node, String where) {
        return new IllegalArgumentException(where + ": expected " + description + ", got '" + node.asText() + "'");
    }
}
