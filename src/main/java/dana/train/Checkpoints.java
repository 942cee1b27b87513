package dana.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dana.experiment.AtomicFiles;
import dana.nn.AdamState;
import dana.nn.AdamStateFile;
import dana.nn.NetworkFile;
import dana.nn.ResidualCnn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The checkpoints of a training run, under {@code DIR/checkpoints}: each one a directory {@code step-NNNNNNNNN}
 * holding the network, the Adam state, the trajectory pool (one per grid size), the log so far and {@code state.json} (step,
 * planned steps, times, the resolved config). The random streams need no file of their own: every draw is a
 * pure function of the seed and of counters the checkpoint holds (the step, and each trajectory's generation
 * and cycle), which is what makes a resumed run continue bit for bit.
 *
 * <p>Atomicity: a checkpoint is written into a temporary directory, renamed to its final name, and only then
 * named in the file {@code latest} (itself replaced atomically); older checkpoints are deleted after that. A
 * run killed at any moment leaves {@code latest} naming a complete checkpoint.
 */
final class Checkpoints {

    static final String DIRECTORY = "checkpoints";
    static final String LATEST = "latest";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a checkpoint holds besides the network, the optimiser and the pool. */
    record State(long step, long plannedSteps, double trainSeconds, double wallSeconds, String configYaml) {
    }

    private final Path root;

    Checkpoints(Path runDirectory) {
        this.root = runDirectory.resolve(DIRECTORY);
    }

    Path root() {
        return root;
    }

    /** The latest complete checkpoint's directory, or null if there is none. */
    Path latest() {
        Path pointer = root.resolve(LATEST);
        if (!Files.exists(pointer)) return null;
        try {
            Path dir = root.resolve(Files.readString(pointer).trim());
            return Files.isDirectory(dir) ? dir : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer + ": " + e.getMessage(), e);
        }
    }

    static String name(long step) {
        return String.format("step-%09d", step);
    }

    /** Writes a checkpoint and makes it the latest; returns its directory. */
    Path save(State state, ResidualCnn network, Map<String, String> networkMetadata, AdamState adam,
              List<TrajectoryPool> pools, TrainingLog log) throws IOException {
        Files.createDirectories(root);
        String name = name(state.step());
        Path done = root.resolve(name);
        Path tmp = root.resolve("." + name + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        NetworkFile.save(tmp.resolve("network.dann"), network, networkMetadata);
        AdamStateFile.save(tmp.resolve("adam.bin"), adam);
        for (TrajectoryPool p : pools) PoolFile.save(tmp.resolve(poolFile(p, pools.size())), p);
        PoolFile.writeAtomically(tmp.resolve("training-log.csv"), log.toCsv().getBytes(StandardCharsets.UTF_8));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("format", FORMAT);
        s.put("step", state.step());
        s.put("planned_steps", state.plannedSteps());
        s.put("train_seconds", state.trainSeconds());
        s.put("wall_seconds", state.wallSeconds());
        s.put("random_streams", "derived from training.seed, the step, and each trajectory's generation and cycle ("
                + (pools.size() == 1 ? "pool.bin" : "pool-nxN.bin") + ")");
        s.put("config", state.configYaml());
        PoolFile.writeAtomically(tmp.resolve("state.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
        // the trainer never saves one step twice, so a directory of this name is the leftover of a run killed
        // between this rename and the pointer update below: 'latest' does not name it
        deleteTree(done);
        Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.write(root.resolve(LATEST), name + "\n");
        removeAllBut(name);
        return done;
    }

    /** A checkpoint read back. */
    record Loaded(Path directory, State state, NetworkFile.Contents network, AdamState adam, TrainingLog log) {
    }

    /** Reads the checkpoint in {@code dir}; the pools are read by {@link #loadPools}. */
    static Loaded load(Path dir) throws IOException {
        JsonNode s;
        try {
            s = JSON.readTree(Files.readAllBytes(dir.resolve("state.json")));
        } catch (NoSuchFileException e) {
            throw new IOException(dir + ": incomplete checkpoint (no state.json)");
        }
        if (s == null || !s.has("format") || s.get("format").asInt() != FORMAT) {
            throw new IOException(dir.resolve("state.json") + ": unsupported checkpoint format");
        }
        State state = new State(s.get("step").asLong(), s.get("planned_steps").asLong(), s.get("train_seconds").asDouble(),
                s.get("wall_seconds").asDouble(), s.get("config").asText());
        NetworkFile.Contents net = NetworkFile.read(dir.resolve("network.dann"));
        AdamState adam = AdamStateFile.read(dir.resolve("adam.bin"));
        String csv = Files.readString(dir.resolve("training-log.csv"));
        TrainingLog log = TrainingLog.parse(csv, dir.resolve("training-log.csv").toString());
        return new Loaded(dir, state, net, adam, log);
    }

    /** Reads the pools of a checkpoint into {@code pools}, which must have their shapes. */
    static void loadPools(Path dir, List<TrajectoryPool> pools) throws IOException {
        for (TrajectoryPool p : pools) {
            Path f = dir.resolve(poolFile(p, pools.size()));
            if (!Files.exists(f)) throw new IOException(dir + ": no " + f.getFileName() + " (the pool at Nx = " + p.nx + ")");
            PoolFile.load(f, p);
        }
    }

    /** pool.bin for a training at one grid size (as before there were several), pool-nxN.bin for each of several. */
    private static String poolFile(TrajectoryPool p, int pools) {
        return pools == 1 ? "pool.bin" : "pool-nx" + p.nx + ".bin";
    }

    private void removeAllBut(String keep) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p) && !n.equals(keep) && (n.startsWith("step-") || n.startsWith(".step-"))) {
                    deleteTree(p);
                }
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }
}
