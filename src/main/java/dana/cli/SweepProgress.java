package dana.cli;

import dana.sweep.PointResult;
import dana.sweep.SweepConfig;
import dana.sweep.SweepListener;
import dana.sweep.SweepPoint;
import dana.train.LogRow;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * What {@code dana sweep} shows while it runs: one line on stderr per event of a point (training started or
 * resumed, each validation, evaluation, result), prefixed by the time since the start. Plain lines rather than a
 * redrawn progress bar, since points run side by side and a sweep is long enough to be run with {@code 2>log}.
 */
final class SweepProgress implements SweepListener {

    private final PrintWriter err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private String name = "sweep";

    SweepProgress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    private synchronized void line(String text) {
        if (!enabled) return;
        double minutes = (System.nanoTime() - start) * 1e-9 / 60;
        err.printf(Locale.ROOT, "[%6.1f min] %s: %s%n", minutes, name, text);
        err.flush();
    }

    @Override
    public void started(SweepConfig config, int finished, int parallel, int threadsPerPoint) {
        name = config.name();
        int n = config.points().size();
        line(String.format(Locale.ROOT, "%d point%s of %s%s; %d side by side, %d thread%s each", n, n == 1 ? "" : "s",
                config.parameter().key, finished > 0 ? " (" + finished + " finished before)" : "", parallel,
                threadsPerPoint, threadsPerPoint == 1 ? "" : "s"));
    }

    @Override
    public void skipped(SweepPoint point, PointResult result) {
        line(point.label() + ": finished before, " + rmse(result.network()));
    }

    @Override
    public void trainingStarted(SweepPoint point, long fromStep, long plannedSteps) {
        line(point.label() + ": " + (fromStep == 0 ? "training" : "resuming the training at step " + fromStep + " of")
                + " " + plannedSteps + " steps");
    }

    @Override
    public void stepped(SweepPoint point, LogRow row, long plannedSteps) {
        if (!row.validated()) return;
        line(String.format(Locale.ROOT, "%s: step %d/%d, loss %.5f, validation aRMSE %s, %.0f sample-cycles/s",
                point.label(), row.step(), plannedSteps, row.loss(), Double.isInfinite(row.validationRmse()) ? "diverged"
                        : String.format(Locale.ROOT, "%.4f", row.validationRmse()), row.sampleCyclesPerSecond()));
    }

    @Override
    public void evaluating(SweepPoint point) {
        line(String.format(Locale.ROOT, "%s: evaluating (%d seed%s x %,d cycles, %d reference%s)", point.label(),
                point.evaluation().seeds().size(), point.evaluation().seeds().size() == 1 ? "" : "s",
                point.evaluation().cycles(), point.references().size(), point.references().size() == 1 ? "" : "s"));
    }

    @Override
    public void finished(SweepPoint point, PointResult result) {
        StringBuilder sb = new StringBuilder(point.label() + ": " + rmse(result.network()));
        for (PointResult.Series s : result.series().subList(1, result.series().size())) sb.append(", ").append(s.id()).append(' ').append(value(s));
        line(sb.toString());
    }

    @Override
    public void failed(SweepPoint point, String message) {
        line(point.label() + ": FAILED: " + ErrorHandler.oneLine(message));
    }

    private static String rmse(PointResult.Series s) {
        return "aRMSE " + value(s);
    }

    static String value(PointResult.Series s) {
        if (s.rmseA() == null) return "diverged";
        return String.format(Locale.ROOT, "%.4f", s.rmseA()) + (s.diverged() > 0 ? " (" + s.diverged() + " diverged)" : "");
    }
}
