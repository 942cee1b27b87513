package dana.filter;

import dana.obs.Observation;
import org.ejml.data.DMatrixRMaj;

/**
 * Iterative ensemble Kalman filter (Sakov, Oliver and Bertino 2012), transform or bundle variant: from the
 * analysis ensemble at t_{k-1}, Gauss-Newton iterations in ensemble space ({@link EnsembleGaussNewton}) over
 * one cycle, each propagating the members with the model to y_k; then the analysis at t_{k-1} is propagated to
 * t_k, where it is the filter's analysis and the next cycle's prior. The anomalies at t_{k-1} are inflated
 * before the iterations (or an EnKF-N hyperprior estimates the inflation).
 *
 * <p>Statistics: the forecast at t_k is the inflated prior propagated (the first iteration of the transform
 * variant; the bundle variant runs it for the purpose); the analysis at t_k is the propagated analysis.
 * Model runs per cycle: N (iterations + 1), one N more for the bundle variant.
 */
public final class Ienkf implements Assimilator {

    private final EnsembleGaussNewton gn;
    private final double inflation;
    private final EnkfN.Variant hyperprior;
    private final IterativeSpec it;
    private final DMatrixRMaj work;
    private int lastIterations;

    /**
     * @param hyperprior EnKF-N hyperprior estimating the inflation each cycle, or null for the fixed one
     */
    public Ienkf(int nx, int members, double inflation, EnkfN.Variant hyperprior, IterativeSpec it) {
        if (it.lag() != 1 || it.shift() != 1) throw new IllegalArgumentException("lag: ienkf's window is one cycle");
        this.gn = new EnsembleGaussNewton(nx, members);
        this.inflation = inflation;
        this.hyperprior = hyperprior;
        this.it = it;
        this.work = new DMatrixRMaj(members, nx);
    }

    @Override
    public int members() {
        return gn.ne;
    }

    /** Iterations of the last cycle. */
    public int lastIterations() {
        return lastIterations;
    }

    /** The inflation the last cycle's prior term amounted to (the hyperprior's estimate; 1 without). */
    public double lastInflation() {
        return gn.inflation();
    }

    @Override
    public void step(DMatrixRMaj ensemble, Window window, Propagator model, Estimates out) {
        int k = window.end();
        Observation y = window.observation(k);
        gn.start(ensemble, inflation);
        if (it.bundle()) {
            // the bundle's members are not the prior ensemble: run the prior for the forecast statistics
            gn.members(work, false, 1.0);
            model.forecast(work);
            if (!out.forecast(k, work)) return;
        }
        for (int i = 1; i <= it.iterations(); i++) {
            gn.members(work, it.bundle(), it.epsilon());
            model.forecast(work);
            if (i == 1 && !it.bundle() && !out.forecast(k, work)) return;
            if (!EnsembleGaussNewton.finite(work)) {
                // an iterate blew up: report a non-finite analysis, which stops the run as diverged
                java.util.Arrays.fill(ensemble.data, Double.NaN);
                out.analysis(k, ensemble);
                return;
            }
            gn.clearObservations();
            gn.observe(work, y, 1.0);
            double step = gn.iterate(it.bundle(), it.epsilon(), hyperprior);
            lastIterations = i;
            if (step <= it.tolerance()) break;
        }
        gn.analysis(ensemble);
        model.forecast(ensemble);
        out.analysis(k, ensemble);
    }
}
