package dana.sweep;

import dana.train.LogRow;

/**
 * Receives the progress of a sweep (the command line prints it; tests record it). Points run side by side, so
 * the methods are called from several threads: implementations must be thread-safe.
 */
public interface SweepListener {

    SweepListener NONE = new SweepListener() {
    };

    /** The sweep starts: {@code finished} points were done by an earlier session and are skipped. */
    default void started(SweepConfig config, int finished, int parallel, int threadsPerPoint) {
    }

    /** A point finished by an earlier session: its stored result is used as it is. */
    default void skipped(SweepPoint point, PointResult result) {
    }

    /** A point's training starts ({@code fromStep} 0) or resumes from its latest checkpoint. */
    default void trainingStarted(SweepPoint point, long fromStep, long plannedSteps) {
    }

    /** A training step of a point finished (with its validation, if one ran). */
    default void stepped(SweepPoint point, LogRow row, long plannedSteps) {
    }

    /** The point's network is trained (now or by an earlier session); its evaluation starts. */
    default void evaluating(SweepPoint point) {
    }

    /** The point is finished and its result written. */
    default void finished(SweepPoint point, PointResult result) {
    }

    /** The point's training stopped on a non-finite loss or gradient: the sweep goes on without it. */
    default void failed(SweepPoint point, String message) {
    }
}
