package dana.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Lorenz-96: dx_n/dt = (x_{n+1} - x_{n-2}) x_{n-1} - x_n + F on a periodic domain, integrated by classical RK4
 * with step {@code dt}, {@code stepsPerCycle} steps per assimilation cycle. The tangent linear and adjoint are
 * those of the discrete RK4 scheme (not of the continuous equations), so the adjoint test holds to round-off.
 */
public final class Lorenz96 implements Model {

    private final Lorenz96Params params;
    private final int nx;
    private final double forcing;
    private final double dt;
    private final int steps;
    // workspaces: RK4 stages, and the stage states of every step of a cycle for the TLM/adjoint
    private final double[] k1, k2, k3, k4, stage;
    private final double[] base;     // steps * nx: state at the start of each RK4 step of the cycle
    private final double[] s1, s2, s3; // stage states x + dt/2 k1, x + dt/2 k2, x + dt k3 of one step
    private final double[] d1, d2, d3, d4, v;
    // workspaces of the batched forecast: RK4 stages of every state of the batch, grown to the largest batch
    private double[] bk1 = new double[0], bk2 = bk1, bk3 = bk1, bk4 = bk1, bst = bk1;

    private static final VectorSpecies<Double> D = dana.util.VectorWidth.DOUBLE;
    private static final int L = D.length();

    public Lorenz96(Lorenz96Params params) {
        this.params = params;
        this.nx = params.nx();
        this.forcing = params.forcing();
        this.dt = params.dt();
        this.steps = params.stepsPerCycle();
        k1 = new double[nx]; k2 = new double[nx]; k3 = new double[nx]; k4 = new double[nx]; stage = new double[nx];
        base = new double[steps * nx];
        s1 = new double[nx]; s2 = new double[nx]; s3 = new double[nx];
        d1 = new double[nx]; d2 = new double[nx]; d3 = new double[nx]; d4 = new double[nx]; v = new double[nx];
    }

    public Lorenz96(int nx, double forcing, double dt, int stepsPerCycle) {
        this(new Lorenz96Params(nx, forcing, dt, stepsPerCycle));
    }

    public Lorenz96Params params() {
        return params;
    }

    @Override
    public int dim() {
        return nx;
    }

    @Override
    public Model copy() {
        return new Lorenz96(params);
    }

    @Override
    public void initialState(java.util.SplittableRandom rng, double[] out) {
        // the rest state x = F is an unstable fixed point; a small perturbation leaves it for the attractor
        for (int i = 0; i < nx; i++) out[i] = forcing + 0.01 * dana.util.Seeds.gaussian(rng);
    }

    @Override
    public boolean isTranslationInvariant() {
        return true;
    }

    @Override
    public String describe() {
        return "lorenz96(nx=" + nx + ", F=" + forcing + ", dt=" + dt + "x" + steps + ")";
    }

    /** out = f(x), the L96 tendency; x is read from x[off..]. */
    static void tendency(double[] x, int off, double[] out, int nx, double forcing) {
        // the three wrapping points apart, so that the interior loop has no modulo and vectorises
        out[0] = (x[off + 1] - x[off + nx - 2]) * x[off + nx - 1] - x[off] + forcing;
        out[1] = (x[off + 2] - x[off + nx - 1]) * x[off] - x[off + 1] + forcing;
        for (int i = 2; i < nx - 1; i++) {
            out[i] = (x[off + i + 1] - x[off + i - 2]) * x[off + i - 1] - x[off + i] + forcing;
        }
        out[nx - 1] = (x[off] - x[off + nx - 3]) * x[off + nx - 2] - x[off + nx - 1] + forcing;
    }

    /** out = J(x) d: the tendency's Jacobian at x applied to d. */
    static void tendencyTangent(double[] x, double[] d, double[] out, int nx) {
        for (int i = 0; i < nx; i++) {
            int ip1 = i + 1 == nx ? 0 : i + 1;
            int im1 = i == 0 ? nx - 1 : i - 1;
            int im2 = i >= 2 ? i - 2 : i - 2 + nx;
            out[i] = (d[ip1] - d[im2]) * x[im1] + (x[ip1] - x[im2]) * d[im1] - d[i];
        }
    }

