package dana.diagnose;

/**
 * The first-order expansion of an analysis map around a zero innovation at one forecast state x:
 * a(x, zeta) ~ a(x, 0) + G(x) zeta, zeta = H^T R^-1 (y - H x).
 *
 * <p>What G multiplies: zeta, not the innovation d = y - H x. A Kalman update reads
 * x^a - x = P^a H^T R^-1 d = P^a zeta, so G(x) itself is the implied analysis error covariance P^a(x). The gain
 * on the innovation, K(x) = d a / d d = G(x) H^T R^-1, is G / sigma^2 for H = I and R = sigma^2 I; hence the
 * equivalent statement P^a = K R.
 *
 * @param bias       a(x, 0), Nx values
 * @param jacobian   G(x) exactly (or by the map's own derivative), row-major Nx x Nx
 * @param regression G(x) by {@link LeastSquaresGain}, or null when not computed
 */
public record Expansion(double[] bias, double[] jacobian, double[] regression) {

    /** ||a(x, 0)|| / sqrt(Nx): the size of the increment without an innovation. */
    public double biasNorm() {
        double s = 0;
        for (double v : bias) s += v * v;
        return Math.sqrt(s / bias.length);
    }

    /**
     * Expands {@code map} at {@code x}.
     *
     * @param samples Np for the regression, 0 for none
     */
    public static Expansion at(IncrementMap map, double[] x, double sigma, int samples, long seed, long cycle) {
        int n = map.nx();
        double[] bias = new double[n];
        map.increments(x, new double[n], 1, bias);
        double[] jac = new double[n * n];
        map.gain(x, jac);
        double[] reg = null;
        if (samples > 0) {
            reg = new double[n * n];
            LeastSquaresGain.estimate(map, x, sigma, samples, seed, cycle, reg);
        }
        return new Expansion(bias, jac, reg);
    }
}
