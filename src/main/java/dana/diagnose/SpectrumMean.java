package dana.diagnose;

/**
 * The time mean of a covariance's sorted spectrum and of its fold by offset: eigenvalues are sorted (largest
 * first) at each sampled cycle, then averaged rank by rank, as the study compares spectra.
 */
final class SpectrumMean {

    private final int n;
    private final double[] eigen;
    private final double[] offsets;
    private int count;

    SpectrumMean(int n) {
        this.n = n;
        this.eigen = new double[n];
        this.offsets = new double[n];
    }

    /** Adds one symmetric covariance. */
    void add(double[] symmetric) {
        double[] v = Covariances.eigenvaluesDescending(symmetric, n);
        double[] o = Covariances.byOffset(symmetric, n);
        for (int j = 0; j < n; j++) {
            eigen[j] += v[j];
            offsets[j] += o[j];
        }
        count++;
    }

    int count() {
        return count;
    }

    double[] eigenvalues() {
        return mean(eigen);
    }

    double[] byOffset() {
        return mean(offsets);
    }

    private double[] mean(double[] sum) {
        double[] m = new double[n];
        for (int j = 0; j < n; j++) m[j] = count > 0 ? sum[j] / count : Double.NaN;
        return m;
    }
}
