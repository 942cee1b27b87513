package dana.filter;

import dana.obs.Observation;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * Ensemble transform Kalman filter (Bishop et al. 2001; Hunt et al. 2007) with the symmetric square root,
 * multiplicative inflation of the forecast anomalies, and an optional random mean-preserving rotation.
 */
public final class Etkf implements Analysis {

    private final EnsembleSpace space;
    private final double inflation;
    private final boolean rotate;
    private final SplittableRandom rng;

    public Etkf(int nx, int members, double inflation, boolean rotate, SplittableRandom rng) {
        this.space = new EnsembleSpace(nx, members);
        this.inflation = inflation;
        this.rotate = rotate;
        this.rng = rng;
    }

    @Override
    public int members() {
        return space.ne;
    }

    @Override
    public void analyse(DMatrixRMaj ensemble, Observation obs) {
        space.center(ensemble, inflation);
        space.observe(obs);
        space.decompose();
        // the anomalies are already inflated, so the coefficients are those of s = 1
        space.etkfCoefficients(1.0);
        if (rotate) space.rotate(rng);
        space.apply(ensemble);
    }
}
