package dana.filter;

import org.ejml.data.DMatrixRMaj;

/**
 * Iterative ensemble Kalman smoother (Bocquet and Sakov 2014): Gauss-Newton iterations in ensemble space
 * ({@link EnsembleGaussNewton}) over a window of L cycles [t_K, t_{K+L}], the control being the state at the
 * window's start; the window then moves by S cycles (any 1 <= S <= L) and the analysis at t_K, propagated S
 * cycles, is the next window's prior. Transform or bundle variant, inflation of the prior anomalies or an
 * EnKF-N hyperprior, as the {@link Ienkf}; with L = S = 1 it is the IEnKF.
 *
 * <ul>
 * <li>Single data assimilation (SDA): each window assimilates the observations no earlier window has seen, its
 *     last S (all L in the first window).</li>
 * <li>Multiple data assimilation (MDA): each window assimilates all its observations, y_c with weight
 *     1 / (number of windows containing y_c), so each observation's weights sum to one over the run. The
 *     analysis that moves on to the next window carries the recent observations at part weight only, so the
 *     estimates of the window's times come from a second, balancing minimisation from the same prior, in which
 *     every observation of the window gets the rest of its weight (Bocquet and Sakov 2014).</li>
 * </ul>
 *
 * <p>Estimates reported for each cycle c (see {@link Estimates}): the forecast is the window's prior propagated
 * to t_c; the analysis is the window's analysis propagated to t_c, in the first window whose new observations
 * include y_c (for S = 1 the filtering estimate at the window's end; for S > 1 the analysis of cycles before
 * the window's end has also used the observations up to it); the smoothed estimate is that of the last window
 * containing t_c, i.e. the window starting at or just before it.
 */
public final class Ienks implements Assimilator {

    private final EnsembleGaussNewton gn;
    private final EnsembleGaussNewton balance; // MDA only
    private final double inflation;
    private final EnkfN.Variant hyperprior;
    private final IterativeSpec it;
    private final DMatrixRMaj work;
    private final double[] weights, balanceWeights;
    private int lastIterations;

    public Ienks(int nx, int members, double inflation, EnkfN.Variant hyperprior, IterativeSpec it) {
        this.gn = new EnsembleGaussNewton(nx, members);
        this.balance = it.mda() ? new EnsembleGaussNewton(nx, members) : null;
        this.inflation = inflation;
        this.hyperprior = hyperprior;
        this.it = it;
        this.work = new DMatrixRMaj(members, nx);
        this.weights = new double[it.lag() + 1];
        this.balanceWeights = new double[it.lag() + 1];
    }

    @Override
    public int members() {
        return gn.ne;
    }

    @Override
    public int lag() {
        return it.lag();
    }

    @Override
    public int shift() {
        return it.shift();
    }

    /** Gauss-Newton iterations of the last window (of its main minimisation). */
    public int lastIterations() {
        return lastIterations;
    }

    @Override
    public void step(DMatrixRMaj ensemble, Window window, Propagator model, Estimates out) {
        int k0 = window.start(), end = window.end(), firstNew = window.firstNew(), s = it.shift();
        for (int c = k0 + 1; c <= end; c++) {
            weights[c - k0] = it.mda() ? 1.0 / windowsContaining(c, Integer.MAX_VALUE) : c >= firstNew ? 1.0 : 0.0;
        }
        gn.start(ensemble, inflation);
        if (it.bundle()) {
            // the bundle's members are not the prior ensemble: run the prior for the forecast statistics
            gn.members(work, false, 1.0);
            for (int c = k0 + 1; c <= end; c++) {
                model.forecast(work);
                if (c >= firstNew && !out.forecast(c, work)) return;
            }
        }
        if (!minimise(gn, weights, window, model, out, !it.bundle(), ensemble)) return;
        EnsembleGaussNewton estimate = gn;
        if (it.mda()) {
            for (int c = k0 + 1; c <= end; c++) {
                int count = windowsContaining(c, Integer.MAX_VALUE);
                balanceWeights[c - k0] = 1.0 - (double) windowsContaining(c, k0 - 1) / count;
            }
            balance.start(ensemble, inflation);
            if (!minimise(balance, balanceWeights, window, model, out, false, ensemble)) return;
            estimate = balance;
        }
        // the analysis through the window: smoothed estimates of the times that leave it, analyses of the new ones
        estimate.analysis(work);
        out.smoothed(k0, work);
        int next = Math.min(k0 + s, end);
        for (int c = k0 + 1; c <= end; c++) {
            model.forecast(work);
            if (c < k0 + s || window.last()) out.smoothed(c, work);
            if (c == next && !it.mda()) System.arraycopy(work.data, 0, ensemble.data, 0, ensemble.data.length);
            if (c >= firstNew && !out.analysis(c, work)) return;
        }
        if (it.mda()) {
            // the next prior: the MDA analysis (part weights of the observations that stay in the window)
            gn.analysis(ensemble);
            for (int c = k0 + 1; c <= next; c++) model.forecast(ensemble);
        }
    }

    /**
     * Gauss-Newton iterations with the observation weights {@code beta} (index c - start); reports the
     * first iteration's members as the forecasts of the new cycles when {@code reportForecast}. False when the
     * run must stop (a forecast or an iterate that blew up, reported to {@code out}).
     */
    private boolean minimise(EnsembleGaussNewton g, double[] beta, Window window, Propagator model, Estimates out,
                             boolean reportForecast, DMatrixRMaj ensemble) {
        int k0 = window.start(), end = window.end();
        int lastObserved = k0;
        for (int c = k0 + 1; c <= end; c++) if (beta[c - k0] > 0) lastObserved = c;
        for (int i = 1; i <= it.iterations(); i++) {
            g.members(work, it.bundle(), it.epsilon());
            g.clearObservations();
            // the first iteration runs to the window's end for the forecasts; later ones to the last observation
            int until = i == 1 && reportForecast ? end : lastObserved;
            for (int c = k0 + 1; c <= until; c++) {
                model.forecast(work);
                if (i == 1 && reportForecast && c >= window.firstNew() && !out.forecast(c, work)) return false;
                if (beta[c - k0] > 0) {
                    if (!EnsembleGaussNewton.finite(work)) {
                        java.util.Arrays.fill(ensemble.data, Double.NaN);
                        out.analysis(window.firstNew(), ensemble);
                        return false;
                    }
                    g.observe(work, window.observation(c), beta[c - k0]);
                }
            }
            double step = g.iterate(it.bundle(), it.epsilon(), hyperprior);
            if (g == gn) lastIterations = i;
            if (step <= it.tolerance()) break;
        }
        return true;
    }

    /**
     * Number of windows (starting at 0, S, 2S, ...) whose observations include y_c (start < c <= start + L),
     * counting only those starting at or before {@code upToStart}.
     */
    int windowsContaining(int c, int upToStart) {
        int l = it.lag(), s = it.shift();
        int lo = Math.max(0, c - l), hi = Math.min(c - 1, upToStart);
        if (hi < lo) return 0;
        int first = (lo + s - 1) / s, last = hi / s;
        return Math.max(0, last - first + 1);
    }
}