    /** out = J(x)^T w. Column j of J collects the rows i = j-1 (via x_{i+1}), j+2 (x_{i-2}), j+1 (x_{i-1}), j. */
    static void tendencyAdjoint(double[] x, double[] w, double[] out, int nx) {
        for (int j = 0; j < nx; j++) {
            int jm1 = j == 0 ? nx - 1 : j - 1;
            int jm2 = j >= 2 ? j - 2 : j - 2 + nx;
            int jp1 = j + 1 == nx ? 0 : j + 1;
            int jp2 = j + 2 >= nx ? j + 2 - nx : j + 2;
            out[j] = w[jm1] * x[jm2] - w[jp2] * x[jp1] + w[jp1] * (x[jp2] - x[jm1]) - w[j];
        }
    }

    @Override
    public void forecast(double[] x, int off) {
        for (int s = 0; s < steps; s++) {
            rk4Step(x, off, 1);
        }
    }

    /** The members one after the other as {@link #forecast}, computed stage by stage over the whole ensemble. */
    @Override
    public void forecastAll(double[] states, int count) {
        for (int s = 0; s < steps; s++) {
            rk4Step(states, 0, count);
        }
    }

    /**
     * One RK4 step of {@code count} states stored back to back from {@code x[off]}. Each state's arithmetic is
     * the plain loops' (vectorised along the state, separate multiply and add), so a state's result does not
     * depend on the batch it is in; doing each stage for every state before the next stage lets the stores of
     * a stage retire before the shifted loads of the next tendency read them (some 30% faster for 20 states).
     */
    private void rk4Step(double[] x, int off, int count) {
        int n = count * nx;
        if (bst.length < n) {
            bk1 = new double[n];
            bk2 = new double[n];
            bk3 = new double[n];
            bk4 = new double[n];
            bst = new double[n];
        }
        final double h = dt, h2 = 0.5 * dt;
        for (int m = 0; m < count; m++) tendencyVector(x, off + m * nx, bk1, m * nx);
        axpy(x, off, h2, bk1, bst, n);
        for (int m = 0; m < count; m++) tendencyVector(bst, m * nx, bk2, m * nx);
        axpy(x, off, h2, bk2, bst, n);
        for (int m = 0; m < count; m++) tendencyVector(bst, m * nx, bk3, m * nx);
        axpy(x, off, h, bk3, bst, n);
        for (int m = 0; m < count; m++) tendencyVector(bst, m * nx, bk4, m * nx);
        final double c = dt / 6.0;
        int i = 0;
        // x += c * (k1 + 2 k2 + 2 k3 + k4), summed left to right
        for (; i + L <= n; i += L) {
            DoubleVector k = DoubleVector.fromArray(D, bk1, i).add(DoubleVector.fromArray(D, bk2, i).mul(2.0))
                    .add(DoubleVector.fromArray(D, bk3, i).mul(2.0)).add(DoubleVector.fromArray(D, bk4, i));
            DoubleVector.fromArray(D, x, off + i).add(k.mul(c)).intoArray(x, off + i);
        }
        for (; i < n; i++) x[off + i] += c * (bk1[i] + 2.0 * bk2[i] + 2.0 * bk3[i] + bk4[i]);
    }

    /** out[i] = x[off + i] + h k[i], i < n. */
    private static void axpy(double[] x, int off, double h, double[] k, double[] out, int n) {
        int i = 0;
        for (; i + L <= n; i += L) {
            DoubleVector.fromArray(D, x, off + i).add(DoubleVector.fromArray(D, k, i).mul(h)).intoArray(out, i);
        }
        for (; i < n; i++) out[i] = x[off + i] + h * k[i];
    }

    /** {@link #tendency} into out[oOff..], the interior points as vectors. */
    private void tendencyVector(double[] x, int off, double[] out, int oOff) {
        out[oOff] = (x[off + 1] - x[off + nx - 2]) * x[off + nx - 1] - x[off] + forcing;
        out[oOff + 1] = (x[off + 2] - x[off + nx - 1]) * x[off] - x[off + 1] + forcing;
        int i = 2;
        for (; i + L <= nx - 1; i += L) {
            DoubleVector.fromArray(D, x, off + i + 1).sub(DoubleVector.fromArray(D, x, off + i - 2))
                    .mul(DoubleVector.fromArray(D, x, off + i - 1)).sub(DoubleVector.fromArray(D, x, off + i))
                    .add(forcing).intoArray(out, oOff + i);
        }
        for (; i < nx - 1; i++) {
            out[oOff + i] = (x[off + i + 1] - x[off + i - 2]) * x[off + i - 1] - x[off + i] + forcing;
        }
        out[oOff + nx - 1] = (x[off] - x[off + nx - 3]) * x[off + nx - 2] - x[off + nx - 1] + forcing;
    }

