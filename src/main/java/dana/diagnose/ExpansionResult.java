package dana.diagnose;

import dana.run.RunResult;

/**
 * What {@link ExpansionDiagnostic} measured. Spectra are time means of sorted eigenvalues (largest first) of
 * the symmetric part of the gain G = P^a_DAN (see {@link Expansion}), by the exact Jacobian and by the
 * least-squares regression, and of the reference filter's analysis covariance; "by offset" arrays are the
 * matrices folded by translation invariance (entry q: the mean of M[i][i + q]).
 *
 * @param main             the run of the analysis that was expanded (the DAN)
 * @param reference        the reference filter's run on the same truth and observations
 * @param cycles           the sampled cycles at which the expansion was made
 * @param bias             b_k = ||a(x^f_k, 0)|| / sqrt(Nx) at those cycles
 * @param regressionVsJacobian time mean of ||G_ls - G_jac||_F / ||G_jac||_F (NaN without regression)
 * @param asymmetry        time mean of ||G - G^T||_F / ||G + G^T||_F for the Jacobian gain
 * @param referenceSamples cycles at which the reference's covariance was taken
 */
public record ExpansionResult(RunResult main, RunResult reference, int[] cycles, double[] bias,
                              double[] eigenJacobian, double[] eigenRegression, double[] eigenReference,
                              double[] offsetJacobian, double[] offsetRegression, double[] offsetReference,
                              double regressionVsJacobian, double asymmetry, int referenceSamples, int samples) {

    /** The time mean b of the bias b_k. */
    public double biasMean() {
        double s = 0;
        for (double b : bias) s += b;
        return bias.length > 0 ? s / bias.length : Double.NaN;
    }

    /** The standard deviation s of b_k over the sampled cycles (n - 1 normalisation). */
    public double biasSd() {
        if (bias.length < 2) return Double.NaN;
        double m = biasMean(), s = 0;
        for (double b : bias) s += (b - m) * (b - m);
        return Math.sqrt(s / (bias.length - 1));
    }

    /** eigenJacobian[j] / eigenReference[j]. */
    public double ratio(int j) {
        return eigenJacobian[j] / eigenReference[j];
    }
}
