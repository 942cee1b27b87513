package dana.experiment;

import dana.stats.SeriesStats;
import java.util.List;

/**
 * The results of one configuration over its seeds. Means are over the seeds that did not diverge (NaN when
 * every seed diverged); {@code diverged} counts the others, so a partly diverged configuration shows both.
 *
 * @param rmseASd standard deviation of the per-seed analysis RMSE (0 with one surviving seed)
 * @param check   the reference value printed beside it, or null
 * @param rmseS   mean smoothed-estimate RMSE (smoothers only; NaN otherwise)
 */
public record ConfigSummary(RunConfig config, int seeds, int diverged, double rmseA, double rmseASd, double rmseF,
                            double spreadA, double spreadF, double cyclesPerSecond, Check check, double rmseS) {

    /**
     * An expectation as applied to this configuration: {@code verdict} is ok, MISS, "-" (not checked) or div;
     * {@code ratio} is the analysis RMSE over that of the expectation's {@code relative_to} configuration (NaN
     * when it has none).
     */
    public record Check(Expectation expectation, String verdict, double ratio) {
    }

    static ConfigSummary of(RunConfig config, List<SeedRun> runs) {
        List<SeedRun> ok = runs.stream().filter(r -> !r.result().diverged()).toList();
        double[] a = ok.stream().mapToDouble(r -> r.result().rmseA()).toArray();
        double cps = runs.stream().mapToDouble(r -> r.result().cyclesPerSecond()).average().orElse(Double.NaN);
        return new ConfigSummary(config, runs.size(), runs.size() - ok.size(),
                mean(a), a.length == 0 ? Double.NaN : SeriesStats.sd(a),
                mean(ok.stream().mapToDouble(r -> r.result().rmseF()).toArray()),
                mean(ok.stream().mapToDouble(r -> r.result().spreadA()).toArray()),
                mean(ok.stream().mapToDouble(r -> r.result().spreadF()).toArray()),
                cps, null, mean(ok.stream().mapToDouble(r -> r.result().rmseS()).toArray()));
    }

    ConfigSummary withCheck(Check c) {
        return new ConfigSummary(config, seeds, diverged, rmseA, rmseASd, rmseF, spreadA, spreadF, cyclesPerSecond, c, rmseS);
    }

    private static double mean(double[] v) {
        if (v.length == 0) return Double.NaN;
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }
}
