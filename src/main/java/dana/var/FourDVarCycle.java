package dana.var;

import dana.obs.Observation;
import java.util.function.IntFunction;

/**
 * Cycled 4D-Var: windows of L cycles whose starts are S cycles apart. Window j spans cycles [t0, t0 + L] with
 * t0 = first + j S; its background is the previous window's analysed trajectory at t0, M_S(x0^a) (for the first
 * window, the background given at construction). The estimate of the state at a cycle is the analysed
 * trajectory M_k(x0^a) of the window in which that cycle's observation is assimilated for the first time: the
 * last S cycles t0+L-S+1 .. t0+L of each window ({@link WindowAnalysis#firstScoredCycle()}). With S = L every
 * cycle is scored once, from the window that contains it; with S = 1 only the window end is scored, which is the
 * filtering analysis (no observation later than the scored time is used).
 */
public final class FourDVarCycle {

    private final FourDVar var;
    private final int lag, shift;
    private final double[] background;
    private int start;
    private final Observation[] window;

    /**
     * @param background the background at cycle {@code firstCycle} (copied)
     * @param firstCycle the start t0 of the first window (0 for a twin experiment whose observations begin at 1)
     */
    public FourDVarCycle(FourDVar var, double[] background, int firstCycle) {
        this.var = var;
        this.lag = var.config().lag();
        this.shift = var.config().shift();
        this.background = background.clone();
        this.start = firstCycle;
        this.window = new Observation[lag];
    }

    /** The start t0 of the next window to assimilate. */
    public int windowStart() {
        return start;
    }

    /** The last cycle of the next window, t0 + L: its observations must exist to assimilate it. */
    public int windowEnd() {
        return start + lag;
    }

    /** A copy of the background at {@link #windowStart()}. */
    public double[] background() {
        return background.clone();
    }

    /**
     * Assimilates the window starting at {@link #windowStart()} with the observations {@code observations.apply(c)}
     * for c = t0+1 .. t0+L (null for none), then moves to the next window: background <- M_S(x0^a), t0 <- t0 + S.
     */
    public WindowAnalysis assimilate(IntFunction<Observation> observations) {
        for (int k = 1; k <= lag; k++) window[k - 1] = observations.apply(start + k);
        FourDVarResult result = var.analyse(background, window);
        WindowAnalysis out = new WindowAnalysis(start, shift, result);
        System.arraycopy(result.trajectory(), shift * background.length, background, 0, background.length);
        start += shift;
        return out;
    }

    /**
     * One window's result in run time.
     *
     * @param start  the window start t0 (the cycle of x0^a)
     * @param shift  S, the cycles newly observed by this window are its last S
     * @param result the minimisation's result; its trajectory row k is the analysed state at cycle t0 + k
     */
    public record WindowAnalysis(int start, int shift, FourDVarResult result) {

        public int end() {
            return start + result.lag();
        }

        /** The first cycle scored from this window, t0 + L - S + 1; the last is {@link #end()}. */
        public int firstScoredCycle() {
            return end() - shift + 1;
        }

        /** The analysed state at cycle c, t0 <= c <= t0 + L, into out[outOff ..]. */
        public void stateAt(int cycle, double[] out, int outOff) {
            int k = cycle - start;
            if (k < 0 || k > result.lag()) {
                throw new IllegalArgumentException("cycle: " + cycle + " outside the window [" + start + ", " + end() + "]");
            }
            int n = result.nx();
            System.arraycopy(result.trajectory(), k * n, out, outOff, n);
        }
    }
}
