package dana.train;

import dana.dan.DanLayout;
import dana.dan.DanNetworks;
import dana.experiment.AtomicFiles;
import dana.experiment.Json;
import dana.nn.Adam;
import dana.nn.AdamConfig;
import dana.nn.CnnConfig;
import dana.nn.EngineOptions;
import dana.nn.LearningRateSchedule;
import dana.nn.NetworkFile;
import dana.nn.ResidualCnn;
import dana.nn.VectorGemm;
import dana.plot.TrainingCurvesPlot;
import dana.run.Runner;
import dana.util.Seeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the learned analysis by truncated backpropagation through time on an online trajectory pool
 * (see {@link Unroll} for one step's computation), with gradient clipping, Adam on a warm-up + cosine schedule,
 * periodic validation by DA runs, checkpoints and the training log. A run lives in one directory:
 * <pre>
 *   config.resolved.yaml   the config with every key explicit
 *   training-log.csv       one row per step (written at each checkpoint and at the end)
 *   training-curves.png    loss and validation curves
 *   checkpoints/           the latest checkpoint (see {@link Checkpoints})
 *   network.dann           the final network with its metadata (at the end)
 *   summary.json           steps, times, throughput, final validation (at the end)
 * </pre>
 * Not thread-safe; close it to stop the engine's threads.
 */
public final class Trainer implements AutoCloseable {

    /** Engine shards: fixed, so that results are bit-identical for any thread count. */
    static final int SHARDS = 8;
    /** A time-budgeted run fixes its step count once this many steps (or the warm-up, if longer) are done. */
    static final long PLAN_AFTER = 10;

    private final TrainConfig config;
    private final Path dir;
    private final RunLock lock;
    private final TrainingListener listener;
    private final String command;
    private final DanLayout layout;
    private final CnnConfig cnn;
    private final ResidualCnn network;
    private final Adam adam;
    private final List<TrajectoryPool> pools;
    private final TrainingStep stepper;
    private final Validator validator;
    private final Checkpoints checkpoints;
    private final TrainingLog log;
    private final String configYaml;
    private long step;
    private long plannedSteps;
    private double trainSeconds;
    private final double wallBefore;
    private final long sessionStart = System.nanoTime();
    private long lastCheckpoint;

    private Trainer(TrainConfig config, Path dir, RunLock lock, TrainingListener listener, String command, ResidualCnn network,
                    Adam adam, List<TrajectoryPool> pools, TrainingLog log, long step, long plannedSteps,
                    double trainSeconds, double wallBefore, long lastCheckpoint) {
        this.config = config;
        this.dir = dir;
        this.lock = lock;
        this.listener = listener;
        this.command = command;
        this.layout = config.network().layout(config.precisionChannel());
        this.cnn = config.network().cnn(config.precisionChannel());
        this.network = network;
        this.adam = adam;
        this.pools = pools;
        TrainingSpec t = config.training();
        this.stepper = new TrainingStep(config, network, adam, pools);
        this.validator = new Validator(config, new Runner(), t.threads());
        this.checkpoints = new Checkpoints(dir);
        this.log = log;
        this.configYaml = TrainConfigYaml.render(config, List.of());
        this.step = step;
        this.plannedSteps = plannedSteps;
        this.trainSeconds = trainSeconds;
        this.wallBefore = wallBefore;
        this.lastCheckpoint = lastCheckpoint;
    }

    static EngineOptions engine(TrainConfig c) {
        return new EngineOptions(c.training().threads(), SHARDS, new VectorGemm());
    }

    /** The pools of {@code c}, one per grid size in the order of {@code c.nx()}: fresh, or empty (to be loaded). */
    static List<TrajectoryPool> pools(TrainConfig c, boolean fresh) {
        return c.nx().stream().map(n -> fresh ? TrajectoryPool.fresh(c, n) : TrajectoryPool.empty(c, n)).toList();
    }

    /**
     * A new run in {@code dir}: a network initialised from the seed (or read from {@code training.initial_weights}),
     * a fresh pool. Refuses a directory that already holds a checkpoint (that run would be overwritten: resume it
     * instead).
     */
    public static Trainer start(TrainConfig config, Path dir, TrainingListener listener, String command) {
        Checkpoints cp = new Checkpoints(dir);
        if (cp.latest() != null) {
            throw new IllegalArgumentException("--out: " + dir + " already holds a training run (checkpoint "
                    + cp.latest().getFileName() + "); continue it with --resume, or choose another --out");
        }
        NetworkFile.Contents initial = initialWeights(config); // before anything is written: a bad file leaves no run
        RunLock lock = RunLock.acquire(dir);
        try {
            return startLocked(config, dir, lock, listener, command, initial);
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    /**
     * The network file of {@code training.initial_weights}, checked against the configured architecture, or null.
     * Only the initialisation scale of the head may differ (it does not apply to given weights).
     */
    static NetworkFile.Contents initialWeights(TrainConfig config) {
        String file = config.training().initialWeights();
        if (file == null) return null;
        NetworkFile.Contents c;
        try {
            c = NetworkFile.read(Path.of(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("training.initial_weights: cannot read " + file + ": no such file; "
                    + "give a network file written by dana train (a path from the working directory)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("training.initial_weights: cannot read " + file + ": " + e.getMessage()
                    + "; give a network file written by dana train", e);
        }
        CnnConfig want = config.network().cnn(config.precisionChannel());
        CnnConfig got = c.config();
        CnnConfig gotAsWanted = new CnnConfig(got.inChannels(), got.outChannels(), got.filters(), got.blocks(),
                got.layersPerBlock(), got.kernel(), got.activation(), got.headKernel(), want.headInitScale());
        if (!gotAsWanted.equals(want)) {
            throw new IllegalArgumentException("training.initial_weights: " + file + " is a " + describe(got)
                    + " network, the config's is " + describe(want) + "; make the network section match the file");
        }
        return c;
    }

    private static String describe(CnnConfig c) {
        return String.format(Locale.ROOT, "%d-input Nf=%d Nb=%d Nsb=%d kernel %d/%d %s", c.inChannels(), c.filters(),
                c.blocks(), c.layersPerBlock(), c.kernel(), c.headKernel(), c.activation().name().toLowerCase(Locale.ROOT));
    }

    private static Trainer startLocked(TrainConfig config, Path dir, RunLock lock, TrainingListener listener,
                                       String command, NetworkFile.Contents initial) {
        TrainingSpec t = config.training();
        ResidualCnn net = initial != null
                ? ResidualCnn.withValues(config.network().cnn(config.precisionChannel()), initial.values(), engine(config))
                : new ResidualCnn(config.network().cnn(config.precisionChannel()),
                        Seeds.derive(t.seed(), "train-network"), engine(config));
        Adam adam = new Adam(net.parameters(), AdamConfig.defaults());
        Trainer tr = new Trainer(config, dir, lock, listener, command, net, adam, pools(config, true), new TrainingLog(), 0,
                t.timed() ? 0 : t.steps(), 0, 0, -1);
        tr.writeResolvedConfig();
        return tr;
    }

    /** Continues the run in {@code dir} from its latest checkpoint; the config must be the one it ran with. */
    public static Trainer resume(TrainConfig config, Path dir, TrainingListener listener, String command) {
        if (new Checkpoints(dir).latest() == null) {
            throw new IllegalArgumentException("--resume: " + dir + " holds no checkpoint to resume from");
        }
        RunLock lock = RunLock.acquire(dir);
        try {
            return resumeLocked(config, dir, lock, listener, command);
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    private static Trainer resumeLocked(TrainConfig config, Path dir, RunLock lock, TrainingListener listener,
                                        String command) {
        // read under the lock: a session that was still running could have moved the pointer meanwhile
        Path latest = new Checkpoints(dir).latest();
        Checkpoints.Loaded l;
        List<TrajectoryPool> pools = pools(config, false);
        try {
            l = Checkpoints.load(latest);
            TrainConfig was = TrainConfigParser.parse(l.state().configYaml(), latest.resolve("state.json").toString());
            String diff = TrainConfigYaml.firstDifference(was, config);
            if (diff != null) {
                throw new IllegalArgumentException("--resume: the config differs from the run in " + dir + " at "
                        + diff + "; resume with the file the run started with (only name and training.threads may change)");
            }
            Checkpoints.loadPools(latest, pools);
        } catch (IOException e) {
            throw new IllegalArgumentException("--resume: " + e.getMessage());
        }
        ResidualCnn net = l.network().toNetwork(engine(config));
        Adam adam = new Adam(net.parameters(), l.adam());
        Checkpoints.State s = l.state();
        return new Trainer(config, dir, lock, listener, command, net, adam, pools, l.log(), s.step(), s.plannedSteps(),
                s.trainSeconds(), s.wallSeconds(), s.step());
    }

    public long step() {
        return step;
    }

    public TrainingLog log() {
        return log;
    }

    public ResidualCnn network() {
        return network;
    }

    /** Trains to the end of the run. */
    public Outcome run() {
        return run(Long.MAX_VALUE);
    }

    /**
     * Trains until the run's end, or until step {@code stopAt} (then writes a checkpoint and returns unfinished:
     * a later {@link #resume} continues exactly as if it had not stopped).
     *
     * @throws TrainingStoppedException on a non-finite loss or gradient (the last checkpoint is kept)
     */
    public Outcome run(long stopAt) {
        listener.started(step, plannedSteps, config);
        while (!done()) {
            if (step >= stopAt) {
                checkpoint();
                return outcome(false, null);
            }
            trainOneStep();
        }
        if (!log.rows().isEmpty() && !log.last().validated()) {
            log.replaceLast(log.last().withValidation(validate("final"), wallSeconds()));
            listener.stepped(log.last(), plannedSteps, config);
        }
        checkpoint();
        Path net = dir.resolve("network.dann");
        try {
            NetworkFile.save(net, network, finalMetadata());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + net + ": " + e.getMessage(), e);
        }
        Outcome o = outcome(true, net);
        AtomicFiles.write(dir.resolve("summary.json"), Json.pretty(summary(o)) + "\n");
        return o;
    }

    private boolean done() {
        TrainingSpec t = config.training();
        if (plannedSteps > 0 && step >= plannedSteps) return true;
        return t.timed() && trainSeconds >= 60 * t.minutes();
    }

    private void trainOneStep() {
        TrainingSpec t = config.training();
        long t0 = System.nanoTime();
        double lr = schedule().rate(step);
        TrainingStep.Result r = stepper.run(step, lr);
        if (r.mostlyLost()) {
            stop(r.lostTrajectories() + " of the " + r.batch() + " trajectories of the batch left the attractor (|x| > "
                    + String.format(Locale.ROOT, "%.0f", Unroll.boundFor(config.model().forcing())) + ")");
        }
        if (!Double.isFinite(r.loss())) stop("the loss is " + r.loss());
        if (!r.finite()) stop("the gradient norm is " + r.gradientNorm());
        step++;
        if (r.lostTrajectories() > 0) {
            listener.lostTrajectories(step, r.lostTrajectories(), Unroll.boundFor(config.model().forcing()));
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        trainSeconds += seconds;
        log.add(new LogRow(step, r.loss(), r.gradientNorm(), lr, (double) t.batch() * t.niter() / seconds, trainSeconds,
                wallSeconds(), Double.NaN));
        if (t.timed() && plannedSteps == 0 && step >= Math.max(PLAN_AFTER, t.learningRate().warmup())) plan();
        int every = config.validation().every();
        if (every > 0 && step % every == 0) {
            log.replaceLast(log.last().withValidation(validate("step " + step), wallSeconds()));
        }
        listener.stepped(log.last(), plannedSteps, config);
        if (step % config.checkpointEvery() == 0 && !done()) checkpoint();
    }

    /**
     * Fixes the length of a time-budgeted run from the speed of the last quarter of the steps so far (the first
     * ones include the JIT compilation: about 10% slower in a measured run): the cosine decay then ends when the
     * budget does.
     */
    private void plan() {
        List<LogRow> rows = log.rows();
        LogRow last = rows.get(rows.size() - 1);
        LogRow mid = rows.get(rows.size() * 3 / 4);
        double perStep = (last.trainSeconds() - mid.trainSeconds()) / Math.max(1, last.step() - mid.step());
        double left = 60 * config.training().minutes() - trainSeconds;
        plannedSteps = step + Math.max(0, (long) Math.floor(left / perStep));
    }

    private LearningRateSchedule schedule() {
        // before a time-budgeted run is planned, the decay horizon is unknown: the warm-up, then the peak
        return config.training().learningRate().schedule(plannedSteps > 0 ? plannedSteps : Long.MAX_VALUE / 4);
    }

    private double validate(String label) {
        return validator.validate(cnn, network.parameters().values(), layout, "(training, " + label + ")");
    }

    private double wallSeconds() {
        return wallBefore + (System.nanoTime() - sessionStart) * 1e-9;
    }

    private void stop(String what) {
        long failed = step + 1;
        String kept = lastCheckpoint >= 0
                ? "the last good checkpoint (step " + lastCheckpoint + ") is in " + checkpoints.root().resolve(Checkpoints.name(lastCheckpoint))
                : "no checkpoint had been written yet (the first is due at step " + config.checkpointEvery() + ")";
        writeLogFiles();
        throw new TrainingStoppedException(failed, "training stopped at step " + failed + ": " + what
                + " (the network or the model blew up; try a lower learning rate or clip); " + kept);
    }

    private void checkpoint() {
        if (lastCheckpoint == step) return;
        try {
            Map<String, String> meta = new LinkedHashMap<>(DanNetworks.metadata(layout));
            meta.put("train.step", Long.toString(step));
            checkpoints.save(new Checkpoints.State(step, plannedSteps, trainSeconds, wallSeconds(), configYaml), network,
                    meta, adam.state(), pools, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint in " + checkpoints.root() + ": " + e.getMessage(), e);
        }
        lastCheckpoint = step;
        writeLogFiles();
        listener.checkpointed(step);
    }

    private void writeResolvedConfig() {
        List<String> header = new java.util.ArrayList<>(List.of("The training run as configured, every key explicit. Continue it with:",
                "dana train " + dir.resolve("config.resolved.yaml") + " --out " + dir + " --resume"));
        String initial = config.training().initialWeights();
        if (initial != null) header.add("initial weights: " + initial + ", SHA-256 " + sha256(Path.of(initial)));
        AtomicFiles.write(dir.resolve("config.resolved.yaml"), TrainConfigYaml.render(config, header));
    }

    private static String sha256(Path file) {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** training-log.csv and training-curves.png from the rows so far. */
    private void writeLogFiles() {
        AtomicFiles.write(dir.resolve("training-log.csv"), log.toCsv());
        List<LogRow> rows = log.rows();
        double[] steps = new double[rows.size()], loss = new double[rows.size()];
        int v = (int) rows.stream().filter(LogRow::validated).count();
        double[] vm = new double[v], vr = new double[v];
        int j = 0;
        for (int i = 0; i < rows.size(); i++) {
            LogRow r = rows.get(i);
            steps[i] = r.step();
            loss[i] = r.loss();
            if (r.validated()) {
                vm[j] = r.trainSeconds() / 60;
                vr[j++] = r.validationRmse();
            }
        }
        AtomicFiles.write(dir.resolve("training-curves.png"),
                TrainingCurvesPlot.render(config.name(), steps, loss, vm, vr, Double.NaN, ""));
    }

    private Map<String, String> finalMetadata() {
        Map<String, String> m = new LinkedHashMap<>(DanNetworks.metadata(layout));
        LogRow lastValidation = log.lastValidation();
        ValidationSpec v = config.validation();
        m.put("train.steps", Long.toString(step));
        m.put("train.validation_rmse_a", lastValidation == null ? "nan" : Double.toString(lastValidation.validationRmse()));
        m.put("train.validation", String.format(Locale.ROOT, "mean analysis RMSE over seeds %s, %d cycles after %d of burn-in",
                v.seeds(), v.cycles() - v.burnIn(), v.burnIn()));
        m.put("train.train_seconds", String.format(Locale.ROOT, "%.1f", trainSeconds));
        m.put("train.wall_seconds", String.format(Locale.ROOT, "%.1f", wallSeconds()));
        m.put("train.command", command);
        m.put("train.config", configYaml);
        return m;
    }

    private Outcome outcome(boolean finished, Path net) {
        LogRow v = log.lastValidation();
        TrainingSpec t = config.training();
        double throughput = trainSeconds > 0 ? (double) step * t.batch() * t.niter() / trainSeconds : 0;
        return new Outcome(step, finished, net, v == null ? Double.NaN : v.validationRmse(), trainSeconds,
                wallSeconds(), throughput);
    }

    private Map<String, Object> summary(Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", config.name());
        m.put("steps", o.steps());
        m.put("network", o.network().toString());
        m.put("validation_rmse_a", Double.isFinite(o.validationRmse()) ? o.validationRmse() : null);
        m.put("validation_seeds", config.validation().seeds());
        m.put("train_seconds", o.trainSeconds());
        m.put("wall_seconds", o.wallSeconds());
        m.put("sample_cycles_per_second", o.sampleCyclesPerSecond());
        m.put("parameters", network.parameters().size());
        m.put("command", command);
        return m;
    }

    @Override
    public void close() {
        network.close();
        lock.close();
    }

    /**
     * The first setting in which the run in {@code dir} (its latest checkpoint, which a finished run also has)
     * differs from {@code config}, as {@code training.steps: 2500 -> 3000}; null when {@code dir} holds no run or
     * the run is {@code config}'s (its name and {@code training.threads} may differ). Lets a caller refuse a mismatch before
     * it starts any work, as {@link #resume} would when it gets there.
     */
    public static String differenceFromRun(TrainConfig config, Path dir) {
        if (!hasCheckpoint(dir)) return null;
        Path latest = new Checkpoints(dir).latest();
        try {
            Checkpoints.State s = Checkpoints.load(latest).state();
            TrainConfig was = TrainConfigParser.parse(s.configYaml(), latest.resolve("state.json").toString());
            return TrainConfigYaml.firstDifference(was, config);
        } catch (IOException e) {
            throw new IllegalArgumentException("--resume: " + e.getMessage());
        }
    }

    /** True when {@code dir} holds a checkpoint. */
    public static boolean hasCheckpoint(Path dir) {
        return Files.isDirectory(dir) && new Checkpoints(dir).latest() != null;
    }
}
