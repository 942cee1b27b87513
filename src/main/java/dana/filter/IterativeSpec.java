package dana.filter;

import java.util.Locale;

/**
 * The settings of the iterative ensemble methods (IEnKF, IEnKS), validated on construction.
 *
 * @param lag        window length L in cycles (>= 1; the IEnKF's window is one cycle)
 * @param shift      cycles S the window moves per step (1 <= S <= L)
 * @param iterations most Gauss-Newton iterations per window (>= 1)
 * @param tolerance  the iterations stop once the increment of w, in units of the prior standard deviation
 *                   (sqrt((N-1)/N) |dw|), is at most this (>= 0; 0 = always run every iteration)
 * @param bundle     bundle variant (finite differences with the members x + eps A) instead of the transform
 *                   variant (members x + T A)
 * @param epsilon    the bundle's scale eps (> 0; ignored by the transform variant)
 * @param mda        multiple data assimilation: every observation is assimilated in every window that contains
 *                   it, with weights summing to one, instead of once (single data assimilation)
 */
public record IterativeSpec(int lag, int shift, int iterations, double tolerance, boolean bundle, double epsilon,
                            boolean mda) {

    public static final int DEFAULT_ITERATIONS = 10;
    public static final double DEFAULT_TOLERANCE = 1e-3;
    /** Sakov et al. (2012) and Bocquet and Sakov (2012) use 1e-4 for the bundle's scale. */
    public static final double DEFAULT_EPSILON = 1e-4;

    /** The IEnKF's defaults: one-cycle window, transform variant, single data assimilation. */
    public static final IterativeSpec DEFAULT = new IterativeSpec(1, 1, DEFAULT_ITERATIONS, DEFAULT_TOLERANCE, false,
            DEFAULT_EPSILON, false);

    public IterativeSpec {
        if (lag < 1) throw new IllegalArgumentException("lag: must be >= 1 (window length in cycles), got " + lag);
        if (shift < 1 || shift > lag) {
            throw new IllegalArgumentException("shift: must be in [1, lag] = [1, " + lag + "], got " + shift);
        }
        if (iterations < 1) throw new IllegalArgumentException("iterations: must be >= 1, got " + iterations);
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance: must be a finite number >= 0, got " + tolerance);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon: the bundle scale must be > 0, got " + epsilon);
        }
    }

    /** The variant's name: {@code transform} or {@code bundle}. */
    public String form() {
        return bundle ? "bundle" : "transform";
    }

    /** Parses {@code transform | bundle}. */
    public static boolean parseBundle(String form) {
        return switch (form.trim().toLowerCase(Locale.ROOT)) {
            case "transform" -> false;
            case "bundle" -> true;
            default -> throw new IllegalArgumentException("form: unknown iterative form '" + form + "'; allowed: transform, bundle");
        };
    }

    public IterativeSpec withWindow(int l, int s) {
        return new IterativeSpec(l, s, iterations, tolerance, bundle, epsilon, mda);
    }
}
