package dana.diagnose;

/**
 * The mixed second derivatives of an analysis map at zeta = 0,
 * T[i][j][l] = d^2 a_i / (d x_j d zeta_l) (x, 0) = d G_il / d x_j: how the gain G(x) = d a / d zeta changes with
 * the forecast. Computed as central differences in x of the map's gain (exact for a network, see
 * {@link NetworkIncrement}): T[.][j][.] = (G(x + h e_j) - G(x - h e_j)) / (2h), 2 Nx gains per state.
 *
 * <p>The step: the error is about h^2/6 |d^3 G / dx_j^3| (truncation) plus eps_G / h (rounding), with eps_G of
 * order 1e-7 |G| for a float32 network. On a partially trained standard network the differences between steps
 * followed h^2 from h = 0.1 down to 0.0125 (no sign of rounding), with a truncation error near 0.5% of max |S|
 * at h = 0.05; the command's default h = 0.02 puts it below 0.1% (docs/diagnostics.md has the figures).
 */
public final class MixedDerivatives {

    private MixedDerivatives() {
    }

    /** T at x, layout {@code out[(i nx + j) nx + l]}. */
    public static void at(IncrementMap map, double[] x, double h, double[] out) {
        if (!(h > 0) || !Double.isFinite(h)) throw new IllegalArgumentException("step: must be > 0, got " + h);
        int n = map.nx();
        double[] xp = x.clone();
        double[] gp = new double[n * n], gm = new double[n * n];
        for (int j = 0; j < n; j++) {
            xp[j] = x[j] + h;
            map.gain(xp, gp);
            xp[j] = x[j] - h;
            map.gain(xp, gm);
            xp[j] = x[j];
            for (int i = 0; i < n; i++) {
                for (int l = 0; l < n; l++) out[(i * n + j) * n + l] = (gp[i * n + l] - gm[i * n + l]) / (2 * h);
            }
        }
    }
}
