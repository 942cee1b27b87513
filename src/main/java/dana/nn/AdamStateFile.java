package dana.nn;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The optimiser checkpoint format ({@link ChecksummedFile} container, magic {@code DANAOPT}, version
 * {@value #VERSION}): beta1, beta2, epsilon, weight decay, the step count, then the two moment vectors.
 */
public final class AdamStateFile {

    public static final String MAGIC = "DANAOPT";
    public static final int VERSION = 1;

    private AdamStateFile() {
    }

    public static void save(Path path, AdamState state) throws IOException {
        AdamConfig c = state.config();
        BinaryCodec.Writer w = new BinaryCodec.Writer();
        w.writeDouble(c.beta1()).writeDouble(c.beta2()).writeDouble(c.epsilon()).writeDouble(c.weightDecay())
                .writeLong(state.step())
                .writeFloats(state.firstMoment(), 0, state.firstMoment().length)
                .writeFloats(state.secondMoment(), 0, state.secondMoment().length);
        ChecksummedFile.write(path, MAGIC, VERSION, w.toByteArray());
    }

    public static AdamState read(Path path) throws IOException {
        byte[] payload = ChecksummedFile.read(path, MAGIC, VERSION, "dana optimiser state");
        try {
            BinaryCodec.Reader r = new BinaryCodec.Reader(payload);
            AdamConfig config = new AdamConfig(r.readDouble(), r.readDouble(), r.readDouble(), r.readDouble());
            long step = r.readLong();
            float[] m = r.readFloats();
            float[] v = r.readFloats();
            if (!r.atEnd()) throw new FileFormatException(path, "unexpected bytes after the moments");
            return new AdamState(config, step, m, v);
        } catch (FileFormatException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new FileFormatException(path, "malformed optimiser payload: " + e.getMessage(), e);
        }
    }
}
