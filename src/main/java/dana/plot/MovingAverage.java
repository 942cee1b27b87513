package dana.plot;

/** Trailing moving averages, for smoothing noisy per-cycle series before plotting. */
final class MovingAverage {

    private MovingAverage() {
    }

    /**
     * out[i] = mean of x[max(from, i - window + 1) .. i] for i in [from, to); shorter windows at the start.
     * Returns an array of length to - from.
     */
    static double[] trailing(double[] x, int from, int to, int window) {
        double[] out = new double[to - from];
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i];
            if (i - window >= from) sum -= x[i - window];
            out[i - from] = sum / Math.min(window, i - from + 1);
        }
        return out;
    }
}
