package dana.diagnose;

import dana.experiment.Json;
import dana.experiment.ResultFields;
import dana.plot.EigenspectrumPlot;
import dana.run.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outputs of {@link ExpansionDiagnostic}: the table printed on stdout, the JSON summary, and the files
 * <pre>
 *   expansion-eigenvalues.csv   rank, P^a_DAN (Jacobian), P^a_DAN (least squares), P^a reference, ratio
 *   expansion-offsets.csv       offset q, the three covariances folded by translation invariance (mean M[i][i+q])
 *   expansion-bias.csv          cycle, b_k
 *   expansion-eigenspectra.png  the three spectra on a log axis
 *   expansion-summary.json      everything above plus the runs and the settings
 * </pre>
 */
public final class ExpansionReport {

    /** Leading eigenvalues shown in the table and checked against the target. */
    public static final int LEADING = 10;

    private ExpansionReport() {
    }

    /** Describes what was run, for titles and the summary: e.g. "dan net.dann" and "enkf-n, 40 members". */
    public record Labels(String main, String reference, String network) {
    }

    public static Map<String, Object> summary(ExpansionResult r, Labels labels, SampledCycles when) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("diagnostic", "expansion");
        m.put("network", labels.network());
        m.put("reference", labels.reference());
        m.put("sampled_cycles", r.cycles().length);
        m.put("burn_in", when.burnIn());
        m.put("every", when.every());
        m.put("samples", r.samples());
        m.put("bias_mean", Numbers.json(r.biasMean()));
        m.put("bias_sd", Numbers.json(r.biasSd()));
        m.put("regression_vs_jacobian", Numbers.json(r.regressionVsJacobian()));
        m.put("asymmetry", Numbers.json(r.asymmetry()));
        int n = r.eigenJacobian().length;
        m.put("eigenvalues_jacobian", Numbers.json(r.eigenJacobian(), n));
        m.put("eigenvalues_regression", Numbers.json(r.eigenRegression(), n));
        m.put("eigenvalues_reference", Numbers.json(r.eigenReference(), n));
        double[] ratios = new double[n];
        for (int j = 0; j < n; j++) ratios[j] = r.ratio(j);
        m.put("ratios", Numbers.json(ratios, n));
        m.put("leading_within_30_percent", withinTarget(r, LEADING, 0.3));
        m.put("trace_jacobian", Numbers.json(sum(r.eigenJacobian())));
        m.put("trace_reference", Numbers.json(sum(r.eigenReference())));
        m.put("implied_spread_jacobian", Numbers.json(impliedSpread(r.eigenJacobian())));
        m.put("implied_spread_reference", Numbers.json(impliedSpread(r.eigenReference())));
        m.put("negative_eigenvalues_jacobian", negatives(r.eigenJacobian()));
        m.put("run", ResultFields.run(r.main()));
        m.put("reference_run", ResultFields.run(r.reference()));
        return m;
    }

    /** True when each of the {@code k} leading eigenvalues (Jacobian) is within {@code tol} of the reference's. */
    public static boolean withinTarget(ExpansionResult r, int k, double tol) {
        for (int j = 0; j < Math.min(k, r.eigenJacobian().length); j++) {
            if (!(Math.abs(r.ratio(j) - 1) <= tol)) return false;
        }
        return true;
    }

    public static String table(ExpansionResult r, Labels labels, SampledCycles when, int cycles) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "operator expansion of %s at x = x^f_k: %d cycles sampled (every %d after %d of %d)%n",
                labels.main(), r.cycles().length, when.every(), when.burnIn(), cycles));
        sb.append(String.format(Locale.ROOT, "  run aRMSE        %s%s; reference %s: %s%s%n", Numbers.g4(r.main().rmseA()),
                diverged(r.main()), labels.reference(), Numbers.g4(r.reference().rmseA()), diverged(r.reference())));
        sb.append(String.format(Locale.ROOT, "  implied spread sqrt(tr P^a / Nx): DAN %s, reference %s (compare with the aRMSEs)%n",
                Numbers.g4(impliedSpread(r.eigenJacobian())), Numbers.g4(impliedSpread(r.eigenReference()))));
        sb.append(String.format(Locale.ROOT, "  bias  b = %s, s = %s   (b_k = ||a(x^f_k, 0)|| / sqrt(Nx): time mean, standard deviation)%n",
                Numbers.g4(r.biasMean()), Numbers.g4(r.biasSd())));
        sb.append(String.format(Locale.ROOT, "  gain  G = da/dzeta at zeta = 0 (= P^a, zeta = H^T R^-1 (y - H x^f)); least squares over Np = %d: "
                + "||G_ls - G||/||G|| = %s; asymmetry ||G - G^T||/||G + G^T|| = %s%n",
                r.samples(), Numbers.g4(r.regressionVsJacobian()), Numbers.g4(r.asymmetry())));
        sb.append(String.format(Locale.ROOT, "  eigenvalues of P^a (symmetrised), time means over the sampled cycles:%n"));
        sb.append(String.format(Locale.ROOT, "  %4s  %14s  %14s  %14s  %8s%n", "rank", "DAN jacobian", "DAN lsq", "reference", "ratio"));
        for (int j = 0; j < Math.min(LEADING, r.eigenJacobian().length); j++) {
            sb.append(String.format(Locale.ROOT, "  %4d  %14s  %14s  %14s  %8s%n", j + 1, Numbers.g4(r.eigenJacobian()[j]),
                    Numbers.g4(r.eigenRegression()[j]), Numbers.g4(r.eigenReference()[j]), Numbers.g4(r.ratio(j))));
        }
        sb.append(String.format(Locale.ROOT, "  trace: DAN %s (%d negative eigenvalues), reference %s; the %d leading within 30%% of the reference: %s%n",
                Numbers.g4(sum(r.eigenJacobian())), negatives(r.eigenJacobian()), Numbers.g4(sum(r.eigenReference())), LEADING,
                withinTarget(r, LEADING, 0.3) ? "yes" : "no"));
        return sb.toString();
    }

    /** The files, rendered in memory (the caller writes them atomically). */
    public static Map<Path, byte[]> files(Path dir, ExpansionResult r, Labels labels, SampledCycles when) {
        Map<Path, byte[]> f = new LinkedHashMap<>();
        int n = r.eigenJacobian().length;
        StringBuilder e = new StringBuilder("rank,dan_jacobian,dan_least_squares,reference,ratio\n");
        for (int j = 0; j < n; j++) {
            e.append(j + 1).append(',').append(Numbers.csv(r.eigenJacobian()[j])).append(',')
                    .append(Numbers.csv(r.eigenRegression()[j])).append(',').append(Numbers.csv(r.eigenReference()[j]))
                    .append(',').append(Numbers.csv(r.ratio(j))).append('\n');
        }
        f.put(dir.resolve("expansion-eigenvalues.csv"), utf8(e.toString()));
        StringBuilder o = new StringBuilder("offset,dan_jacobian,dan_least_squares,reference\n");
        for (int q = -(n / 2); q < n - n / 2; q++) {
            int k = Math.floorMod(q, n);
            o.append(q).append(',').append(Numbers.csv(r.offsetJacobian()[k])).append(',')
                    .append(Numbers.csv(r.offsetRegression()[k])).append(',').append(Numbers.csv(r.offsetReference()[k]))
                    .append('\n');
        }
        f.put(dir.resolve("expansion-offsets.csv"), utf8(o.toString()));
        StringBuilder b = new StringBuilder("cycle,bias\n");
        for (int i = 0; i < r.cycles().length; i++) b.append(r.cycles()[i]).append(',').append(Numbers.csv(r.bias()[i])).append('\n');
        f.put(dir.resolve("expansion-bias.csv"), utf8(b.toString()));
        String title = "P^a eigenvalues: " + labels.main() + " vs " + labels.reference() + " (" + r.cycles().length + " cycles)";
        f.put(dir.resolve("expansion-eigenspectra.png"), EigenspectrumPlot.render(title, List.of(
                new EigenspectrumPlot.Spectrum("DAN, G = da/dzeta (Jacobian)", r.eigenJacobian()),
                new EigenspectrumPlot.Spectrum("DAN, least squares (Np = " + r.samples() + ")", r.eigenRegression()),
                new EigenspectrumPlot.Spectrum(labels.reference(), r.eigenReference()))));
        f.put(dir.resolve("expansion-summary.json"), utf8(Json.pretty(summary(r, labels, when)) + "\n"));
        return f;
    }

    private static String diverged(RunResult r) {
        return r.diverged() ? " (diverged at cycle " + r.divergedAtCycle() + ")" : "";
    }

    /**
     * sqrt(tr P^a / Nx) of the time-mean spectrum: the analysis error an analysis claims; for a consistent
     * filter it is close to its aRMSE.
     */
    public static double impliedSpread(double[] eigenvalues) {
        return Math.sqrt(sum(eigenvalues) / eigenvalues.length);
    }

    private static int negatives(double[] v) {
        int c = 0;
        for (double x : v) if (x < 0) c++;
        return c;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
