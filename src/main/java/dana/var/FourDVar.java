package dana.var;

import dana.filter.Climatology;
import dana.model.Model;
import dana.obs.Observation;

/**
 * Strong-constraint 4D-Var over a window of L cycles, minimised by incremental Gauss-Newton in the control
 * variable v (x0 = x^b + B^{1/2} v, see {@link WindowCost}). Each outer loop runs the nonlinear model from the
 * current x0, takes the gradient b = -grad J(v) by the adjoint, and solves the quadratic inner problem
 * (I + B^{1/2} sum_k M_k'^T H_k^T R_k^-1 H_k M_k' B^{1/2}) dv = b by conjugate gradients, all linearised about
 * that trajectory; then v <- v + dv, the step halved (up to {@link #MAX_HALVINGS} times) while it raises the
 * nonlinear cost. The outer loops stop after {@code outerLoops}, or when |grad J| falls below tolerance x its
 * value at the background. On a linear model one outer loop gives the exact minimiser (up to the CG
 * tolerance). The model operators are those of the discrete model, so the gradient is exact to round-off.
 * Not thread-safe (workspaces): one instance per run.
 */
public final class FourDVar {

    private final FourDVarConfig config;
    private final WindowCost cost;
    private final int n;
    private final double[] v, dv, g, r, p, ap, trial;

    /** Step halvings tried before an outer loop gives up on a Gauss-Newton direction. */
    static final int MAX_HALVINGS = 6;

    public FourDVar(Model model, BackgroundCovariance b, FourDVarConfig config) {
        this.config = config;
        this.cost = new WindowCost(model, b, config.lag());
        this.n = model.dim();
        v = new double[n];
        dv = new double[n];
        g = new double[n];
        r = new double[n];
        p = new double[n];
        ap = new double[n];
        trial = new double[n];
    }

    /** 4D-Var with B = alpha x the climatological covariance. */
    public static FourDVar climatological(Model model, Climatology clim, double alpha, FourDVarConfig config) {
        return new FourDVar(model, BackgroundCovariance.climatological(clim, alpha), config);
    }

    public FourDVarConfig config() {
        return config;
    }

    /**
     * Minimises the cost of the window starting at the background {@code xb}; {@code window[k-1]} holds the
     * observations k cycles after the start (k = 1..L, null for none). The window start itself carries none.
     */
    public FourDVarResult analyse(double[] xb, Observation[] window) {
        cost.setWindow(xb, window);
        java.util.Arrays.fill(v, 0.0);
        double j = cost.evaluate(v, g);
        double gnorm = norm(g);
        final double initialCost = j, initialGradient = gnorm;
        int outer = 0, inner = 0, halvings = 0;
        while (outer < config.outerLoops() && gnorm > config.tolerance() * initialGradient && gnorm > 0) {
            for (int i = 0; i < n; i++) g[i] = -g[i];
            inner += conjugateGradient(g, dv);
            outer++;
            // Gauss-Newton step, halved while it raises the nonlinear cost: far from the minimum of a long
            // window the quadratic model can overshoot, and a step that is not a descent would be kept otherwise
            double step = 1.0, jTrial = Double.NaN;
            boolean descent = false;
            for (int h = 0; h <= MAX_HALVINGS && !descent; h++, step *= 0.5) {
                for (int i = 0; i < n; i++) trial[i] = v[i] + step * dv[i];
                jTrial = cost.evaluate(trial, g);
                descent = jTrial <= j;
                if (!descent) halvings++;
            }
            if (!descent) {
                j = cost.evaluate(v, g); // no descent along the Gauss-Newton direction: stay, restore the trajectory
                gnorm = norm(g);
                break;
            }
            System.arraycopy(trial, 0, v, 0, n);
            j = jTrial;
            gnorm = norm(g);
        }
        double[] x0 = new double[n];
        cost.state(v, x0);
        return new FourDVarResult(x0, cost.trajectory().clone(), initialCost, j, initialGradient, gnorm, outer, inner,
                halvings);
    }

    /** Solves H x = rhs (H the Gauss-Newton Hessian) from x = 0; returns the iterations done. */
    private int conjugateGradient(double[] rhs, double[] x) {
        java.util.Arrays.fill(x, 0.0);
        System.arraycopy(rhs, 0, r, 0, n);
        System.arraycopy(rhs, 0, p, 0, n);
        double rs = dot(r, r);
        double stop = config.tolerance() * Math.sqrt(rs);
        int it = 0;
        while (it < config.innerIterations() && Math.sqrt(rs) > stop) {
            cost.applyGaussNewtonHessian(p, ap);
            double a = rs / dot(p, ap);
            for (int i = 0; i < n; i++) {
                x[i] += a * p[i];
                r[i] -= a * ap[i];
            }
            double rsNew = dot(r, r);
            double beta = rsNew / rs;
            for (int i = 0; i < n; i++) p[i] = r[i] + beta * p[i];
            rs = rsNew;
            it++;
        }
        return it;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
