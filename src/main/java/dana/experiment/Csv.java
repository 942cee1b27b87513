package dana.experiment;

import java.util.List;

/** Minimal CSV writing (RFC 4180 quoting) with locale-independent numbers; empty cells for missing values. */
public final class Csv {

    private Csv() {
    }

    public static void row(StringBuilder sb, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(cell(cells.get(i)));
        }
        sb.append('\n');
    }

    public static String cell(Object v) {
        if (v == null) return "";
        if (v instanceof Double d) return Double.isFinite(d) ? Double.toString(d) : (Double.isNaN(d) ? "" : RunIds.compact(d));
        String s = v.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) return '"' + s.replace("\"", "\"\"") + '"';
        return s;
    }

    /**
     * Fixed six decimals, for the long per-cycle series: enough for RMSEs of order 0.01-10, and much shorter
     * (and faster) than the shortest round-trip form. NaN and infinities give an empty cell.
     */
    static void fixed6(StringBuilder sb, double v) {
        if (!Double.isFinite(v) || Math.abs(v) >= 1e12) {
            if (Double.isFinite(v)) sb.append(v);
            return;
        }
        long scaled = Math.round(Math.abs(v) * 1e6);
        if (v < 0 && scaled != 0) sb.append('-');
        sb.append(scaled / 1_000_000).append('.');
        String frac = Long.toString(scaled % 1_000_000);
        for (int i = frac.length(); i < 6; i++) sb.append('0');
        sb.append(frac);
    }
}
