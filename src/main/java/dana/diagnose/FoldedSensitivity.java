package dana.diagnose;

/**
 * The locality tensor S folded by translation invariance. The study's S = < C : grad_x grad_zeta a > is read
 * here with C the folding operator itself: C^{pq}_{ijl} = delta_{j, i+p} delta_{l, i+q} / Nx (indices mod Nx), so
 * that S(p, q) = < (1/Nx) sum_i d^2 a_i / (d x_{i+p} d zeta_{i+q}) >, averaged over the sampled forecasts:
 * how the increment at a point i responds, through its gain, to the forecast p points away and to the
 * innovation q points away. L96 and the CNN are invariant under a shift of the grid, so this average loses
 * nothing systematic. Since the mixed derivative changes sign with the flow, the signed mean can cancel where
 * the sensitivity is large: the root mean square R(p, q) = sqrt(< (d^2 a_i / d x_{i+p} d zeta_{i+q})^2 >) over i
 * and time is kept beside it, and the locality figures use R.
 */
public final class FoldedSensitivity {

    private final int n;
    private final double[] sum;
    private final double[] sumSq;
    private int states;

    public FoldedSensitivity(int n) {
        this.n = n;
        this.sum = new double[n * n];
        this.sumSq = new double[n * n];
    }

    public int nx() {
        return n;
    }

    /** Adds the tensor T of one state (layout of {@link MixedDerivatives#at}). */
    public void add(double[] t) {
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < n; p++) {
                int j = (i + p) % n;
                int row = (i * n + j) * n;
                for (int q = 0; q < n; q++) {
                    double v = t[row + (i + q) % n];
                    sum[p * n + q] += v;
                    sumSq[p * n + q] += v * v;
                }
            }
        }
        states++;
    }

    public int states() {
        return states;
    }

    /** S(p, q), offsets p, q in [0, Nx) (p = Nx - 1 is the left neighbour). */
    public double mean(int p, int q) {
        return sum[index(p) * n + index(q)] / ((double) states * n);
    }

    /** R(p, q). */
    public double rms(int p, int q) {
        return Math.sqrt(sumSq[index(p) * n + index(q)] / ((double) states * n));
    }

    /**
     * The share of sum_{p,q} R(p,q)^2 (the mean squared mixed derivative) held by offsets with |p| <= r and
     * |q| <= r: near 1 at small r for a local analysis.
     */
    public double shareWithin(int r) {
        double in = 0, all = 0;
        for (int p = 0; p < n; p++) {
            for (int q = 0; q < n; q++) {
                double v = sumSq[p * n + q];
                all += v;
                if (Math.abs(signed(p)) <= r && Math.abs(signed(q)) <= r) in += v;
            }
        }
        return all > 0 ? in / all : Double.NaN;
    }

    /** Offset k in [0, n) as a signed offset in [-n/2, n/2). */
    public int signed(int k) {
        int m = Math.floorMod(k, n);
        return m >= (n + 1) / 2 ? m - n : m;
    }

    private int index(int k) {
        return Math.floorMod(k, n);
    }
}
