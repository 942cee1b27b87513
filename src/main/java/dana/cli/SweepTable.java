package dana.cli;

import dana.sweep.PointResult;
import dana.sweep.SweepConfig;
import dana.sweep.SweepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table {@code dana sweep} prints: one row per point with the network's aRMSE (mean and sd over the seeds,
 * diverged seeds), its training (steps, minutes, last validation) and each reference's aRMSE.
 */
final class SweepTable {

    private SweepTable() {
    }

    static String render(SweepResult r, int threads) {
        SweepConfig c = r.config();
        StringBuilder sb = new StringBuilder();
        int seeds = c.evaluation().seeds().size();
        sb.append(String.format(Locale.ROOT, "%s%s: %s, %d point%s (%d computed now), %s; %d seed%s x %,d cycles, burn-in %,d; %.1f s on %d thread%s%n",
                c.name(), c.shortened() ? " (short)" : "", c.parameter().key, c.points().size(), c.points().size() == 1 ? "" : "s",
                r.computed().size(), c.parameter() == dana.sweep.SweepParameter.STEPS ? "budget swept"
                        : String.format(Locale.ROOT, "%,d training steps each", c.steps()),
                seeds, seeds == 1 ? "" : "s", c.evaluation().cycles(), c.evaluation().burnIn(), r.seconds(), threads,
                threads == 1 ? "" : "s"));
        List<String> head = new ArrayList<>(List.of(c.parameter().key, "dan", "sd", "diverged", "steps", "train min", "validation"));
        head.addAll(r.referenceIds());
        List<List<String>> rows = new ArrayList<>();
        for (PointResult p : r.points()) {
            PointResult.Series n = p.network();
            List<String> row = new ArrayList<>(List.of(p.value(), n.rmseA() == null ? "diverged" : f4(n.rmseA()),
                    n.rmseASd() == null ? "-" : f4(n.rmseASd()), n.diverged() + "/" + n.seeds(),
                    Long.toString(p.training().steps()), String.format(Locale.ROOT, "%.1f", p.training().trainSeconds() / 60),
                    p.training().validationDiverged() ? "diverged"
                            : p.training().validationRmseA() == null ? "-" : f4(p.training().validationRmseA())));
            for (PointResult.Series s : p.series().subList(1, p.series().size())) row.add(SweepProgress.value(s));
            rows.add(row);
        }
        for (SweepResult.Failure f : r.failures()) {
            List<String> row = new ArrayList<>(List.of(f.label().substring(f.label().indexOf('=') + 1), "failed"));
            while (row.size() < head.size()) row.add("-");
            rows.add(row);
        }
        int[] w = new int[head.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = head.get(i).length();
            for (List<String> row : rows) if (i < row.size()) w[i] = Math.max(w[i], row.get(i).length());
        }
        line(sb, head, w);
        int total = 0;
        for (int x : w) total += x + 2;
        sb.append("-".repeat(Math.max(0, total - 2))).append('\n');
        for (List<String> row : rows) line(sb, row, w);
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) l.append("  ");
            String c = cells.get(i);
            // the value column left-aligned, numbers right-aligned
            l.append(i == 0 ? c + " ".repeat(w[i] - c.length()) : " ".repeat(w[i] - c.length()) + c);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    private static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
