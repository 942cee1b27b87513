package dana.filter;

import dana.obs.Observation;
import org.ejml.data.DMatrixRMaj;

/**
 * The analysis step of a sequential DA method: turns the forecast ensemble into the analysis ensemble, in
 * place. The ensemble is a {@code members() x nx} matrix whose rows are the members; single-state methods
 * (3D-Var, OI, a DAN with Ne = 1) use one row. An instance belongs to one run: it may keep workspaces, caches
 * and its own random stream, and is not thread-safe.
 */
public interface Analysis {

    /** Number of ensemble members this analysis works with (1 for single-state methods). */
    int members();

    /** Replaces the forecast ensemble by the analysis ensemble, using the observations of this cycle. */
    void analyse(DMatrixRMaj ensemble, Observation obs);
}
