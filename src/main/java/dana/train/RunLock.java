package dana.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a run directory for the life of a training session, so that two sessions never write
 * the same checkpoints (a forgotten background run and a --resume, say). The operating system releases it
 * when the process dies, even by SIGKILL, so a killed run never leaves a stale lock behind.
 */
public final class RunLock implements AutoCloseable {

    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws IllegalArgumentException when another session holds the directory */
    static RunLock acquire(Path dir) {
        return acquire(dir, "training session");
    }

    /**
     * @param holder what holds such a lock, for the message ("sweep")
     * @throws IllegalArgumentException when another session holds the directory
     */
    public static RunLock acquire(Path dir, String holder) {
        try {
            Files.createDirectories(dir);
            FileChannel ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new IllegalArgumentException("--out: " + dir + " is in use by another " + holder);
            }
            return new RunLock(ch, l);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
