package dana.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dana.experiment.ExperimentConfig;
import dana.experiment.ExperimentResult;
import dana.experiment.ExperimentRunner;
import dana.experiment.ExperimentWriter;
import dana.nn.NetworkFile;
import dana.run.Runner;
import dana.train.LogRow;
import dana.train.RunLock;
import dana.train.TrainConfig;
import dana.train.TrainConfigParser;
import dana.train.TrainConfigYaml;
import dana.train.Trainer;
import dana.train.TrainingListener;
import dana.train.TrainingStoppedException;
import dana.train.TrainingSpec;
import dana.train.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a sweep into a directory, point by point, several points side by side:
 * <pre>
 *   sweep.resolved.yaml             the sweep as it runs (base inlined, every key explicit)
 *   points/LABEL/                   one training run directory per point (config, log, checkpoints, network.dann)
 *   points/LABEL/evaluation/        the point's evaluation, as written by dana experiment
 *   points/LABEL/result.json        the point's result, written last (see {@link PointResult})
 *   summary.csv, summary.json       every point (see {@link SweepWriter}), and the plot of aRMSE against the parameter
 * </pre>
 * Every point is resumable: a restarted sweep reads the results of finished points, re-evaluates a point whose
 * network is trained, continues a training from its latest checkpoint, and starts the others. A point's
 * results depend only on its configuration and seeds, never on the threads or on which session computed it.
 */
public final class SweepRunner {

    public static final String POINTS = "points";
    public static final String EVALUATION = "evaluation";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Runner runner;
    private final int threads;

    /** @param threads the threads of the whole sweep: points run side by side on them */
    public SweepRunner(Runner runner, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads: must be >= 1, got " + threads);
        this.runner = runner;
        this.threads = threads;
    }

    public static Path pointDirectory(Path dir, SweepPoint p) {
        return dir.resolve(POINTS).resolve(p.label());
    }

