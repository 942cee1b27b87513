package dana.var;

import dana.filter.Climatology;
import dana.model.Lorenz96;
import dana.obs.ObservationOperators;
import dana.run.Runner;
import dana.stats.SeriesStats;
import dana.twin.TwinExperiment;
import dana.util.Seeds;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A measure, not a unit test: cycled 4D-Var on the L96 twin experiment (Nx = 40, H = I, sigma = 1), printed as a
 * table per alpha and seed. Run from the worktree after {@code mvn -o test-compile}:
 * <pre>
 *   java -cp target/classes:target/test-classes:$(cat target/cp.txt) dana.var.FourDVarMeasure \
 *       steps=4 lag=4 shift=4 alpha=0.02,0.05 outer=3 inner=20 cycles=11000 burnin=1000 seeds=1,2,3
 * </pre>
 * Scores (RMSE against the truth, averaged over cycles burnin+1 .. cycles):
 * <ul>
 *   <li>{@code traj}: every cycle c scored once with the analysed trajectory M_k(x0^a) of the window in which y_c
 *       is first assimilated (the last S cycles of each window); with S = L cycles inside a window are smoothed
 *       by the later observations of that window; with S = 1 this is the window end (filtering);</li>
 *   <li>{@code end}: the window ends t0 + L only (the filtering analysis, uses no later observation);</li>
 *   <li>{@code start}: x0^a at the window starts (smoothed over the whole window).</li>
 * </ul>
 * The first background is the truth plus N(0, 1), as the cycler's initial ensemble with init spread 1.
 */
public final class FourDVarMeasure {

    public static void main(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (String s : args) {
            String[] kv = s.split("=", 2);
            a.put(kv[0], kv[1]);
        }
        int steps = Integer.parseInt(a.getOrDefault("steps", "4"));
        int lag = Integer.parseInt(a.getOrDefault("lag", "4"));
        int shift = Integer.parseInt(a.getOrDefault("shift", Integer.toString(lag)));
        int outer = Integer.parseInt(a.getOrDefault("outer", "10"));
        int inner = Integer.parseInt(a.getOrDefault("inner", "50"));
        double tol = Double.parseDouble(a.getOrDefault("tol", "1e-4"));
        int cycles = Integer.parseInt(a.getOrDefault("cycles", "11000"));
        int burnIn = Integer.parseInt(a.getOrDefault("burnin", "1000"));
        String[] alphas = a.getOrDefault("alpha", "0.05").split(",");
        String[] seeds = a.getOrDefault("seeds", "1,2,3").split(",");
        Lorenz96 model = new Lorenz96(40, 8.0, 0.05, steps);
        Climatology clim = Climatology.estimate(model, Runner.CLIMATOLOGY_SEED);
        FourDVarConfig config = new FourDVarConfig(lag, shift, outer, inner, tol);
        System.out.printf(Locale.ROOT, "# %s, lag=%d shift=%d outer=%d inner=%d tol=%g cycles=%d burnin=%d%n",
                model.describe(), lag, shift, outer, inner, tol, cycles, burnIn);
        System.out.println("alpha    seed  traj    end     start   outer  inner  halved  ms/window(cpu)");
        for (String as : alphas) {
            double alpha = Double.parseDouble(as);
            double[] sum = new double[3];
            int ok = 0;
            for (String ss : seeds) {
                long seed = Long.parseLong(ss);
                double[] r = run(model, clim, alpha, config, cycles, burnIn, seed);
                System.out.printf(Locale.ROOT, "%-8s %-5d %.4f  %.4f  %.4f  %.2f   %.1f   %.3f   %.2f%n",
                        as, seed, r[0], r[1], r[2], r[3], r[4], r[6], r[5]);
                for (int i = 0; i < 3; i++) sum[i] += r[i];
                ok++;
            }
            System.out.printf(Locale.ROOT, "%-8s mean  %.4f  %.4f  %.4f%n", as, sum[0] / ok, sum[1] / ok, sum[2] / ok);
        }
    }

    /** {traj, end, start aRMSE, mean outer loops, mean CG iterations, CPU ms per window, mean step halvings}. */
    static double[] run(Lorenz96 model, Climatology clim, double alpha, FourDVarConfig config, int cycles, int burnIn,
                        long seed) {
        int nx = model.dim();
        TwinExperiment twin = TwinExperiment.generate(model, ObservationOperators.parse("identity", nx, seed), 1.0,
                cycles, 1000, seed);
        double[] truth = twin.truthArray();
        double[] xb = new double[nx];
        SplittableRandom rng = Seeds.stream(seed, "init-member", 0);
        for (int i = 0; i < nx; i++) xb[i] = truth[i] + Seeds.gaussian(rng);
        FourDVarCycle cycle = new FourDVarCycle(FourDVar.climatological(model, clim, alpha, config), xb, 0);
        double[] traj = new double[cycles + 1];
        java.util.Arrays.fill(traj, Double.NaN);
        double endSum = 0, startSum = 0;
        int endCount = 0, startCount = 0;
        long outer = 0, inner = 0, halved = 0, windows = 0;
        double[] x = new double[nx];
        var bean = ManagementFactory.getThreadMXBean();
        long cpu0 = bean.getCurrentThreadCpuTime();
        while (cycle.windowEnd() <= cycles) {
            FourDVarCycle.WindowAnalysis w = cycle.assimilate(twin::observation);
            for (int c = w.firstScoredCycle(); c <= w.end(); c++) {
                w.stateAt(c, x, 0);
                traj[c] = rmse(x, truth, c * nx);
            }
            if (w.end() > burnIn) {
                w.stateAt(w.end(), x, 0);
                endSum += rmse(x, truth, w.end() * nx);
                endCount++;
            }
            if (w.start() > burnIn) {
                startSum += rmse(w.result().analysis(), truth, w.start() * nx);
                startCount++;
            }
            outer += w.result().outerLoops();
            inner += w.result().innerIterations();
            halved += w.result().stepHalvings();
            windows++;
        }
        long cpu = bean.getCurrentThreadCpuTime() - cpu0;
        int last = cycle.windowStart() + config.lag() - config.shift(); // last scored cycle
        double trajMean = SeriesStats.mean(traj, burnIn + 1, last + 1);
        return new double[] {trajMean, endSum / endCount, startSum / startCount, (double) outer / windows,
                (double) inner / windows, cpu * 1e-6 / windows,
                (double) halved / windows};
    }

    static double rmse(double[] x, double[] truth, int off) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - truth[off + i];
            s += d * d;
        }
        return Math.sqrt(s / x.length);
    }
}
