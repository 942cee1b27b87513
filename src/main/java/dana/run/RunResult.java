package dana.run;

/**
 * What one run measured. Means are over cycles burnIn+1 .. cycles; {@code rmseASe} is the standard error of
 * {@code rmseA} accounting for autocorrelation. A diverged run ({@code diverged}) stops at
 * {@code divergedAtCycle} and its means are NaN: it is reported as diverged, never as numbers.
 *
 * @param series per-cycle values, index k = cycle k (index 0 unused), up to the last cycle run
 * @param rmseS  time mean of the smoothed estimate's RMSE (smoothers such as the IEnKS; NaN for filters):
 *               the final estimate of each cycle, after every window containing it was assimilated
 */
public record RunResult(RunSpec spec, double rmseA, double rmseASe, double rmseF, double spreadA, double spreadF,
                        double seconds, boolean diverged, int divergedAtCycle, Series series,
                        FieldWindow fields, double rmseS) {

    /**
     * Per-cycle series: analysis and forecast RMSE and spread; {@code rmseS} the RMSE of the smoothed (final)
     * estimate, for smoothers only (null otherwise).
     */
    public record Series(double[] rmseA, double[] rmseF, double[] spreadA, double[] spreadF, int lastCycle,
                         double[] rmseS) {
    }

    /** Truth and analysis mean over the last cycles of the run (row-major, one row per cycle), for plots. */
    public record FieldWindow(int firstCycle, int cycles, int nx, double[] truth, double[] analysis) {
    }

    public double cyclesPerSecond() {
        int done = diverged ? divergedAtCycle : spec.cycles();
        return seconds > 0 ? done / seconds : Double.POSITIVE_INFINITY;
    }
}
