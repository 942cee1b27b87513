package dana.train;

/**
 * The training met a non-finite loss or gradient and stopped without updating the network; the message is one
 * line naming the step and the last good checkpoint, which is left as it was.
 */
public final class TrainingStoppedException extends RuntimeException {

    private final long step;

    public TrainingStoppedException(long step, String message) {
        super(message);
        this.step = step;
    }

    /** The step that failed (1-based: the update it would have made). */
    public long step() {
        return step;
    }
}
