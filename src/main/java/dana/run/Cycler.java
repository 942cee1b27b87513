package dana.run;

import dana.filter.Analysis;
import dana.filter.Assimilator;
import dana.filter.Estimates;
import dana.filter.SequentialAssimilator;
import dana.filter.Window;
import dana.model.Model;
import dana.twin.TwinExperiment;
import dana.util.Seeds;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * The assimilation loop and its statistics. The method ({@link Assimilator}) owns each step: for a sequential
 * filter a step is E^f_k = M(E^a_{k-1}), E^a_k = A(E^f_k, y_k); for a smoother it is a window of L cycles moved
 * by S. The cycler hands each step its window of observations and a {@link dana.filter.Propagator} (the
 * model, its member forecasts possibly spread over threads), and records the forecast, analysis and smoothed
 * estimates the method reports, against the truth it alone holds.
 *
 * <p>The initial ensemble is the truth x_0 plus N(0, initSpread^2) perturbations, member m drawn from its own
 * stream, so that results do not depend on the thread count (threads only share the member forecasts).
 */
public final class Cycler {

    /** Cycles of truth and analysis kept at the end of a run for field plots. */
    public static final int FIELD_WINDOW = 300;

    private final Model model;
    private final int threads;

    public Cycler(Model model, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads: must be >= 1, got " + threads);
        this.model = model;
        this.threads = threads;
    }

    /** As {@link #run(RunSpec, TwinExperiment, Assimilator, double, Progress)} for a sequential filter. */
    public RunResult run(RunSpec spec, TwinExperiment twin, Analysis analysis, double divergenceThreshold,
                         Progress progress) {
        return run(spec, twin, new SequentialAssimilator(analysis), divergenceThreshold, progress);
    }

