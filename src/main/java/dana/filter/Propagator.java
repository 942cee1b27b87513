package dana.filter;

import dana.model.Model;
import org.ejml.data.DMatrixRMaj;

/**
 * The model as an assimilator sees it: advances every member of an ensemble (members are rows) by one
 * assimilation cycle. The cycler's implementation may spread the members over threads; each member's forecast
 * is the same computation whatever the thread count, so results do not depend on it.
 */
public interface Propagator {

    /** Number of state variables. */
    int dim();

    /** Advances the first {@code members} rows of {@code ensemble} by one cycle, in place. */
    void forecast(DMatrixRMaj ensemble, int members);

    /** Advances every row of {@code ensemble} by one cycle, in place. */
    default void forecast(DMatrixRMaj ensemble) {
        forecast(ensemble, ensemble.numRows);
    }

    /**
     * The model itself, for methods that need its tangent linear or adjoint (4D-Var). Single-threaded: use it
     * from the calling thread only.
     */
    Model model();
}
