package dana.var;

import dana.filter.Assimilator;
import dana.filter.Estimates;
import dana.filter.Propagator;
import dana.filter.Window;
import dana.obs.Observation;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;

/**
 * Cycled strong-constraint 4D-Var as the cycler runs it: windows of L cycles [t_K, t_{K+L}] moved by S cycles
 * (1 <= S <= L), the background of a window the previous window's analysed trajectory at its start, with the
 * static B of {@link FourDVar}. The observations are assimilated as the IEnKS's single data assimilation does
 * (Bocquet and Sakov 2014): each window assimilates only the observations no earlier window has seen, its last
 * S (all L in the first window). With S = L these are consecutive classical 4D-Var windows; with S = 1 and
 * L > 1 each window assimilates its last observation only, from a background that has seen the others, and the
 * window's length serves to propagate the static B to the observation time (M B M^T), as in Bocquet and Sakov
 * (2013) and DAPPER's Var4D.
 *
 * <p>Estimates reported, with the IEnKS's conventions ({@link dana.filter.Ienks}): the forecast of cycle c is the
 * background propagated to t_c; the analysis of c is the analysed trajectory at t_c in the window that first
 * assimilated y_c (S = 1: the filtering analysis at the window's end); the smoothed estimate of c is that of
 * the last window containing t_c. Single state: one member, no spread.
 */
public final class FourDVarAssimilator implements Assimilator {

    private final Supplier<FourDVar> build;
    private FourDVar var;
    private final int lag, shift, n;
    private final Observation[] window;
    private final double[] background;
    private final DMatrixRMaj state;
    private FourDVarResult last;

    public FourDVarAssimilator(FourDVar var, int nx) {
        this(var.config(), () -> var, nx);
    }

    /**
     * A 4D-Var built when the first window is analysed: a model that blows up (a time step beyond RK4's
     * stability) has no finite climatology, hence no B, and the run must end as a divergence at its first
     * forecast rather than fail while the method is set up.
     */
    public FourDVarAssimilator(FourDVarConfig config, Supplier<FourDVar> build, int nx) {
        this.build = build;
        this.lag = config.lag();
        this.shift = config.shift();
        this.n = nx;
        this.window = new Observation[lag];
        this.background = new double[nx];
        this.state = new DMatrixRMaj(1, nx);
    }

    @Override
    public int members() {
        return 1;
    }

    @Override
    public int lag() {
        return lag;
    }

    @Override
    public int shift() {
        return shift;
    }

    /** The minimisation of the last window (outer loops, CG iterations, costs), or null before the first. */
    public FourDVarResult lastResult() {
        return last;
    }

    @Override
    public void step(DMatrixRMaj ensemble, Window w, Propagator model, Estimates out) {
        if (ensemble.numRows != 1 || ensemble.numCols != n) {
            throw new IllegalArgumentException("ensemble: 4dvar carries one state of " + n + " variables, got "
                    + ensemble.numRows + " x " + ensemble.numCols);
        }
        int k0 = w.start(), end = w.end(), firstNew = w.firstNew();
        System.arraycopy(ensemble.data, 0, background, 0, n);
        // the forecasts: the background carried through the window, before any observation of it is used
        System.arraycopy(background, 0, state.data, 0, n);
        for (int c = k0 + 1; c <= end; c++) {
            model.forecast(state);
            if (c >= firstNew && !out.forecast(c, state)) return;
        }
        // single data assimilation: the observations no earlier window has seen; none past the run's end (the
        // last window may be cut short: its cost simply has fewer terms)
        for (int k = 1; k <= lag; k++) {
            int c = k0 + k;
            window[k - 1] = c >= firstNew && c <= end ? w.observation(c) : null;
        }
        if (var == null) {
            var = build.get();
            if (var.config().lag() != lag || var.config().shift() != shift) {
                throw new IllegalStateException("4dvar: built with lag " + var.config().lag() + ", shift "
                        + var.config().shift() + " instead of " + lag + ", " + shift);
            }
        }
        last = var.analyse(background, window);
        double[] traj = last.trajectory();
        System.arraycopy(traj, 0, state.data, 0, n);
        out.smoothed(k0, state);
        for (int c = k0 + 1; c <= end; c++) {
            System.arraycopy(traj, (c - k0) * n, state.data, 0, n);
            if (c < k0 + shift || w.last()) out.smoothed(c, state);
            if (c >= firstNew && !out.analysis(c, state)) return;
        }
        int next = Math.min(k0 + shift, end);
        System.arraycopy(traj, (next - k0) * n, ensemble.data, 0, n);
    }
}
