package dana.experiment;

import dana.nn.ChecksummedFile;
import dana.nn.FileFormatException;
import dana.run.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The finished runs of an experiment directory ({@code DIR/runs/}), one file per (configuration, seed), each
 * written atomically the moment its run ends, so that an interrupted experiment loses only the runs in progress.
 *
 * <p>A run is found by what it computes, not by its id: the file name is a hash of the run's every key but the
 * id (model, observations, method, lengths, divergence criterion), its seed and, for a network, the SHA-256 of
 * the network file's bytes, so a retrained network or a changed configuration is never mistaken for a stored
 * one, while a run moved to another experiment file (other ids, other companions) still is found. The key text is
 * stored in the file too and compared on reading. What the key cannot see is the code: a result stored by an
 * older build of dana is reused as it is.
 *
 * <p>The file is the engine's checksummed container ({@link ChecksummedFile}: magic "DANARUN", format version,
 * length, CRC32; written atomically) around the key and every number of the {@link RunResult} (its series and
 * field window included, doubles bit for bit); reading it back gives a result equal to the one written.
 */
public final class FinishedRuns {

    private static final String MAGIC = "DANARUN";
    private static final int VERSION = 1;

    private final Path dir;
    private final boolean reuse;
    /** The network files' hashes, computed once per path and experiment. */
    private final Map<String, String> networkHashes = new ConcurrentHashMap<>();

    private FinishedRuns(Path dir, boolean reuse) {
        this.dir = dir;
        this.reuse = reuse;
    }

    /**
     * @param reuse whether {@link #find} returns stored runs ({@code --resume}); runs are saved either way, so
     *              that any experiment can be resumed
     */
    public static FinishedRuns in(Path experimentDir, boolean reuse) {
        return new FinishedRuns(experimentDir.resolve("runs"), reuse);
    }

    /** Neither saves nor finds anything (an experiment run in memory, e.g. a sweep point's evaluation). */
    public static FinishedRuns none() {
        return new FinishedRuns(null, false);
    }

    /** The stored result of this run, or null if there is none (or reuse is off). */
    public RunResult find(RunConfig config, long seed) {
        if (dir == null || !reuse) return null;
        String key = key(config, seed);
        Path file = file(key);
        if (!Files.exists(file)) return null;
        try {
            Stored s = decode(ChecksummedFile.read(file, MAGIC, VERSION, "stored run"));
            // two keys with one 64-bit hash prefix: astronomically unlikely, and then simply not the same run
            if (!s.key.equals(key)) return null;
            return s.toResult(config.spec(seed));
        } catch (FileFormatException e) {
            throw new IllegalArgumentException("resume: " + e.getMessage() + "; delete it to recompute that run");
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("resume: " + file + ": unreadable (" + e.getMessage()
                    + "); delete it to recompute that run");
        }
    }

    public void save(RunConfig config, long seed, RunResult result) {
        if (dir == null) return;
        String key = key(config, seed);
        Path file = file(key);
        try {
            ChecksummedFile.write(file, MAGIC, VERSION, encode(key, result));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The text that identifies a run: every key but the id, the seed, and the network file's SHA-256. */
    String key(RunConfig config, long seed) {
        Map<String, Object> v = new java.util.LinkedHashMap<>(config.values());
        v.remove(RunKey.ID.key);
        StringBuilder sb = new StringBuilder(v.toString()).append(" seed=").append(seed);
        String network = config.method().network();
        if (network != null) sb.append(" network-sha256=").append(networkHashes.computeIfAbsent(network, FinishedRuns::sha256Of));
        return sb.toString();
    }

    private Path file(String key) {
        return dir.resolve(hex(sha256(key.getBytes(StandardCharsets.UTF_8))).substring(0, 16) + ".run");
    }

    private static String sha256Of(String path) {
        try {
            return hex(sha256(Files.readAllBytes(Path.of(path))));
        } catch (IOException e) {
            // the experiment has already loaded the network, so this is a file that vanished since
            throw new IllegalArgumentException("network: cannot read " + path + " (" + e.getMessage() + ")");
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] encode(String key, RunResult r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(key);
            for (double x : new double[] {r.rmseA(), r.rmseASe(), r.rmseF(), r.spreadA(), r.spreadF(), r.seconds(), r.rmseS()}) {
                out.writeDouble(x);
            }
            out.writeBoolean(r.diverged());
            out.writeInt(r.divergedAtCycle());
            RunResult.Series s = r.series();
            out.writeInt(s.lastCycle());
            for (double[] a : new double[][] {s.rmseA(), s.rmseF(), s.spreadA(), s.spreadF(), s.rmseS()}) writeArray(out, a);
            RunResult.FieldWindow f = r.fields();
            out.writeInt(f.firstCycle());
            out.writeInt(f.cycles());
            out.writeInt(f.nx());
            writeArray(out, f.truth());
            writeArray(out, f.analysis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private record Stored(String key, double[] numbers, boolean diverged, int divergedAt, RunResult.Series series,
                          RunResult.FieldWindow fields) {
        RunResult toResult(dana.run.RunSpec spec) {
            double[] n = numbers;
            return new RunResult(spec, n[0], n[1], n[2], n[3], n[4], n[5], diverged, divergedAt, series, fields, n[6]);
        }
    }

    /** The payload of a stored-run file (the container's header and checksum already verified). */
    private static Stored decode(byte[] payload) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            String key = in.readUTF();
            double[] numbers = new double[7];
            for (int i = 0; i < numbers.length; i++) numbers[i] = in.readDouble();
            boolean diverged = in.readBoolean();
            int divergedAt = in.readInt();
            int last = in.readInt();
            double[][] a = new double[5][];
            for (int i = 0; i < a.length; i++) a[i] = readArray(in);
            RunResult.Series series = new RunResult.Series(a[0], a[1], a[2], a[3], last, a[4]);
            int first = in.readInt(), cycles = in.readInt(), nx = in.readInt();
            RunResult.FieldWindow fields = new RunResult.FieldWindow(first, cycles, nx, readArray(in), readArray(in));
            if (in.available() != 0) throw new IOException(in.available() + " trailing bytes");
            return new Stored(key, numbers, diverged, divergedAt, series, fields);
        }
    }

    /** A null array is written as length -1 (the smoothed series of a filter). */
    private static void writeArray(DataOutputStream out, double[] a) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(a.length);
        for (double x : a) out.writeDouble(x);
    }

    private static double[] readArray(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) return null;
        if (n < 0 || n > in.available() / 8) throw new IOException("an array of " + n + " doubles runs past the end");
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = in.readDouble();
        return a;
    }
}
