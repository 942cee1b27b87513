package dana.experiment;

/**
 * An acceptance interval for a measured value, written {@code <= X}, {@code < X}, {@code >= X}, {@code > X}
 * or {@code A..B} (inclusive). {@code text} keeps the numbers as written, for tables.
 */
public record Bound(String text, double lo, boolean loInclusive, double hi, boolean hiInclusive) {

    public static Bound parse(String text, String where) {
        String t = text.trim();
        try {
            int dots = t.indexOf("..");
            if (dots > 0) {
                double a = Double.parseDouble(t.substring(0, dots).trim());
                double b = Double.parseDouble(t.substring(dots + 2).trim());
                if (!(a <= b)) throw new NumberFormatException();
                return new Bound(t, a, true, b, true);
            }
            for (String op : new String[] {"<=", ">=", "<", ">"}) {
                if (t.startsWith(op)) {
                    double x = Double.parseDouble(t.substring(op.length()).trim());
                    String norm = op + " " + t.substring(op.length()).trim();
                    return switch (op) {
                        case "<=" -> new Bound(norm, Double.NEGATIVE_INFINITY, false, x, true);
                        case "<" -> new Bound(norm, Double.NEGATIVE_INFINITY, false, x, false);
                        case ">=" -> new Bound(norm, x, true, Double.POSITIVE_INFINITY, false);
                        default -> new Bound(norm, x, false, Double.POSITIVE_INFINITY, false);
                    };
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(where + ": expected '<= X', '< X', '>= X', '> X' or 'A..B' (A <= B), got '" + text + "'");
    }

    public boolean contains(double v) {
        boolean aboveLo = loInclusive ? v >= lo : v > lo;
        boolean belowHi = hiInclusive ? v <= hi : v < hi;
        return aboveLo && belowHi;
    }
}