    /** Thrown into a training or evaluation to stop it when another point failed unexpectedly. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /**
     * Checks the directory against the sweep (before anything is written), then runs every unfinished point
     * and writes the summary.
     *
     * @param resolvedHeader comment lines for sweep.resolved.yaml (how it was produced)
     * @throws IllegalArgumentException when the directory holds points computed with another configuration
     */
    public SweepResult run(SweepConfig config, Path dir, SweepListener listener, List<String> resolvedHeader) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("out: " + dir + " exists and is not a directory");
        }
        Map<String, PointResult> done = finishedPoints(config, dir);
        long start = System.nanoTime();
        try (RunLock lock = RunLock.acquire(dir, "sweep")) {
            SweepWriter.writeResolved(dir, config, resolvedHeader);
            int perPoint = config.points().get(0).training().training().threads();
            List<SweepPoint> pending = new ArrayList<>(config.points().stream().filter(p -> !done.containsKey(p.label())).toList());
            int parallel = Math.max(1, Math.min(pending.size(), threads / perPoint));
            listener.started(config, done.size(), parallel, perPoint);
            for (SweepPoint p : config.points()) {
                if (done.containsKey(p.label())) listener.skipped(p, done.get(p.label()));
            }
            // dearest first, so that a long training does not start last and leave the other threads idle
            pending.sort(Comparator.comparingDouble((SweepPoint p) -> cost(p.training())).reversed());
            Map<String, PointResult> computed = new ConcurrentHashMap<>();
            Map<String, String> failed = new ConcurrentHashMap<>();
            AtomicReference<Throwable> fatal = new AtomicReference<>();
            ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
                Thread t = new Thread(r, "dana-sweep");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (SweepPoint p : pending) {
                    futures.add(pool.submit(() -> {
                        if (fatal.get() != null) return;
                        try {
                            computed.put(p.label(), compute(config, p, pointDirectory(dir, p), listener, perPoint, fatal));
                        } catch (TrainingStoppedException e) {
                            failed.put(p.label(), e.getMessage());
                            listener.failed(p, e.getMessage());
                        } catch (Cancelled e) {
                            // another point failed: this one stops at its last checkpoint, resumable
                        } catch (RuntimeException | Error e) {
                            fatal.compareAndSet(null, e);
                        }
                    }));
                }
                for (Future<?> f : futures) f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fatal.compareAndSet(null, new IllegalStateException("interrupted", e));
            } catch (ExecutionException e) {
                fatal.compareAndSet(null, e.getCause());
            } finally {
                pool.shutdownNow();
            }
            Throwable f = fatal.get();
            if (f instanceof RuntimeException re) throw re;
            if (f instanceof Error err) throw err;
            if (f != null) throw new IllegalStateException(f);
            List<PointResult> results = new ArrayList<>();
            List<SweepResult.Failure> failures = new ArrayList<>();
            List<String> computedLabels = new ArrayList<>();
            for (SweepPoint p : config.points()) {
                PointResult r = done.containsKey(p.label()) ? done.get(p.label()) : computed.get(p.label());
                if (r != null) results.add(r);
                if (computed.containsKey(p.label())) computedLabels.add(p.label());
                if (failed.containsKey(p.label())) failures.add(new SweepResult.Failure(p.label(), failed.get(p.label())));
            }
            SweepResult result = new SweepResult(config, results, failures, computedLabels, (System.nanoTime() - start) * 1e-9);
            SweepWriter.writeSummary(dir, result);
            return result;
        }
    }

    /**
     * The points finished by an earlier session (their result.json), after checking that everything in the
     * directory was computed with this configuration: a finished point's training, evaluation and references,
     * and an unfinished point's training checkpoint.
     */
    static Map<String, PointResult> finishedPoints(SweepConfig config, Path dir) {
        Map<String, PointResult> done = new LinkedHashMap<>();
        for (SweepPoint p : config.points()) {
            Path pd = pointDirectory(dir, p);
            String difference;
            if (Files.exists(pd.resolve(PointResult.FILE))) {
                PointResult r;
                try {
                    r = PointResult.read(pd);
                } catch (IOException e) {
                    throw new IllegalArgumentException("out: " + e.getMessage() + "; delete it to recompute the point");
                }
                difference = difference(p, r);
                if (difference == null) done.put(p.label(), r);
            } else if (Trainer.hasCheckpoint(pd)) {
                difference = Trainer.differenceFromRun(p.training(), pd);
            } else {
                difference = networkDifference(p, pd);
            }
            if (difference != null) {
                throw new IllegalArgumentException("out: " + pd + " was computed with another configuration (" + difference
                        + "); use another --out, or delete that directory to recompute the point");
            }
        }
        return done;
    }

    /**
     * A trained network without its checkpoints (deleted to save space, say) is still checked: its metadata
     * holds the training file it was trained with.
     */
    private static String networkDifference(SweepPoint p, Path pd) {
        Path net = pd.resolve("network.dann");
        if (!Files.exists(net)) return null;
        String yaml;
        try {
            yaml = NetworkFile.read(net).metadata().get("train.config");
        } catch (IOException e) {
            throw new IllegalArgumentException("out: " + net + ": " + e.getMessage() + "; delete it to retrain the point");
        }
        if (yaml == null) return "a network file without its training file (" + net + ")";
        return TrainConfigYaml.firstDifference(TrainConfigParser.parse(yaml, net.toString()), p.training());
    }

    /** The first difference between a stored result's configuration and the point's, or null. */
    static String difference(SweepPoint p, PointResult r) {
        TrainConfig was = TrainConfigParser.parse(r.trainingConfig(), "result.json");
        String d = TrainConfigYaml.firstDifference(was, p.training());
        if (d != null) return d;
        if (!p.evaluation().equals(r.evaluation())) return "evaluation: " + r.evaluation() + " -> " + p.evaluation();
        String before = PointResult.text(r.references()), now = PointResult.text(PointResult.referenceSettings(p.references()));
        if (!before.equals(now)) return "references: " + before + " -> " + now;
        return null;
    }

    private PointResult compute(SweepConfig config, SweepPoint p, Path pd, SweepListener listener, int perPoint,
                                AtomicReference<Throwable> fatal) {
        PointResult.Training training = train(p, pd, listener, fatal);
        if (fatal.get() != null) throw new Cancelled();
        listener.evaluating(p);
        ExperimentConfig e = p.experiment(config.name(), pd.resolve("network.dann"));
        ExperimentResult r = new ExperimentRunner(runner, perPoint).run(e, (d, t) -> {
        });
        Path ed = pd.resolve(EVALUATION);
        ExperimentWriter.write(ed, r, List.of("The evaluation of point " + p.label() + " of sweep " + config.name() + ".",
                "Repeat it with: dana experiment " + ed.resolve("config.resolved.yaml")));
        PointResult result = PointResult.of(p, training, r, TrainConfigYaml.render(p.training(), List.of()));
        result.write(pd);
        listener.finished(p, result);
        return result;
    }

    /** Trains the point's network unless an earlier session did; continues from a checkpoint if there is one. */
    private static PointResult.Training train(SweepPoint p, Path pd, SweepListener listener, AtomicReference<Throwable> fatal) {
        Path summary = pd.resolve("summary.json");
        if (!(Files.exists(pd.resolve("network.dann")) && Files.exists(summary))) {
            TrainingListener tl = new TrainingListener() {
                @Override
                public void started(long step, long plannedSteps, TrainConfig c) {
                    listener.trainingStarted(p, step, plannedSteps);
                }

                @Override
                public void stepped(LogRow row, long plannedSteps, TrainConfig c) {
                    // stop at once when another point failed: the run resumes from its last checkpoint
                    if (fatal.get() != null) throw new Cancelled();
                    listener.stepped(p, row, plannedSteps);
                }
            };
            String command = "dana train " + pd.resolve("config.resolved.yaml") + " --out " + pd + " (point " + p.label() + " of a sweep)";
            try (Trainer t = Trainer.hasCheckpoint(pd) ? Trainer.resume(p.training(), pd, tl, command)
                    : Trainer.start(p.training(), pd, tl, command)) {
                t.run();
            }
        }
        JsonNode s;
        String validation;
        try {
            s = JSON.readTree(summary.toFile());
            // the summary writes a diverged validation (infinite) and none (NaN) alike as null: the network's
            // metadata tells them apart
            validation = NetworkFile.read(pd.resolve("network.dann")).metadata().getOrDefault("train.validation_rmse_a", "nan");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the training of " + pd + ": " + e.getMessage(), e);
        }
        JsonNode v = s.path("validation_rmse_a");
        return new PointResult.Training(s.path("steps").asLong(), s.path("train_seconds").asDouble(),
                s.path("wall_seconds").asDouble(), v.isNumber() ? v.asDouble() : null, validation.equals("Infinity"),
                s.path("sample_cycles_per_second").asDouble());
    }

    /**
     * A rough cost of a point's training, to start the dearest first: samples x cycles x the network's
     * multiply-adds per grid point (the convolutions, filters^2 each). No need to be exact.
     */
    static double cost(TrainConfig c) {
        TrainingSpec t = c.training();
        NetworkSpec n = c.network();
        double steps = t.timed() ? t.minutes() * 60 : t.steps();
        double layers = n.blocks() * n.layersPerBlock() + 2.0;
        return steps * t.batch() * t.niter() * layers * n.filters() * (double) n.filters();
    }
}
