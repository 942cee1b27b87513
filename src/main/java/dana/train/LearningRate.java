package dana.train;

import dana.nn.LearningRateSchedule;

/**
 * The learning-rate section: linear warm-up to {@code peak} over {@code warmup} steps, then cosine decay to
 * {@code floor} at the last step of the run.
 */
public record LearningRate(double peak, long warmup, double floor) {

    public LearningRate {
        if (!(peak > 0) || !Double.isFinite(peak)) {
            throw new IllegalArgumentException("training.learning_rate.peak: must be a finite number > 0, got " + peak);
        }
        if (warmup < 0) throw new IllegalArgumentException("training.learning_rate.warmup: must be >= 0 steps, got " + warmup);
        if (!(floor >= 0) || !(floor <= peak)) {
            throw new IllegalArgumentException("training.learning_rate.floor: must be in [0, peak = " + peak + "], got " + floor);
        }
    }

    /** The schedule of a run of {@code totalSteps} steps. */
    public LearningRateSchedule schedule(long totalSteps) {
        return new LearningRateSchedule(peak, warmup, Math.max(0, totalSteps - warmup), floor);
    }
}
