package dana.filter;

import dana.model.Model;
import dana.util.Seeds;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A linear model x_{k+1} = M x_k with a fixed random M (entries of order 1/sqrt(n) around a scaled identity, so
 * that some directions grow and some decay), for tests against the Kalman filter and smoother, where the
 * ensemble methods are exact for their sample statistics.
 */
final class LinearModel implements Model {

    final int n;
    final DMatrixRMaj m;
    private final double[] tmp;

    LinearModel(int n, long seed) {
        this.n = n;
        this.m = new DMatrixRMaj(n, n);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) m.set(i, j, (i == j ? 0.9 : 0.0) + 0.4 * Seeds.gaussian(rng) / Math.sqrt(n));
        }
        this.tmp = new double[n];
    }

    private LinearModel(LinearModel o) {
        this.n = o.n;
        this.m = o.m.copy();
        this.tmp = new double[n];
    }

    @Override
    public int dim() {
        return n;
    }

    @Override
    public void forecast(double[] x, int off) {
        for (int i = 0; i < n; i++) {
            double acc = 0;
            for (int j = 0; j < n; j++) acc += m.get(i, j) * x[off + j];
            tmp[i] = acc;
        }
        System.arraycopy(tmp, 0, x, off, n);
    }

    @Override
    public void tangentLinear(double[] x, int xOff, double[] dx, int dxOff) {
        forecast(dx, dxOff);
    }

    @Override
    public void adjoint(double[] x, int xOff, double[] lambda, int lambdaOff) {
        for (int i = 0; i < n; i++) {
            double acc = 0;
            for (int j = 0; j < n; j++) acc += m.get(j, i) * lambda[lambdaOff + j];
            tmp[i] = acc;
        }
        System.arraycopy(tmp, 0, lambda, lambdaOff, n);
    }

    @Override
    public void initialState(SplittableRandom rng, double[] out) {
        for (int i = 0; i < n; i++) out[i] = Seeds.gaussian(rng);
    }

    @Override
    public Model copy() {
        return new LinearModel(this);
    }

    @Override
    public String describe() {
        return "linear(n=" + n + ")";
    }

    /** x <- M x for a state vector. */
    double[] propagate(double[] x) {
        double[] y = x.clone();
        forecast(y, 0);
        return y;
    }

    /** P <- M P M^T. */
    DMatrixRMaj propagate(DMatrixRMaj p) {
        DMatrixRMaj mp = new DMatrixRMaj(n, n), out = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(m, p, mp);
        CommonOps_DDRM.multTransB(mp, m, out);
        return out;
    }

    /** The model as a single-threaded {@link Propagator}. */
    Propagator propagator() {
        Model self = this;
        return new Propagator() {
            @Override
            public int dim() {
                return n;
            }

            @Override
            public void forecast(DMatrixRMaj ensemble, int members) {
                self.forecastAll(ensemble.data, members);
            }

            @Override
            public Model model() {
                return self;
            }
        };
    }
}
