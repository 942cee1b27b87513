package dana.nn;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * The container shared by the engine's binary files: 7 magic bytes naming the kind of file, a 4-byte format
 * version, the 8-byte payload length, the payload, and the CRC32 of everything before it (big-endian
 * throughout). Written atomically: to a temporary file in the same directory, forced to disk, then moved over
 * the target with ATOMIC_MOVE, so a reader sees the old file or the new one, never half of one.
 */
public final class ChecksummedFile {

    private static final int HEADER = 7 + 4 + 8;
    private static final int TRAILER = 4;

    private ChecksummedFile() {
    }

    public static void write(Path path, String magic, int version, byte[] payload) throws IOException {
        byte[] m = magicBytes(magic);
        ByteBuffer header = ByteBuffer.allocate(HEADER).put(m).putInt(version).putLong(payload.length);
        CRC32 crc = new CRC32();
        crc.update(header.array());
        crc.update(payload);
        byte[] trailer = ByteBuffer.allocate(TRAILER).putInt((int) crc.getValue()).array();
        Path abs = path.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                out.write(header.array());
                out.write(payload);
                out.write(trailer);
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The verified payload of a file of the given kind and version. */
    public static byte[] read(Path path, String magic, int version, String kind) throws IOException {
        byte[] all = Files.readAllBytes(path);
        byte[] m = magicBytes(magic);
        if (all.length < m.length || !java.util.Arrays.equals(all, 0, m.length, m, 0, m.length)) {
            throw new FileFormatException(path, "not a " + kind + " file (magic bytes are not " + magic + ")");
        }
        if (all.length < HEADER + TRAILER) {
            throw new FileFormatException(path, "truncated: " + all.length + " bytes, shorter than the header");
        }
        ByteBuffer buf = ByteBuffer.wrap(all);
        int v = buf.getInt(m.length);
        if (v != version) {
            throw new FileFormatException(path, "unsupported " + kind + " format version " + v + " (this build reads "
                    + version + ")");
        }
        long length = buf.getLong(m.length + 4);
        long expected = HEADER + length + TRAILER;
        if (length < 0 || expected != all.length) {
            throw new FileFormatException(path, (all.length < expected ? "truncated" : "has trailing bytes") + ": "
                    + all.length + " bytes, the header announces " + expected);
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - TRAILER);
        int stored = buf.getInt(all.length - TRAILER);
        if (stored != (int) crc.getValue()) {
            throw new FileFormatException(path, String.format("checksum mismatch (stored CRC32 %08x, computed %08x)",
                    stored, (int) crc.getValue()));
        }
        return java.util.Arrays.copyOfRange(all, HEADER, all.length - TRAILER);
    }

    private static byte[] magicBytes(String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        if (m.length != 7) throw new IllegalArgumentException("magic must be 7 ASCII characters: " + magic);
        return m;
    }
}