    /** Stores the start state of every RK4 step of the cycle in {@code base}. */
    private void recordCycle(double[] x, int xOff) {
        System.arraycopy(x, xOff, base, 0, nx);
        for (int s = 1; s < steps; s++) {
            System.arraycopy(base, (s - 1) * nx, base, s * nx, nx);
            rk4Step(base, s * nx, 1);
        }
    }

    /** Fills s1, s2, s3 with the stage states of the RK4 step starting at base[s*nx..]. */
    private void stages(int s) {
        int off = s * nx;
        final double h = dt, h2 = 0.5 * dt;
        tendency(base, off, k1, nx, forcing);
        for (int i = 0; i < nx; i++) s1[i] = base[off + i] + h2 * k1[i];
        tendency(s1, 0, k2, nx, forcing);
        for (int i = 0; i < nx; i++) s2[i] = base[off + i] + h2 * k2[i];
        tendency(s2, 0, k3, nx, forcing);
        for (int i = 0; i < nx; i++) s3[i] = base[off + i] + h * k3[i];
    }

    @Override
    public void tangentLinear(double[] x, int xOff, double[] dx, int dxOff) {
        recordCycle(x, xOff);
        final double h = dt, h2 = 0.5 * dt, c = dt / 6.0;
        for (int s = 0; s < steps; s++) {
            stages(s);
            System.arraycopy(base, s * nx, stage, 0, nx);
            for (int i = 0; i < nx; i++) v[i] = dx[dxOff + i];
            tendencyTangent(stage, v, d1, nx);
            for (int i = 0; i < nx; i++) v[i] = dx[dxOff + i] + h2 * d1[i];
            tendencyTangent(s1, v, d2, nx);
            for (int i = 0; i < nx; i++) v[i] = dx[dxOff + i] + h2 * d2[i];
            tendencyTangent(s2, v, d3, nx);
            for (int i = 0; i < nx; i++) v[i] = dx[dxOff + i] + h * d3[i];
            tendencyTangent(s3, v, d4, nx);
            for (int i = 0; i < nx; i++) dx[dxOff + i] += c * (d1[i] + 2.0 * d2[i] + 2.0 * d3[i] + d4[i]);
        }
    }

    @Override
    public void adjoint(double[] x, int xOff, double[] lambda, int lambdaOff) {
        recordCycle(x, xOff);
        final double h = dt, h2 = 0.5 * dt, c = dt / 6.0;
        for (int s = steps - 1; s >= 0; s--) {
            stages(s);
            System.arraycopy(base, s * nx, stage, 0, nx);
            // adjoints of the stage increments: a_k = c * w_k * lambda, then back through the stages
            for (int i = 0; i < nx; i++) v[i] = c * lambda[lambdaOff + i];           // adjoint of d4
            tendencyAdjoint(s3, v, d4, nx);                                          // u4
            for (int i = 0; i < nx; i++) v[i] = 2.0 * c * lambda[lambdaOff + i] + h * d4[i]; // adjoint of d3
            tendencyAdjoint(s2, v, d3, nx);                                          // u3
            for (int i = 0; i < nx; i++) v[i] = 2.0 * c * lambda[lambdaOff + i] + h2 * d3[i]; // adjoint of d2
            tendencyAdjoint(s1, v, d2, nx);                                          // u2
            for (int i = 0; i < nx; i++) v[i] = c * lambda[lambdaOff + i] + h2 * d2[i];       // adjoint of d1
            tendencyAdjoint(stage, v, d1, nx);                                       // u1
            for (int i = 0; i < nx; i++) lambda[lambdaOff + i] += d1[i] + d2[i] + d3[i] + d4[i];
        }
    }
}
