package dana.cli;

import dana.train.LogRow;
import dana.train.TrainConfig;
import dana.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * What {@code dana train} shows while it runs: one line on stdout per validation (the result as it comes), and,
 * when stderr is a terminal and --quiet is not given, a progress line on stderr (step, loss, sample-cycles/s,
 * ETA) redrawn in place a few times a second and cleared before each stdout line.
 */
final class TrainProgress implements TrainingListener {

    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean enabled;
    private long lastDraw;
    private int drawnWidth;
    private double smoothedRate = Double.NaN;

    TrainProgress(PrintWriter out, PrintWriter err, boolean enabled) {
        this.out = out;
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void started(long step, long plannedSteps, TrainConfig config) {
        out.printf(Locale.ROOT, "%s: %s, %s, Nf=%d Nb=%d Nsb=%d, %s loss, %s, batch %d, Niter %d%s%n",
                config.name(), step == 0 ? "training" : "resuming at step " + step, config.network().variant().cliName(),
                config.network().filters(), config.network().blocks(), config.network().layersPerBlock(),
                config.training().loss().cliName(), config.multipleSizes()
                        ? "Nx drawn per step from " + config.nx() + " (validation at " + config.model().nx() + "), a pool of "
                        + config.training().pool() + " per Nx"
                        : "pool " + config.training().pool(), config.training().batch(),
                config.training().niter(), config.training().timed()
                        ? String.format(Locale.ROOT, ", %.4g training minutes", config.training().minutes())
                        : ", " + config.training().steps() + " steps");
        out.flush();
    }

    @Override
    public void stepped(LogRow row, long plannedSteps, TrainConfig config) {
        double rate = row.sampleCyclesPerSecond();
        smoothedRate = Double.isNaN(smoothedRate) ? rate : 0.9 * smoothedRate + 0.1 * rate;
        if (row.validated()) {
            clear();
            out.printf(Locale.ROOT, "step %7d  loss %.5f  validation aRMSE %s  lr %.2e  %6.0f sample-cycles/s  train %.1f min  wall %.1f min%n",
                    row.step(), row.loss(), Double.isInfinite(row.validationRmse()) ? "diverged" : String.format(Locale.ROOT, "%.4f", row.validationRmse()),
                    row.learningRate(), smoothedRate, row.trainSeconds() / 60, row.wallSeconds() / 60);
            out.flush();
        }
        if (!enabled) return;
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        String of = plannedSteps > 0 ? "/" + plannedSteps : "";
        double eta;
        if (plannedSteps > 0) {
            double perStep = config.training().batch() * (double) config.training().niter() / smoothedRate;
            eta = (plannedSteps - row.step()) * perStep;
        } else {
            eta = Math.max(0, 60 * config.training().minutes() - row.trainSeconds());
        }
        String line = String.format(Locale.ROOT, "%s: step %d%s, loss %.5f, %.0f sample-cycles/s, ETA %s",
                config.name(), row.step(), of, row.loss(), smoothedRate, TerminalProgress.clock(eta));
        err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = line.length();
    }

    @Override
    public void lostTrajectories(long step, int count, double bound) {
        clear();
        out.printf(Locale.ROOT, "step %7d  %d trajectories left the attractor (|x| > %.0f): left out of the loss, reset%n",
                step, count, bound);
        out.flush();
    }

    void clear() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }
}
