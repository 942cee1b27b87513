package dana.var;

/**
 * The settings of cycled strong-constraint 4D-Var.
 *
 * @param lag             window length L in cycles: the window spans [t0, t0 + L], observations at t0+1 .. t0+L
 * @param shift           cycles S between the starts of two consecutive windows, 1 <= S <= L (S = L: windows
 *                        follow each other; S < L: overlapping windows. {@link FourDVarCycle} assimilates every
 *                        observation of a window, i.e. each one L / S times; {@link FourDVarAssimilator}, the
 *                        CLI's 4dvar, only the last S, i.e. each one once)
 * @param outerLoops      maximum Gauss-Newton outer loops (relinearisations of the model about the current
 *                        analysed trajectory)
 * @param innerIterations maximum conjugate-gradient iterations of each inner (quadratic) minimisation
 * @param tolerance       relative tolerance: an inner loop stops when its residual is below tolerance x its
 *                        right-hand side, the outer loops stop when the cost gradient is below tolerance x the
 *                        gradient at the background
 */
public record FourDVarConfig(int lag, int shift, int outerLoops, int innerIterations, double tolerance) {

    public FourDVarConfig {
        if (lag < 1) throw new IllegalArgumentException("lag: must be >= 1 (window length in cycles), got " + lag);
        if (shift < 1 || shift > lag) {
            throw new IllegalArgumentException("shift: must be in [1, lag] = [1, " + lag + "], got " + shift);
        }
        if (outerLoops < 1) {
            throw new IllegalArgumentException("iterations: must be >= 1 (outer Gauss-Newton loops of 4D-Var), got " + outerLoops);
        }
        if (innerIterations < 1) {
            throw new IllegalArgumentException("inner-iterations: must be >= 1, got " + innerIterations);
        }
        if (!(tolerance >= 0) || !(tolerance < 1)) {
            throw new IllegalArgumentException("tolerance: 4dvar needs a relative tolerance in [0, 1), got " + tolerance);
        }
    }

    /** Consecutive windows (S = L) with the default iteration settings. */
    public static FourDVarConfig of(int lag) {
        return new FourDVarConfig(lag, lag, DEFAULT_OUTER_LOOPS, DEFAULT_INNER_ITERATIONS, DEFAULT_TOLERANCE);
    }

    public static final int DEFAULT_OUTER_LOOPS = 10;
    public static final int DEFAULT_INNER_ITERATIONS = 50;
    public static final double DEFAULT_TOLERANCE = 1e-4;

    /** One-cycle windows (L = S = 1) with the default iteration settings: the CLI's default for 4dvar. */
    public static final FourDVarConfig DEFAULT = new FourDVarConfig(1, 1, DEFAULT_OUTER_LOOPS, DEFAULT_INNER_ITERATIONS,
            DEFAULT_TOLERANCE);

    public FourDVarConfig withShift(int s) {
        return new FourDVarConfig(lag, s, outerLoops, innerIterations, tolerance);
    }

    public FourDVarConfig withIterations(int outer, int inner) {
        return new FourDVarConfig(lag, shift, outer, inner, tolerance);
    }
}
