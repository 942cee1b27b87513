package dana.cli;

import dana.run.RunResult;
import dana.run.RunSpec;
import java.util.Locale;

/** The human-readable report of one run. A diverged run shows where it diverged, never NaN numbers. */
final class RunTable {

    private RunTable() {
    }

    static String render(RunResult r, double divergenceFactor) {
        RunSpec s = r.spec();
        var p = s.model();
        StringBuilder sb = new StringBuilder();
        line(sb, "method", s.method().describe());
        line(sb, "model", String.format(Locale.ROOT, "lorenz96 nx=%d F=%s dt=%s, %d step%s per cycle", p.nx(),
                num(p.forcing()), num(p.dt()), p.stepsPerCycle(), p.stepsPerCycle() == 1 ? "" : "s"));
        line(sb, "obs", s.obs() + ", sigma=" + num(s.sigma()));
        line(sb, "cycles", String.format(Locale.ROOT, "%d (statistics over cycles %d-%d), seed %d",
                s.cycles(), s.burnIn() + 1, s.cycles(), s.seed()));
        if (r.diverged()) {
            line(sb, "diverged", String.format(Locale.ROOT,
                    "true, at cycle %d (analysis RMSE not finite or above %s climatological standard deviations)",
                    r.divergedAtCycle(), num(divergenceFactor)));
        } else {
            line(sb, "rmse_a", String.format(Locale.ROOT, "%.4f  (standard error %.4f)", r.rmseA(), r.rmseASe()));
            line(sb, "rmse_f", String.format(Locale.ROOT, "%.4f", r.rmseF()));
            line(sb, "spread_a", String.format(Locale.ROOT, "%.4f", r.spreadA()));
            line(sb, "spread_f", String.format(Locale.ROOT, "%.4f", r.spreadF()));
            if (Double.isFinite(r.rmseS())) line(sb, "rmse_s", String.format(Locale.ROOT, "%.4f  (smoothed estimate)", r.rmseS()));
            line(sb, "diverged", "false");
        }
        line(sb, "time", String.format(Locale.ROOT, "%.2f s, %.0f cycles/s", r.seconds(), r.cyclesPerSecond()));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "%-10s %s\n", key, value));
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
