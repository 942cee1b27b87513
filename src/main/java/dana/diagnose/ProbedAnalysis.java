package dana.diagnose;

import dana.filter.Analysis;
import dana.obs.Observation;
import org.ejml.data.DMatrixRMaj;

/**
 * An analysis that lets a diagnostic look at the ensemble just before and just after the analysis of the sampled
 * cycles, and otherwise is the analysis it wraps: the DA run goes through the standard runner and cycler
 * unchanged, and the diagnostic sees exactly the forecasts x^f_k that the run analyses.
 */
final class ProbedAnalysis implements Analysis {

    /** Receives the ensemble (members x Nx, must not be modified) at a sampled cycle. */
    @FunctionalInterface
    interface Probe {
        void at(int cycle, DMatrixRMaj ensemble, Observation obs);
    }

    static final Probe NONE = (cycle, ensemble, obs) -> { };

    private final Analysis inner;
    private final SampledCycles when;
    private final Probe before;
    private final Probe after;

    ProbedAnalysis(Analysis inner, SampledCycles when, Probe before, Probe after) {
        this.inner = inner;
        this.when = when;
        this.before = before;
        this.after = after;
    }

    @Override
    public int members() {
        return inner.members();
    }

    @Override
    public void analyse(DMatrixRMaj ensemble, Observation obs) {
        boolean sampled = when.includes(obs.cycle());
        if (sampled) before.at(obs.cycle(), ensemble, obs);
        inner.analyse(ensemble, obs);
        if (sampled) after.at(obs.cycle(), ensemble, obs);
    }
}
