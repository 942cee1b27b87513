package dana.var;

import dana.model.Model;
import dana.util.Seeds;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/** x <- M x with a fixed matrix: a perfect linear model, whose tangent linear is M and adjoint M^T. */
final class LinearModel implements Model {

    private final DMatrixRMaj m;
    private final double[] tmp;

    LinearModel(DMatrixRMaj m) {
        this.m = m;
        this.tmp = new double[m.numRows];
    }

    /** M = I + scale G with G standard normal: invertible and mildly non-normal for a small scale. */
    static LinearModel random(int n, double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) m.set(i, j, (i == j ? 1.0 : 0.0) + scale * Seeds.gaussian(rng));
        }
        return new LinearModel(m);
    }

    DMatrixRMaj matrix() {
        return m;
    }

    @Override
    public int dim() {
        return m.numRows;
    }

    @Override
    public void forecast(double[] x, int off) {
        apply(false, x, off);
    }

    @Override
    public void tangentLinear(double[] x, int xOff, double[] dx, int dxOff) {
        apply(false, dx, dxOff);
    }

    @Override
    public void adjoint(double[] x, int xOff, double[] lambda, int lambdaOff) {
        apply(true, lambda, lambdaOff);
    }

    private void apply(boolean transpose, double[] x, int off) {
        int n = dim();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) s += (transpose ? m.get(j, i) : m.get(i, j)) * x[off + j];
            tmp[i] = s;
        }
        System.arraycopy(tmp, 0, x, off, n);
    }

    @Override
    public void initialState(SplittableRandom rng, double[] out) {
        for (int i = 0; i < out.length; i++) out[i] = Seeds.gaussian(rng);
    }

    @Override
    public Model copy() {
        return new LinearModel(m);
    }

    @Override
    public String describe() {
        return "linear(n=" + dim() + ")";
    }
}
