package dana.filter;

import org.ejml.data.DMatrixRMaj;

/** A sequential filter as an {@link Assimilator}: E^f_k = M(E^a_{k-1}), then E^a_k = A(E^f_k, y_k). */
public final class SequentialAssimilator implements Assimilator {

    private final Analysis analysis;

    public SequentialAssimilator(Analysis analysis) {
        this.analysis = analysis;
    }

    public Analysis analysis() {
        return analysis;
    }

    @Override
    public int members() {
        return analysis.members();
    }

    @Override
    public void step(DMatrixRMaj ensemble, Window window, Propagator model, Estimates out) {
        int k = window.end();
        model.forecast(ensemble);
        // a forecast that blew up would make the analysis fail: the cycler stops the run at this cycle instead
        if (!out.forecast(k, ensemble)) return;
        analysis.analyse(ensemble, window.observation(k));
        out.analysis(k, ensemble);
    }
}
