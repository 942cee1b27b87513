package dana.experiment;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One item of an experiment file's {@code plots} list: a result field against a run key, one line per distinct
 * combination of the {@code series} keys, drawn by {@link dana.plot.ParameterPlot} into {@code plots/FILE}
 * (with the plotted numbers in {@code plots/FILE-without-.png.csv}). Validated on construction.
 *
 * @param x      the run key on the horizontal axis (a numeric one: steps_per_cycle, lag, members, sigma, ...)
 * @param series the run keys whose values tell the lines apart (e.g. method; may be empty: one line)
 * @param y      the result field on the vertical axis ({@link #Y_FIELDS})
 * @param file   the PNG's name, {@code NAME.png}
 * @param title  the chart's title, or null for one made from y and x
 */
public record PlotSpec(String x, List<String> series, String y, String file, String title, boolean logX,
                       boolean logY) {

    /** The result fields a plot may show (per run, averaged over seeds). */
    public static final List<String> Y_FIELDS = List.of("rmse_a", "rmse_f", "spread_a", "spread_f", "rmse_s",
            "cycles_per_second");

    static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.png");

    public PlotSpec {
        RunKey xk = RunKey.of(x);
        if (xk == null || !(xk.kind == ValueKind.INT || xk.kind == ValueKind.NUMBER)) {
            throw new IllegalArgumentException("x: " + (xk == null ? "unknown run key '" + x + "'" : "'" + x + "' is not numeric")
                    + "; allowed: " + String.join(", ", numericKeys()));
        }
        series = series == null ? List.of() : List.copyOf(series);
        for (String s : series) {
            if (RunKey.of(s) == null) {
                throw new IllegalArgumentException("series: unknown run key '" + s + "'; allowed: " + String.join(", ", RunKey.names()));
            }
        }
        if (series.contains(x)) throw new IllegalArgumentException("series: '" + x + "' is already the x axis");
        if (series.stream().distinct().count() != series.size()) {
            throw new IllegalArgumentException("series: a key is listed twice: " + series);
        }
        if (!Y_FIELDS.contains(y)) {
            throw new IllegalArgumentException("y: unknown result field '" + y + "'; allowed: " + String.join(", ", Y_FIELDS));
        }
        if (file == null || !FILE.matcher(file).matches()) {
            throw new IllegalArgumentException("file: must be NAME.png with letters, digits, '.', '_' or '-' (no directory), got '" + file + "'");
        }
    }

    /** The run keys whose values are numbers, the possible x axes. */
    static List<String> numericKeys() {
        return java.util.Arrays.stream(RunKey.values())
                .filter(k -> k.kind == ValueKind.INT || k.kind == ValueKind.NUMBER).map(k -> k.key).toList();
    }

    /** The title drawn: the given one, or e.g. "rmse_a against steps_per_cycle". */
    public String titleOrDefault(String experiment) {
        return title != null ? title : experiment + ": " + y + " against " + x;
    }

    /** The name of the CSV of the plotted numbers, beside the PNG. */
    public String csvFile() {
        return file.substring(0, file.length() - ".png".length()) + ".csv";
    }
}
