package dana.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The network file format ({@link ChecksummedFile} container, magic {@code DANANET}, version
 * {@value #VERSION}). Payload: the {@link CnnConfig} fields in declaration order (the activation by name);
 * the tensor count, then per tensor its name, rank, dimensions and float values; then the metadata count and
 * key/value strings (e.g. how the network was trained). Tensors are checked against the layout the config
 * implies, so a file cannot load into a network of another shape.
 */
public final class NetworkFile {

    public static final String MAGIC = "DANANET";
    public static final int VERSION = 1;

    /** What a network file holds. */
    public record Contents(CnnConfig config, float[] values, Map<String, String> metadata) {
        public Contents {
            Objects.requireNonNull(config, "config");
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        public ResidualCnn toNetwork(EngineOptions options) {
            return ResidualCnn.withValues(config, values, options);
        }
    }

    private NetworkFile() {
    }

    /**
     * The network file's name without directory and extension (dan-l96-standard.dann -> dan-l96-standard), or,
     * for the file a training writes into its run directory, that directory's name
     * (networks/dan-l96-standard/network.dann -> dan-l96-standard).
     */
    public static String nameOf(String path) {
        Path p = Path.of(path);
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        Path parent = p.getParent();
        return stem.equals("network") && parent != null && parent.getFileName() != null
                ? parent.getFileName().toString() : stem;
    }

    /** Writes the network's config and parameter values, with {@code metadata}, atomically. */
    public static void save(Path path, ResidualCnn net, Map<String, String> metadata) throws IOException {
        CnnConfig c = net.config();
        BinaryCodec.Writer w = new BinaryCodec.Writer();
        w.writeInt(c.inChannels()).writeInt(c.outChannels()).writeInt(c.filters()).writeInt(c.blocks())
                .writeInt(c.layersPerBlock()).writeInt(c.kernel()).writeString(c.activation().name())
                .writeInt(c.headKernel()).writeDouble(c.headInitScale());
        Parameters p = net.parameters();
        List<Parameters.Tensor> tensors = p.tensors();
        w.writeInt(tensors.size());
        for (Parameters.Tensor t : tensors) {
            w.writeString(t.name()).writeInt(t.shape().size());
            for (int d : t.shape()) w.writeInt(d);
            w.writeFloats(p.values(), t.offset(), t.length());
        }
        w.writeInt(metadata.size());
        for (Map.Entry<String, String> e : metadata.entrySet()) w.writeString(e.getKey()).writeString(e.getValue());
        ChecksummedFile.write(path, MAGIC, VERSION, w.toByteArray());
    }

    public static Contents read(Path path) throws IOException {
        byte[] payload = ChecksummedFile.read(path, MAGIC, VERSION, "dana network");
        try {
            BinaryCodec.Reader r = new BinaryCodec.Reader(payload);
            int cin = r.readInt(), cout = r.readInt(), nf = r.readInt(), nb = r.readInt(), nsb = r.readInt();
            int k = r.readInt();
            String act = r.readString();
            Activation activation;
            try {
                activation = Activation.valueOf(act);
            } catch (IllegalArgumentException e) {
                throw new FileFormatException(path, "unknown activation '" + act + "'");
            }
            CnnConfig config = new CnnConfig(cin, cout, nf, nb, nsb, k, activation, r.readInt(), r.readDouble());
            // the layout the config implies, built without allocating a network (no threads started)
            Parameters expected = Layout.of(config);
            float[] values = new float[expected.size()];
            int count = r.readInt();
            if (count != expected.tensors().size()) {
                throw new FileFormatException(path, count + " tensors, the config implies " + expected.tensors().size());
            }
            for (Parameters.Tensor t : expected.tensors()) {
                String name = r.readString();
                int rank = r.readInt();
                if (!name.equals(t.name()) || rank != t.shape().size()) {
                    throw new FileFormatException(path, "tensor '" + name + "' of rank " + rank + " where the config "
                            + "implies '" + t.name() + "' of rank " + t.shape().size());
                }
                for (int d = 0; d < rank; d++) {
                    int dim = r.readInt();
                    if (dim != t.shape().get(d)) {
                        throw new FileFormatException(path, "tensor '" + name + "' has shape mismatch at dimension "
                                + d + ": " + dim + " vs " + t.shape().get(d));
                    }
                }
                float[] v = r.readFloats();
                if (v.length != t.length()) {
                    throw new FileFormatException(path, "tensor '" + name + "' has " + v.length + " values, expected "
                            + t.length());
                }
                System.arraycopy(v, 0, values, t.offset(), v.length);
            }
            int n = r.readInt();
            if (n < 0) throw new FileFormatException(path, "negative metadata count " + n);
            Map<String, String> meta = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) meta.put(r.readString(), r.readString());
            if (!r.atEnd()) throw new FileFormatException(path, "unexpected bytes after the metadata");
            return new Contents(config, values, meta);
        } catch (FileFormatException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new FileFormatException(path, "malformed network payload: " + e.getMessage(), e);
        }
    }

    /** Reads a network file into a new network with the given engine options. */
    public static ResidualCnn load(Path path, EngineOptions options) throws IOException {
        return read(path).toNetwork(options);
    }
}
