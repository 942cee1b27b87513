package dana.diagnose;

/**
 * An analysis written as an increment a(x, zeta) of two independent arguments: the forecast state x (Nx values)
 * and the innovation term zeta = H^T R^-1 (y - H x), a field of Nx values. With H = I and R = sigma^2 I, zeta is
 * (y - x) / sigma^2, and the analysis is x^a = x + a(x, zeta(x, y)). The learned analysis is such a map (its
 * network input holds x and zeta as separate channels); so is any classical analysis of one state observed
 * everywhere ({@link AnalysisIncrement}). The diagnostics expand a around zeta = 0:
 * a(x, zeta) ~ a(x, 0) + G(x) zeta, with G(x) = d a / d zeta at (x, 0) (see {@link Expansion}).
 *
 * <p>Implementations may hold scratch buffers and are not thread-safe.
 */
public interface IncrementMap {

    /** The state dimension Nx. */
    int nx();

    /**
     * The increments at one forecast state for {@code count} innovation terms: {@code out[j nx + i] =
     * a_i(x, zeta_j)} with {@code zeta_j = zetas[j nx .. (j + 1) nx)}.
     */
    void increments(double[] x, double[] zetas, int count, double[] out);

    /**
     * The gain G(x) = d a / d zeta at (x, zeta = 0), row-major: {@code out[i nx + l] = d a_i / d zeta_l}.
     * The default is a central difference with step {@link #gainStep()} in every zeta_l, exact up to rounding
     * for a map affine in zeta; a network overrides it with its exact derivative.
     */
    default void gain(double[] x, double[] out) {
        int n = nx();
        double h = gainStep();
        double[] zetas = new double[2 * n * n];
        for (int l = 0; l < n; l++) {
            zetas[(2 * l) * n + l] = h;
            zetas[(2 * l + 1) * n + l] = -h;
        }
        double[] a = new double[2 * n * n];
        increments(x, zetas, 2 * n, a);
        for (int l = 0; l < n; l++) {
            for (int i = 0; i < n; i++) out[i * n + l] = (a[(2 * l) * n + i] - a[(2 * l + 1) * n + i]) / (2 * h);
        }
    }

    /** The step in zeta of the default {@link #gain}. */
    default double gainStep() {
        return 1e-3;
    }
}
