package dana.train;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * The trajectory pool in a checkpoint: magic {@code DANAPOOL}, format version, Nr, nx, Ne, the truth and
 * analysis states (doubles, bit-exact), the generation and cycle counters, and a CRC32 of everything before
 * it. Written to a temporary file, forced to disk and renamed, like the network files.
 */
final class PoolFile {

    private static final byte[] MAGIC = "DANAPOOL".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private PoolFile() {
    }

    static void save(Path path, TrajectoryPool p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 8 * (p.truth.length + p.analysis.length + 2 * p.size));
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(p.size);
        out.writeInt(p.nx);
        out.writeInt(p.members);
        writeDoubles(out, p.truth);
        writeDoubles(out, p.analysis);
        for (long g : p.generation) out.writeLong(g);
        for (long c : p.cycle) out.writeLong(c);
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        out.flush();
        writeAtomically(path, bytes.toByteArray());
    }

    /** Reads the file into {@code p}, which must have the same shape. */
    static void load(Path path, TrajectoryPool p) throws IOException {
        byte[] all = Files.readAllBytes(path);
        if (all.length < MAGIC.length + 4 || !java.util.Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException(path + ": not a dana pool file");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 4);
        if (ByteBuffer.wrap(all, all.length - 4, 4).getInt() != (int) crc.getValue()) {
            throw new IOException(path + ": checksum mismatch (the file is damaged)");
        }
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, MAGIC.length, all.length - MAGIC.length - 4));
        int version = in.readInt();
        if (version != VERSION) throw new IOException(path + ": unsupported pool format version " + version);
        int size = in.readInt(), nx = in.readInt(), members = in.readInt();
        if (size != p.size || nx != p.nx || members != p.members) {
            throw new IOException(path + ": pool of " + size + " x " + members + " x " + nx + ", the config implies "
                    + p.size + " x " + p.members + " x " + p.nx);
        }
        readDoubles(in, p.truth);
        readDoubles(in, p.analysis);
        for (int j = 0; j < size; j++) p.generation[j] = in.readLong();
        for (int j = 0; j < size; j++) p.cycle[j] = in.readLong();
        if (in.available() != 0) throw new IOException(path + ": unexpected bytes after the counters");
    }

    private static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8 * a.length);
        buf.asDoubleBuffer().put(a);
        out.write(buf.array());
    }

    private static void readDoubles(DataInputStream in, double[] a) throws IOException {
        byte[] b = new byte[8 * a.length];
        in.readFully(b);
        ByteBuffer.wrap(b).asDoubleBuffer().get(a);
    }

    static void writeAtomically(Path path, byte[] content) throws IOException {
        Path abs = path.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
