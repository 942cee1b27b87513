package dana.train;

/** Receives the progress of a training run (the command line draws it; tests ignore it). */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {
    };

    /** The run starts or resumes at {@code step}; {@code plannedSteps} is 0 while a time budget is unplanned. */
    default void started(long step, long plannedSteps, TrainConfig config) {
    }

    /** A step finished (with its validation, if one ran after it). */
    default void stepped(LogRow row, long plannedSteps, TrainConfig config) {
    }

    /**
     * In step {@code step} (1-based), {@code count} trajectories left the attractor (a component beyond
     * {@code bound}): left out of the loss and gradient, their pool slots reset.
     */
    default void lostTrajectories(long step, int count, double bound) {
    }

    /** A checkpoint of step {@code step} was written. */
    default void checkpointed(long step) {
    }
}
