package dana.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Number formatting shared by the diagnostics' tables, CSV files and JSON maps. */
final class Numbers {

    private Numbers() {
    }

    /** A JSON number, or null when not finite (JSON has no NaN). */
    static Double json(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static List<Double> json(double[] v, int count) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Math.min(count, v.length); i++) out.add(json(v[i]));
        return out;
    }

    /** A CSV cell: the shortest round-trip form, empty when not finite. */
    static String csv(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    /** Four significant digits for tables. */
    static String g4(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "-";
    }
}
