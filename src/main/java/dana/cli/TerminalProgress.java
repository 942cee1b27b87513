package dana.cli;

import dana.run.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A progress line on the terminal: cycles done, rate and ETA, redrawn in place at most a few times a second.
 * Thread-safe: the runs of an experiment report from several threads. Call {@link #finish()} to clear it.
 */
final class TerminalProgress implements Progress {

    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final String label;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;
    private long maxDone;
    private int drawnWidth;

    /** @param enabled draw anything at all (see {@link #wanted(boolean)}) */
    TerminalProgress(PrintWriter err, String label, boolean enabled) {
        this.err = err;
        this.label = label;
        this.enabled = enabled;
    }

    /** Progress is shown when stderr is an interactive terminal and the user did not ask for --quiet. */
    static boolean wanted(boolean quiet) {
        return !quiet && isTerminal();
    }

    /**
     * Progress only makes sense for a person watching: never into files or pipes. On Linux the file behind
     * stderr tells exactly (a redirected {@code 2>log} must stay clean even when stdout is the terminal);
     * elsewhere the Java console, which reflects stdin and stdout, is the best guess.
     */
    static boolean isTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            java.io.Console c = System.console();
            return c != null && c.isTerminal();
        }
    }

    @Override
    public synchronized void update(long done, long total) {
        if (!enabled) return;
        maxDone = Math.max(maxDone, done);
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && maxDone < total) return;
        lastDraw = now;
        double seconds = (now - start) * 1e-9;
        double rate = seconds > 0 ? maxDone / seconds : 0;
        String eta = rate > 0 ? clock((total - maxDone) / rate) : "?";
        String line = String.format(Locale.ROOT, "%s: %,d/%,d cycles (%.0f%%), %,.0f cycles/s, ETA %s",
                label, maxDone, total, total > 0 ? 100.0 * maxDone / total : 100.0, rate, eta);
        err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = line.length();
    }

    synchronized void finish() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
