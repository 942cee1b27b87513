package dana.diagnose;

import dana.experiment.Json;
import dana.experiment.ResultFields;
import dana.plot.SensitivityHeatMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The outputs of {@link SensitivityDiagnostic}: a table, the JSON summary and the files
 * <pre>
 *   sensitivity.csv           x_offset p, zeta_offset q, mean S(p,q), rms R(p,q), for p, q in [-Nx/2, Nx/2)
 *   sensitivity.png           heat maps of S and R over (p, q)
 *   sensitivity-summary.json  settings, runs, locality shares, the central block of S
 * </pre>
 */
public final class SensitivityReport {

    /** Radii of the locality shares. */
    public static final int[] RADII = {0, 1, 2, 3, 5, 10};
    /** Half-width of the block of S printed in the table. */
    public static final int SHOWN = 4;

    private SensitivityReport() {
    }

    public static Map<String, Object> summary(SensitivityResult r, String network, SampledCycles when) {
        FoldedSensitivity f = r.folded();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("diagnostic", "sensitivity");
        m.put("network", network);
        m.put("sampled_cycles", r.cycles().length);
        m.put("burn_in", when.burnIn());
        m.put("every", when.every());
        m.put("step", r.step());
        Map<String, Object> shares = new LinkedHashMap<>();
        for (int rad : RADII) shares.put(Integer.toString(rad), Numbers.json(f.shareWithin(rad)));
        m.put("rms_share_within_radius", shares);
        Map<String, Object> block = new LinkedHashMap<>();
        for (int p = -SHOWN; p <= SHOWN; p++) {
            double[] row = new double[2 * SHOWN + 1];
            for (int q = -SHOWN; q <= SHOWN; q++) row[q + SHOWN] = f.mean(p, q);
            block.put(Integer.toString(p), Numbers.json(row, row.length));
        }
        m.put("mean_by_x_offset_then_zeta_offset", block);
        m.put("run", ResultFields.run(r.run()));
        return m;
    }

    public static String table(SensitivityResult r, String label, SampledCycles when, int cycles) {
        FoldedSensitivity f = r.folded();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "locality of %s: S(p, q) = < d^2 a_i / dx_{i+p} dzeta_{i+q} at zeta = 0 >, "
                + "%d cycles sampled (every %d after %d of %d), step h = %s%n", label, r.cycles().length, when.every(),
                when.burnIn(), cycles, Numbers.g4(r.step())));
        sb.append(String.format(Locale.ROOT, "  run aRMSE %s%s%n", Numbers.g4(r.run().rmseA()),
                r.run().diverged() ? " (diverged at cycle " + r.run().divergedAtCycle() + ")" : ""));
        sb.append("  signed mean S(p, q); rows p (offset of x), columns q (offset of zeta):\n");
        sb.append(String.format(Locale.ROOT, "  %4s", "p\\q"));
        for (int q = -SHOWN; q <= SHOWN; q++) sb.append(String.format(Locale.ROOT, " %10d", q));
        sb.append('\n');
        for (int p = -SHOWN; p <= SHOWN; p++) {
            sb.append(String.format(Locale.ROOT, "  %4d", p));
            for (int q = -SHOWN; q <= SHOWN; q++) sb.append(String.format(Locale.ROOT, " %10s", Numbers.g4(f.mean(p, q))));
            sb.append('\n');
        }
        sb.append("  share of the mean squared mixed derivative within |p|, |q| <= r:");
        for (int rad : RADII) sb.append(String.format(Locale.ROOT, "  r=%d: %s", rad, Numbers.g4(f.shareWithin(rad))));
        sb.append('\n');
        return sb.toString();
    }

    public static Map<Path, byte[]> files(Path dir, SensitivityResult r, String label, String network,
            SampledCycles when) {
        FoldedSensitivity f = r.folded();
        int n = f.nx();
        Map<Path, byte[]> out = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder("x_offset,zeta_offset,mean,rms\n");
        double[][] mean = new double[n][n], rms = new double[n][n];
        for (int p = -(n / 2); p < n - n / 2; p++) {
            for (int q = -(n / 2); q < n - n / 2; q++) {
                mean[Math.floorMod(p, n)][Math.floorMod(q, n)] = f.mean(p, q);
                rms[Math.floorMod(p, n)][Math.floorMod(q, n)] = f.rms(p, q);
                csv.append(p).append(',').append(q).append(',').append(Numbers.csv(f.mean(p, q))).append(',')
                        .append(Numbers.csv(f.rms(p, q))).append('\n');
            }
        }
        out.put(dir.resolve("sensitivity.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        String title = "d^2 a_i / dx_(i+p) dzeta_(i+q) at zeta = 0: " + label + " (" + r.cycles().length + " cycles)";
        out.put(dir.resolve("sensitivity.png"), SensitivityHeatMap.render(title, "p: offset of x (j - i)",
                "q: offset of zeta (l - i)",
                new SensitivityHeatMap.Panel("signed mean S(p, q)", mean, true),
                new SensitivityHeatMap.Panel("root mean square R(p, q)", rms, false)));
        out.put(dir.resolve("sensitivity-summary.json"),
                (Json.pretty(summary(r, network, when)) + "\n").getBytes(StandardCharsets.UTF_8));
        return out;
    }
}
