package dana.var;

/**
 * What one window's minimisation produced.
 *
 * @param analysis        x0^a, the analysis at the window start
 * @param trajectory      the analysed trajectory M_k(x0^a), k = 0..L, row k at offset k * nx
 * @param initialCost     J at the background (v = 0)
 * @param finalCost       J at the analysis
 * @param initialGradient |grad J| at the background, in the control variable
 * @param finalGradient   |grad J| at the analysis
 * @param outerLoops      Gauss-Newton outer loops performed (inner minimisations solved)
 * @param innerIterations conjugate-gradient iterations over all outer loops
 * @param stepHalvings    Gauss-Newton steps halved because they raised the cost, over all outer loops
 */
public record FourDVarResult(double[] analysis, double[] trajectory, double initialCost, double finalCost,
                             double initialGradient, double finalGradient, int outerLoops, int innerIterations,
                             int stepHalvings) {

    public int nx() {
        return analysis.length;
    }

    /** The number of cycles L of the window. */
    public int lag() {
        return trajectory.length / analysis.length - 1;
    }

    /** A copy of M_k(x0^a), k = 0..L. */
    public double[] state(int k) {
        int n = nx();
        double[] x = new double[n];
        System.arraycopy(trajectory, k * n, x, 0, n);
        return x;
    }
}
