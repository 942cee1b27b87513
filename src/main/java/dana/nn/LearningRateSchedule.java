package dana.nn;

/**
 * Learning rate per step: linear warm-up from 0 to {@code peak} over {@code warmupSteps}, then cosine decay
 * from {@code peak} to {@code floor} over {@code decaySteps}, then {@code floor}.
 *
 * @param peak        the rate at the end of the warm-up, > 0
 * @param warmupSteps steps of linear warm-up, >= 0 (0: start at peak)
 * @param decaySteps  steps of cosine decay after the warm-up, >= 0 (0: constant peak)
 * @param floor       the final rate, in [0, peak]
 */
public record LearningRateSchedule(double peak, long warmupSteps, long decaySteps, double floor) {

    public LearningRateSchedule {
        if (!(peak > 0) || !Double.isFinite(peak)) throw new IllegalArgumentException("peak must be finite and > 0, got " + peak);
        if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        if (decaySteps < 0) throw new IllegalArgumentException("decaySteps must be >= 0, got " + decaySteps);
        if (!(floor >= 0 && floor <= peak)) {
            throw new IllegalArgumentException("floor must be in [0, peak=" + peak + "], got " + floor);
        }
    }

    public static LearningRateSchedule constant(double rate) {
        return new LearningRateSchedule(rate, 0, 0, rate);
    }

    /** The rate for step {@code step} (0-based: the first update uses step 0). */
    public double rate(long step) {
        if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
        if (step < warmupSteps) return peak * (step + 1) / (double) warmupSteps;
        if (decaySteps == 0) return peak;
        long t = step - warmupSteps;
        if (t >= decaySteps) return floor;
        double cos = 0.5 * (1 + Math.cos(Math.PI * t / decaySteps));
        return floor + (peak - floor) * cos;
    }
}
