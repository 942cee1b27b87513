package dana.experiment;

import dana.run.Progress;
import dana.run.RunResult;
import dana.run.Runner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs every (configuration, seed) pair of an experiment on a fixed pool of threads, each run on one thread.
 * Runs are independent and seeded explicitly, so the results do not depend on the number of threads or on the
 * order in which runs finish.
 */
public final class ExperimentRunner {

    private final Runner runner;
    private final int threads;

    public ExperimentRunner(Runner runner, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads: must be >= 1, got " + threads);
        this.runner = runner;
        this.threads = threads;
    }

    /** @param progress receives the analysis cycles done over all runs, and their total */
    public ExperimentResult run(ExperimentConfig config, Progress progress) {
        return run(config, progress, FinishedRuns.none());
    }

    /**
     * As {@link #run(ExperimentConfig, Progress)}, reading each run from {@code finished} when it holds it and
     * saving each run computed there as soon as it ends.
     */
    public ExperimentResult run(ExperimentConfig config, Progress progress, FinishedRuns finished) {
        List<Task> tasks = new ArrayList<>();
        long total = config.totalCycles();
        AtomicLong done = new AtomicLong();
        SeedRun[] results = new SeedRun[config.runs().size() * config.seeds().size()];
        int index = 0;
        for (RunConfig c : config.runs()) {
            for (long seed : config.seeds()) {
                RunResult stored = finished.find(c, seed);
                if (stored != null) {
                    results[index] = new SeedRun(c, seed, stored);
                    progress.update(done.addAndGet(c.cycles()), total);
                } else {
                    tasks.add(new Task(index, c, seed));
                }
                index++;
            }
        }
        // dearest runs first, so that a slow run does not start last and leave the other threads idle
        List<Task> order = new ArrayList<>(tasks);
        order.sort(Comparator.comparingDouble(Task::cost).reversed());
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dana-experiment");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Task t : order) {
                futures.add(pool.submit(() -> {
                    long[] reported = {0};
                    Progress own = (d, tot) -> {
                        progress.update(done.addAndGet(d - reported[0]), total);
                        reported[0] = d;
                    };
                    RunResult r = runner.run(t.config.spec(t.seed), 1, own, t.config.divergenceFactor());
                    // a diverged run stops early: count its remaining cycles as done
                    progress.update(done.addAndGet(t.config.cycles() - reported[0]), total);
                    finished.save(t.config, t.seed, r);
                    results[t.index] = new SeedRun(t.config, t.seed, r);
                }));
            }
            for (Future<?> f : futures) f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new ExperimentResult(config, List.of(results), seconds, results.length - tasks.size());
    }

    private record Task(int index, RunConfig config, long seed) {
        /** A rough cost in arbitrary units: cycles times the work of one analysis (no need to be exact). */
        double cost() {
            var m = config.method();
            double perCycle = m.method().isEnsemble() ? m.members() * (1.0 + m.members() / 10.0) : 1.0;
            if (m.method() == dana.filter.Method.LETKF) perCycle *= 8;
            // a network inference (~0.5 ms) costs about as much as 50 classical single-state analyses
            if (m.method() == dana.filter.Method.DAN) perCycle *= 50;
            if (m.rotate()) perCycle *= 3;
            // the windowed methods run the model (and 4D-Var its tangent linear and adjoint) several times per
            // cycle: a few Gauss-Newton iterations, over L / S cycles of window each
            if (m.method().isIterative()) perCycle *= 3.0 * m.lag() / m.iterative().shift();
            if (m.method() == dana.filter.Method.VAR4D) perCycle *= 100.0 * m.lag() / m.variational().shift();
            return (double) config.cycles() * perCycle * config.model().nx() * config.model().stepsPerCycle();
        }
    }
}
