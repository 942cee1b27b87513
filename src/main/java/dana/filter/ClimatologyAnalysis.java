package dana.filter;

import dana.obs.Observation;
import org.ejml.data.DMatrixRMaj;

/** The climatological mean as the analysis, whatever the observations: the baseline every method must beat. */
public final class ClimatologyAnalysis implements Analysis {

    private final double[] mean;

    public ClimatologyAnalysis(Climatology clim) {
        this.mean = clim.mean();
    }

    @Override
    public int members() {
        return 1;
    }

    @Override
    public void analyse(DMatrixRMaj ensemble, Observation obs) {
        for (int m = 0; m < ensemble.numRows; m++) {
            System.arraycopy(mean, 0, ensemble.data, m * mean.length, mean.length);
        }
    }
}
