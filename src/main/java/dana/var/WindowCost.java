package dana.var;

import dana.model.Model;
import dana.obs.Observation;

/**
 * The strong-constraint 4D-Var cost of one window in the control variable v, x0 = x^b + B^{1/2} v:
 * <pre>
 *   J(v) = 1/2 |v|^2 + 1/2 sum_{k=1..L} |y_k - H_k M_k(x0)|^2 / sigma_k^2
 *   grad J(v) = v - B^{1/2} sum_k M_k'^T H_k^T (y_k - H_k M_k(x0)) / sigma_k^2
 * </pre>
 * where M_k is k cycles of the model. The window starts at t0 (the time of x^b and x0), which carries no
 * observation: y_k is observed k cycles later, k = 1..L. The gradient sums the innovations backwards through
 * the discrete adjoint of the model, one sweep for all k. {@link #evaluate} also stores the trajectory x_k =
 * M_k(x0), about which {@link #applyGaussNewtonHessian} applies the Gauss-Newton Hessian of the cost.
 * Not thread-safe (workspaces).
 */
public final class WindowCost {

    private final Model model;
    private final BackgroundCovariance b;
    private final int n;
    private final int lag;
    private final double[] xb;
    private Observation[] window;
    private final double[] trajectory;   // (lag + 1) * n: x_0 .. x_L of the last evaluate
    private final double[] innovations;  // lag * n: (y_k - H x_k) / sigma_k^2, p_k entries used per row
    private final double[] lambda, w;

    /**
     * @param model advances one cycle; a private copy is taken
     */
    public WindowCost(Model model, BackgroundCovariance b, int lag) {
        if (lag < 1) throw new IllegalArgumentException("lag: must be >= 1 (window length in cycles), got " + lag);
        if (b.dim() != model.dim()) {
            throw new IllegalArgumentException("B: dimension " + b.dim() + " differs from the model's " + model.dim());
        }
        this.model = model.copy();
        this.b = b;
        this.n = model.dim();
        this.lag = lag;
        this.xb = new double[n];
        this.trajectory = new double[(lag + 1) * n];
        this.innovations = new double[lag * n];
        this.lambda = new double[n];
        this.w = new double[n];
    }

    public int dim() {
        return n;
    }

    public int lag() {
        return lag;
    }

    /**
     * Sets the background (copied) and the window's observations: {@code window[k-1]} is observed k cycles after
     * the window start, k = 1..L; a null entry means no observation at that cycle. The array is kept, not copied.
     */
    public void setWindow(double[] background, Observation[] window) {
        if (background.length != n) {
            throw new IllegalArgumentException("background: length " + background.length + ", the model has " + n);
        }
        if (window.length != lag) {
            throw new IllegalArgumentException("window: " + window.length + " observation times, the lag is " + lag);
        }
        for (Observation y : window) {
            if (y != null) {
                for (int i : y.indices()) {
                    if (i < 0 || i >= n) throw new IllegalArgumentException("observation: index " + i + " outside [0, " + n + ")");
                }
            }
        }
        System.arraycopy(background, 0, xb, 0, n);
        this.window = window;
    }

    /** x0 = x^b + B^{1/2} v. */
    public void state(double[] v, double[] x0) {
        b.applySqrt(v, x0);
        for (int i = 0; i < n; i++) x0[i] += xb[i];
    }

    /**
     * J(v), and its gradient in {@code grad} unless null; the trajectory x_k = M_k(x0) is kept as the
     * linearisation trajectory of {@link #applyGaussNewtonHessian}.
     */
    public double evaluate(double[] v, double[] grad) {
        state(v, trajectory);
        double obsTerm = 0;
        for (int k = 1; k <= lag; k++) {
            System.arraycopy(trajectory, (k - 1) * n, trajectory, k * n, n);
            model.forecast(trajectory, k * n);
            Observation y = window[k - 1];
            if (y == null) continue;
            int[] idx = y.indices();
            double[] values = y.values();
            double r = 1.0 / (y.sigma() * y.sigma());
            int row = (k - 1) * n;
            for (int j = 0; j < idx.length; j++) {
                double d = values[j] - trajectory[k * n + idx[j]];
                obsTerm += d * d * r;
                innovations[row + j] = d * r;
            }
        }
        double bgTerm = 0;
        for (int i = 0; i < n; i++) bgTerm += v[i] * v[i];
        if (grad != null) {
            // lambda = sum_k M_k'^T H_k^T R^-1 d_k, accumulated from the window end backwards
            java.util.Arrays.fill(lambda, 0.0);
            for (int k = lag; k >= 1; k--) {
                Observation y = window[k - 1];
                if (y != null) {
                    int[] idx = y.indices();
                    int row = (k - 1) * n;
                    for (int j = 0; j < idx.length; j++) lambda[idx[j]] += innovations[row + j];
                }
                model.adjoint(trajectory, (k - 1) * n, lambda, 0);
            }
            b.applySqrt(lambda, grad);
            for (int i = 0; i < n; i++) grad[i] = v[i] - grad[i];
        }
        return 0.5 * (bgTerm + obsTerm);
    }

    /**
     * out = (I + B^{1/2} sum_k M_k'^T H_k^T H_k M_k' B^{1/2} / sigma_k^2) p, the Gauss-Newton Hessian of J about
     * the trajectory of the last {@link #evaluate}: one tangent-linear sweep forward and one adjoint sweep back.
     * out must not alias p.
     */
    public void applyGaussNewtonHessian(double[] p, double[] out) {
        int last = lastObserved();
        b.applySqrt(p, w);
        for (int k = 1; k <= last; k++) {
            model.tangentLinear(trajectory, (k - 1) * n, w, 0);
            Observation y = window[k - 1];
            if (y == null) continue;
            int[] idx = y.indices();
            double r = 1.0 / (y.sigma() * y.sigma());
            int row = (k - 1) * n;
            for (int j = 0; j < idx.length; j++) innovations[row + j] = w[idx[j]] * r;
        }
        java.util.Arrays.fill(lambda, 0.0);
        for (int k = last; k >= 1; k--) {
            Observation y = window[k - 1];
            if (y != null) {
                int[] idx = y.indices();
                int row = (k - 1) * n;
                for (int j = 0; j < idx.length; j++) lambda[idx[j]] += innovations[row + j];
            }
            model.adjoint(trajectory, (k - 1) * n, lambda, 0);
        }
        b.applySqrt(lambda, out);
        for (int i = 0; i < n; i++) out[i] += p[i];
    }

    private int lastObserved() {
        for (int k = lag; k >= 1; k--) if (window[k - 1] != null) return k;
        return 0;
    }

    /** The same cost written in the state: 1/2 |x0 - x^b|^2_{B^-1} + observation term (no side effects on the
     * linearisation trajectory). */
    public double stateCost(double[] x0) {
        double[] dx = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) dx[i] = x0[i] - xb[i];
        b.applyInverseSqrt(dx, v);
        double bg = 0;
        for (double vi : v) bg += vi * vi;
        double[] x = x0.clone();
        double obs = 0;
        for (int k = 1; k <= lag; k++) {
            model.forecast(x, 0);
            Observation y = window[k - 1];
            if (y == null) continue;
            for (int j = 0; j < y.size(); j++) {
                double d = y.values()[j] - x[y.indices()[j]];
                obs += d * d / (y.sigma() * y.sigma());
            }
        }
        return 0.5 * (bg + obs);
    }

    /** x_k = M_k(x0), k = 0..L, of the last {@link #evaluate}: row k at offset k * n. Do not modify. */
    public double[] trajectory() {
        return trajectory;
    }
}
