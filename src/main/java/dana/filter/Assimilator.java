package dana.filter;

import org.ejml.data.DMatrixRMaj;

/**
 * A data-assimilation method as the cycler runs it: it owns a whole step from one estimate to the next, with
 * the model in hand, so that a method may run the model inside its analysis (IEnKF), over a window of several
 * cycles (IEnKS, 4D-Var) or not at all. The cycler moves a window of {@link #lag()} cycles by {@link #shift()}
 * cycles per step and hands each step the observations of its window; the method reports its estimates
 * through {@link Estimates}. A sequential filter (forecast, then {@link Analysis}) is the case lag = shift = 1:
 * {@link SequentialAssimilator}.
 *
 * <p>An instance belongs to one run: it may keep workspaces and its own random stream; not thread-safe.
 */
public interface Assimilator {

    /** Ensemble size (1 for single-state methods). */
    int members();

    /** Window length L in cycles (>= 1): a step starting at cycle k looks at y_{k+1} .. y_{k+L}. */
    default int lag() {
        return 1;
    }

    /** Cycles S the window moves per step (1 <= S <= L). */
    default int shift() {
        return 1;
    }

    /**
     * One step. On entry {@code ensemble} holds the estimate at t_{window.start()} the step starts from (the
     * initial ensemble at the first step); on return it holds the one the next step starts from, at
     * t_{min(start + shift, end)}. The step reports the forecast and the analysis of every cycle from
     * {@code window.firstNew()} to {@code window.end()}, in order, and stops early when {@code out} says so.
     */
    void step(DMatrixRMaj ensemble, Window window, Propagator model, Estimates out);
}
