package dana.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The rows of a training run, one per step, and their CSV form (training-log.csv). Numbers are written with
 * full precision, so the log read back from a checkpoint is the log that was written. A validation that
 * diverged is written as {@code inf}; no validation at a step leaves the field empty.
 */
public final class TrainingLog {

    static final String HEADER = "step,loss,validation_rmse_a,learning_rate,gradient_norm,sample_cycles_per_second,"
            + "train_seconds,wall_seconds";

    private final List<LogRow> rows = new ArrayList<>();

    public void add(LogRow row) {
        rows.add(row);
    }

    /** Replaces the last row (to attach a validation to it). */
    void replaceLast(LogRow row) {
        rows.set(rows.size() - 1, row);
    }

    public List<LogRow> rows() {
        return Collections.unmodifiableList(rows);
    }

    public LogRow last() {
        return rows.isEmpty() ? null : rows.get(rows.size() - 1);
    }

    /** The last validated row, or null. */
    public LogRow lastValidation() {
        for (int i = rows.size() - 1; i >= 0; i--) if (rows.get(i).validated()) return rows.get(i);
        return null;
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (LogRow r : rows) {
            sb.append(r.step()).append(',').append(num(r.loss())).append(',')
                    .append(r.validated() ? num(r.validationRmse()) : "").append(',')
                    .append(num(r.learningRate())).append(',').append(num(r.gradientNorm())).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", r.sampleCyclesPerSecond())).append(',')
                    .append(num(r.trainSeconds())).append(',').append(num(r.wallSeconds())).append('\n');
        }
        return sb.toString();
    }

    public static TrainingLog parse(String csv, String source) {
        TrainingLog log = new TrainingLog();
        String[] lines = csv.split("\n");
        if (lines.length == 0 || !lines[0].trim().equals(HEADER)) {
            throw new IllegalArgumentException(source + ": not a training log (header is not " + HEADER + ")");
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            String[] f = lines[i].split(",", -1);
            try {
                if (f.length != 8) throw new NumberFormatException(f.length + " fields");
                log.add(new LogRow(Long.parseLong(f[0]), parse(f[1]), parse(f[4]), parse(f[3]), parse(f[5]),
                        parse(f[6]), parse(f[7]), f[2].isEmpty() ? Double.NaN : parse(f[2])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ": line " + (i + 1) + " is not a log row (" + e.getMessage() + ")");
            }
        }
        return log;
    }

    private static String num(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return Double.toString(v);
    }

    private static double parse(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