    /**
     * Runs the cycles of the twin experiment. Divergence (a non-finite forecast or analysis, or an analysis
     * RMSE above {@code divergenceThreshold}) ends the run and is reported in the result.
     */
    public RunResult run(RunSpec spec, TwinExperiment twin, Assimilator method, double divergenceThreshold,
                         Progress progress) {
        int nx = model.dim();
        int ne = method.members();
        int cycles = spec.cycles();
        int lag = method.lag(), shift = method.shift();
        if (lag < 1 || shift < 1 || shift > lag) {
            throw new IllegalArgumentException("shift: must be in [1, lag] = [1, " + lag + "], got " + shift);
        }
        if (lag > cycles) {
            throw new IllegalArgumentException("lag: the window (" + lag + " cycles) is longer than the run (" + cycles + " cycles)");
        }
        DMatrixRMaj ens = new DMatrixRMaj(ne, nx);
        double[] truth = twin.truthArray();
        for (int m = 0; m < ne; m++) {
            SplittableRandom rng = Seeds.stream(spec.seed(), "init-member", m);
            for (int i = 0; i < nx; i++) {
                ens.data[m * nx + i] = truth[i] + (ne == 1 && spec.initSpread() == 0 ? 0 : spec.initSpread() * Seeds.gaussian(rng));
            }
        }
        Recorder rec = new Recorder(nx, cycles, truth, divergenceThreshold);
        long start = System.nanoTime();
        try (ParallelPropagator propagator = new ParallelPropagator(model, threads, ne)) {
            long reportEvery = Math.max(1, cycles / 200);
            int k = 0, assimilated = 0;
            while (assimilated < cycles && !rec.stopped) {
                int end = Math.min(k + lag, cycles);
                Window window = new Window(k, end, assimilated + 1, end == cycles, twin::observation);
                method.step(ens, window, propagator, rec);
                // progress at the cycles the sequential loop always reported (multiples of reportEvery)
                if (!rec.stopped && end / reportEvery > assimilated / reportEvery) progress.update(end, cycles);
                assimilated = end;
                k += shift;
            }
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        return rec.result(spec, seconds);
    }

    /** The statistics of every cycle, from the estimates a method reports. */
    private static final class Recorder implements Estimates {
        final int nx, cycles;
        final double[] truth;
        final double threshold;
        final double[] rmseA, rmseF, spreadA, spreadF, rmseS;
        final double[] fieldTruth, fieldAnalysis;
        final int firstField, window;
        final double[] mean;
        boolean stopped, diverged, smoothed;
        int divergedAt = -1, last;

        Recorder(int nx, int cycles, double[] truth, double threshold) {
            this.nx = nx;
            this.cycles = cycles;
            this.truth = truth;
            this.threshold = threshold;
            rmseA = new double[cycles + 1];
            rmseF = new double[cycles + 1];
            spreadA = new double[cycles + 1];
            spreadF = new double[cycles + 1];
            rmseS = new double[cycles + 1];
            window = Math.min(FIELD_WINDOW, cycles);
            firstField = cycles - window + 1;
            fieldTruth = new double[window * nx];
            fieldAnalysis = new double[window * nx];
            mean = new double[nx];
        }

        @Override
        public boolean forecast(int k, DMatrixRMaj ens) {
            if (stopped) return false;
            double[] st = errorAndSpread(ens, ens.numRows, nx, truth, k * nx, mean);
            rmseF[k] = st[0];
            spreadF[k] = st[1];
            if (!Double.isFinite(st[0]) || !Double.isFinite(st[1])) {
                // a forecast that blew up (e.g. a time step beyond RK4's stability): a divergence at this cycle
                rmseA[k] = Double.NaN;
                spreadA[k] = Double.NaN;
                stop(k);
                return false;
            }
            return true;
        }

        @Override
        public boolean analysis(int k, DMatrixRMaj ens) {
            if (stopped) return false;
            double[] st = errorAndSpread(ens, ens.numRows, nx, truth, k * nx, mean);
            rmseA[k] = st[0];
            spreadA[k] = st[1];
            last = k;
            if (!Double.isFinite(st[0]) || !Double.isFinite(st[1]) || st[0] > threshold) {
                stop(k);
                return false;
            }
            if (k >= firstField) {
                System.arraycopy(truth, k * nx, fieldTruth, (k - firstField) * nx, nx);
                System.arraycopy(mean, 0, fieldAnalysis, (k - firstField) * nx, nx);
            }
            return true;
        }

        @Override
        public void smoothed(int k, DMatrixRMaj ens) {
            if (stopped || k < 1) return;
            smoothed = true;
            rmseS[k] = errorAndSpread(ens, ens.numRows, nx, truth, k * nx, mean)[0];
        }

        private void stop(int k) {
            stopped = true;
            diverged = true;
            divergedAt = k;
            last = k;
        }

        RunResult result(RunSpec spec, double seconds) {
            RunResult.Series series = new RunResult.Series(rmseA, rmseF, spreadA, spreadF, last, smoothed ? rmseS : null);
            RunResult.FieldWindow fields = new RunResult.FieldWindow(firstField, window, nx, fieldTruth, fieldAnalysis);
            if (diverged) {
                return new RunResult(spec, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, seconds, true,
                        divergedAt, series, fields, Double.NaN);
            }
            int from = spec.burnIn() + 1, to = cycles + 1;
            return new RunResult(spec,
                    dana.stats.SeriesStats.mean(rmseA, from, to),
                    dana.stats.SeriesStats.standardError(rmseA, from, to),
                    dana.stats.SeriesStats.mean(rmseF, from, to),
                    dana.stats.SeriesStats.mean(spreadA, from, to),
                    dana.stats.SeriesStats.mean(spreadF, from, to),
                    seconds, false, -1, series, fields,
                    smoothed ? dana.stats.SeriesStats.mean(rmseS, from, to) : Double.NaN);
        }
    }

    /** {rmse of the ensemble mean against the truth row, spread = sqrt(mean variance)}; fills {@code mean}. */
    static double[] errorAndSpread(DMatrixRMaj ens, int ne, int nx, double[] truth, int truthOff, double[] mean) {
        double[] e = ens.data;
        java.util.Arrays.fill(mean, 0.0);
        for (int m = 0; m < ne; m++) {
            for (int i = 0; i < nx; i++) mean[i] += e[m * nx + i];
        }
        double err = 0;
        for (int i = 0; i < nx; i++) {
            mean[i] /= ne;
            double d = mean[i] - truth[truthOff + i];
            err += d * d;
        }
        double var = 0;
        if (ne > 1) {
            for (int m = 0; m < ne; m++) {
                for (int i = 0; i < nx; i++) {
                    double d = e[m * nx + i] - mean[i];
                    var += d * d;
                }
            }
            var /= (ne - 1);
        }
        return new double[] {Math.sqrt(err / nx), Math.sqrt(var / nx)};
    }
}
