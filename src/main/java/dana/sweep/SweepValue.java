package dana.sweep;

import java.math.BigDecimal;

/**
 * One value of the swept parameter: the number as the sweep file gives it, and its shortest exact text, which
 * names the point's directory ({@code points/pool=4096}, {@code points/sigma=0.5}).
 */
public record SweepValue(Number number, String text) {

    static SweepValue of(Number n) {
        return new SweepValue(n, text(n));
    }

    /** 4096 -> "4096", 0.50 -> "0.5", 1e-3 -> "0.001": never E notation, never a trailing ".0". */
    static String text(Number n) {
        if (n instanceof Integer || n instanceof Long) return n.toString();
        return BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString();
    }

    public double x() {
        return number.doubleValue();
    }
}
