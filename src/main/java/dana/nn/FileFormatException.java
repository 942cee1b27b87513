package dana.nn;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a valid file of the expected kind; the message is one line naming the file. */
public final class FileFormatException extends IOException {

    public FileFormatException(Path file, String mismatch) {
        super(file + ": " + mismatch);
    }

    public FileFormatException(Path file, String mismatch, Throwable cause) {
        super(file + ": " + mismatch, cause);
    }
}
