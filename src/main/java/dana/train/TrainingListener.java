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

    /** A checkpoint of step {@code step} was written. */
    default void checkpointed(long step) {
    }
}
