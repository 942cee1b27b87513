package dana.run;

import dana.filter.Analysis;
import dana.model.Model;
import dana.obs.Observation;
import dana.twin.TwinExperiment;
import dana.util.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixRMaj;

/**
 * The forecast-analysis loop: E^f_k = M(E^a_{k-1}), E^a_k = A(E^f_k, y_k), with the statistics of every cycle.
 * The initial ensemble is the truth x_0 plus N(0, initSpread^2) perturbations, member m drawn from its own
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

    /**
     * Runs the cycles of the twin experiment. Divergence (a non-finite analysis, or an analysis RMSE above
     * {@code divergenceThreshold}) ends the run and is reported in the result.
     */
    public RunResult run(RunSpec spec, TwinExperiment twin, Analysis analysis, double divergenceThreshold,
                         Progress progress) {
        int nx = model.dim();
        int ne = analysis.members();
        int cycles = spec.cycles();
        DMatrixRMaj ens = new DMatrixRMaj(ne, nx);
        double[] truth = twin.truthArray();
        for (int m = 0; m < ne; m++) {
            SplittableRandom rng = Seeds.stream(spec.seed(), "init-member", m);
            for (int i = 0; i < nx; i++) {
                ens.data[m * nx + i] = truth[i] + (ne == 1 && spec.initSpread() == 0 ? 0 : spec.initSpread() * Seeds.gaussian(rng));
            }
        }
        double[] rmseA = new double[cycles + 1], rmseF = new double[cycles + 1];
        double[] spreadA = new double[cycles + 1], spreadF = new double[cycles + 1];
        int window = Math.min(FIELD_WINDOW, cycles);
        int firstField = cycles - window + 1;
        double[] fieldTruth = new double[window * nx], fieldAnalysis = new double[window * nx];
        double[] mean = new double[nx];
        boolean diverged = false;
        int divergedAt = -1;
        int last = 0;
        long start = System.nanoTime();
        ExecutorService pool = threads > 1 && ne > 1 ? Executors.newFixedThreadPool(threads, daemon()) : null;
        Model[] copies = new Model[threads];
        for (int t = 0; t < threads; t++) copies[t] = t == 0 ? model : model.copy();
        try {
            long reportEvery = Math.max(1, cycles / 200);
            for (int k = 1; k <= cycles; k++) {
                forecast(ens, ne, nx, pool, copies);
                double[] st = errorAndSpread(ens, ne, nx, truth, k * nx, mean);
                rmseF[k] = st[0];
                spreadF[k] = st[1];
                if (!Double.isFinite(st[0]) || !Double.isFinite(st[1])) {
                    // a forecast that blew up (e.g. a time step beyond RK4's stability) would make the
                    // analysis's eigendecomposition fail: report it as a divergence at this cycle instead
                    rmseA[k] = Double.NaN;
                    spreadA[k] = Double.NaN;
                    last = k;
                    diverged = true;
                    divergedAt = k;
                    break;
                }
                Observation y = twin.observation(k);
                analysis.analyse(ens, y);
                st = errorAndSpread(ens, ne, nx, truth, k * nx, mean);
                rmseA[k] = st[0];
                spreadA[k] = st[1];
                last = k;
                if (!Double.isFinite(st[0]) || !Double.isFinite(st[1]) || st[0] > divergenceThreshold) {
                    diverged = true;
                    divergedAt = k;
                    break;
                }
                if (k >= firstField) {
                    System.arraycopy(truth, k * nx, fieldTruth, (k - firstField) * nx, nx);
                    System.arraycopy(mean, 0, fieldAnalysis, (k - firstField) * nx, nx);
                }
                if (k % reportEvery == 0) progress.update(k, cycles);
            }
        } finally {
            if (pool != null) pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        RunResult.Series series = new RunResult.Series(rmseA, rmseF, spreadA, spreadF, last);
        RunResult.FieldWindow fields = new RunResult.FieldWindow(firstField, window, nx, fieldTruth, fieldAnalysis);
        if (diverged) {
            return new RunResult(spec, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, seconds, true,
                    divergedAt, series, fields);
        }
        int from = spec.burnIn() + 1, to = cycles + 1;
        return new RunResult(spec,
                dana.stats.SeriesStats.mean(rmseA, from, to),
                dana.stats.SeriesStats.standardError(rmseA, from, to),
                dana.stats.SeriesStats.mean(rmseF, from, to),
                dana.stats.SeriesStats.mean(spreadA, from, to),
                dana.stats.SeriesStats.mean(spreadF, from, to),
                seconds, false, -1, series, fields);
    }

    private void forecast(DMatrixRMaj ens, int ne, int nx, ExecutorService pool, Model[] copies) {
        if (pool == null) {
            model.forecastAll(ens.data, ne);
            return;
        }
        List<Future<?>> parts = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            final Model m = copies[t];
            final int lo = t * ne / threads, hi = (t + 1) * ne / threads;
            parts.add(pool.submit(() -> {
                for (int i = lo; i < hi; i++) m.forecast(ens.data, i * nx);
            }));
        }
        try {
            for (Future<?> f : parts) f.get();
        } catch (Exception e) {
            throw new IllegalStateException("forecast failed", e);
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

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "dana-forecast");
            t.setDaemon(true);
            return t;
        };
    }
}
