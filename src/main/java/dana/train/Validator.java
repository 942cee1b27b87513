package dana.train;

import dana.dan.DanAnalysis;
import dana.dan.DanLayout;
import dana.experiment.Defaults;
import dana.filter.MethodSpec;
import dana.nn.CnnConfig;
import dana.nn.EngineOptions;
import dana.nn.ResidualCnn;
import dana.run.Progress;
import dana.run.RunResult;
import dana.run.RunSpec;
import dana.run.Runner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures a network as a DA method: a twin experiment per held-out seed through the standard runner and
 * cycler, exactly as {@code dana assimilate --method dan --network FILE --cycles C --burn-in B --seed S} would
 * run the saved network (initial spread and spin-up at their defaults). Each run gets its own single-threaded
 * copy of the parameters, so the figure does not depend on the thread count.
 */
final class Validator {

    private final TrainConfig config;
    private final Runner runner;
    private final int threads;

    Validator(TrainConfig config, Runner runner, int threads) {
        this.config = config;
        this.runner = runner;
        this.threads = threads;
    }

    /** The run of one validation seed, for a network file or a label. */
    RunSpec spec(long seed, String network) {
        ValidationSpec v = config.validation();
        return new RunSpec(config.model(), config.obs(), config.sigma(),
                MethodSpec.dan(config.network().members(), network), v.cycles(), v.burnIn(), seed,
                Defaults.INIT_SPREAD, Defaults.SPIN_UP);
    }

    /** Mean analysis RMSE over the validation seeds; +infinity if any run diverged. */
    double validate(CnnConfig cnn, float[] values, DanLayout layout, String label) {
        List<Long> seeds = config.validation().seeds();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, seeds.size()), r -> {
            Thread t = new Thread(r, "dana-validation");
            t.setDaemon(true);
            return t;
        });
        float[] snapshot = values.clone();
        try {
            List<Future<RunResult>> runs = new ArrayList<>();
            for (long seed : seeds) {
                runs.add(pool.submit(() -> {
                    try (ResidualCnn net = ResidualCnn.withValues(cnn, snapshot, EngineOptions.defaults().withThreads(1))) {
                        DanAnalysis a = new DanAnalysis(net, layout, config.model().nx());
                        return runner.run(spec(seed, label), a, 1, Progress.NONE, Runner.DIVERGENCE_FACTOR);
                    }
                }));
            }
            double sum = 0;
            for (Future<RunResult> f : runs) {
                RunResult r = f.get();
                if (r.diverged()) return Double.POSITIVE_INFINITY;
                sum += r.rmseA();
            }
            return sum / seeds.size();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during validation", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
