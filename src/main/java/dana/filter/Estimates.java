package dana.filter;

import org.ejml.data.DMatrixRMaj;

/**
 * Where an {@link Assimilator} reports its estimates of the state, cycle by cycle (members are rows; a
 * single-state method passes one row). The cycler, which holds the truth, turns them into statistics; the
 * method never sees the truth. Each cycle's forecast comes before its analysis.
 *
 * <ul>
 * <li>forecast at cycle k: the estimate of x_k before y_k is assimilated;</li>
 * <li>analysis at cycle k: the first estimate of x_k that has used y_k (the filtering estimate when the method
 *     is a filter or its window ends at k);</li>
 * <li>smoothed at cycle k: the final estimate of x_k, once no later window will revise it (smoothers only).</li>
 * </ul>
 */
public interface Estimates {

    /** Records the forecast of cycle {@code cycle}; false when the run must stop (a forecast that blew up). */
    boolean forecast(int cycle, DMatrixRMaj ensemble);

    /** Records the analysis of cycle {@code cycle}; false when the run must stop (divergence). */
    boolean analysis(int cycle, DMatrixRMaj ensemble);

    /** Records the final (smoothed) estimate of cycle {@code cycle}. */
    void smoothed(int cycle, DMatrixRMaj ensemble);
}
