package dana.run;

/**
 * What one run measured. Means are over cycles burnIn+1 .. cycles; {@code rmseASe} is the standard error of
 * {@code rmseA} accounting for autocorrelation. A diverged run ({@code diverged}) stops at
 * {@code divergedAtCycle} and its means are NaN: it is reported as diverged, never as numbers.
 *
 * @param series per-cycle values, index k = cycle k (index 0 unused), up to the last cycle run
 */
public record RunResult(RunSpec spec, double rmseA, double rmseASe, double rmseF, double spreadA, double spreadF,
                        double seconds, boolean diverged, int divergedAtCycle, Series series,
                        FieldWindow fields) {

    /** Per-cycle series: analysis and forecast RMSE and spread. */
    public record Series(double[] rmseA, double[] rmseF, double[] spreadA, double[] spreadF, int lastCycle) {
    }

    /** Truth and analysis mean over the last cycles of the run (row-major, one row per cycle), for plots. */
    public record FieldWindow(int firstCycle, int cycles, int nx, double[] truth, double[] analysis) {
    }

    public double cyclesPerSecond() {
        int done = diverged ? divergedAtCycle : spec.cycles();
        return seconds > 0 ? done / seconds : Double.POSITIVE_INFINITY;
    }
}
