package dana.cli;

import dana.experiment.ConfigSummary;
import dana.experiment.ExperimentConfig;
import dana.experiment.ExperimentResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The printed table of an experiment: one row per configuration with the means over seeds, the seeds' standard
 * deviation, the diverged count and, when the file gives one, the expected value and its check.
 */
final class SummaryTable {

    static final List<String> HEADER = List.of("config", "rmse_a", "sd", "rmse_f", "spread_a", "cycles/s",
            "diverged", "expected", "check");

    private SummaryTable() {
    }

    static String render(ExperimentResult result, int threads) {
        ExperimentConfig c = result.config();
        List<ConfigSummary> summaries = result.summaries();
        boolean anyExpectation = summaries.stream().anyMatch(s -> s.check() != null);
        List<List<String>> rows = new ArrayList<>();
        for (ConfigSummary s : summaries) {
            boolean none = Double.isNaN(s.rmseA());
            List<String> row = new ArrayList<>(List.of(
                    s.config().id(),
                    none ? "diverged" : f4(s.rmseA()),
                    none ? "-" : f4(s.rmseASd()),
                    none ? "-" : f4(s.rmseF()),
                    none ? "-" : f4(s.spreadA()),
                    String.format(Locale.ROOT, "%.0f", s.cyclesPerSecond()),
                    s.diverged() + "/" + s.seeds()));
            if (anyExpectation) {
                row.add(s.check() == null ? "" : s.check().expectation().describe());
                row.add(s.check() == null ? "" : s.check().verdict());
            }
            rows.add(row);
        }
        List<String> header = anyExpectation ? HEADER : HEADER.subList(0, HEADER.size() - 2);
        StringBuilder sb = new StringBuilder();
        sb.append(title(c, threads, result.seconds()));
        if (result.readBack() > 0) {
            sb.append(" (").append(result.readBack()).append(" of ").append(result.runs().size()).append(" runs read back from runs/)");
        }
        sb.append('\n');
        sb.append(table(header, rows));
        sb.append("rmse_a, rmse_f, spread_a: means over the seeds that did not diverge, after the burn-in; "
                + "sd: standard deviation of rmse_a over those seeds").append(anyExpectation ? "; check: against expected (not asserted)" : "").append('\n');
        return sb.toString();
    }

    static String title(ExperimentConfig c, int threads, double seconds) {
        String cycles = c.runs().stream().map(r -> r.cycles() + " cycles, burn-in " + r.burnIn()).distinct()
                .collect(Collectors.joining(" | "));
        String seeds = c.seeds().stream().map(String::valueOf).collect(Collectors.joining(","));
        return String.format(Locale.ROOT, "%s%s: %d configurations x seeds %s; %s; %.1f s on %d thread%s",
                c.name(), c.shortened() ? " (short)" : "", c.runs().size(), seeds, cycles, seconds, threads,
                threads == 1 ? "" : "s");
    }

    /** Left-aligned first and last two columns, right-aligned numbers. */
    static String table(List<String> header, List<List<String>> rows) {
        int n = header.size();
        int[] width = new int[n];
        for (int j = 0; j < n; j++) width[j] = header.get(j).length();
        for (List<String> r : rows) for (int j = 0; j < n; j++) width[j] = Math.max(width[j], r.get(j).length());
        StringBuilder sb = new StringBuilder();
        appendRow(sb, header, width);
        int total = 0;
        for (int w : width) total += w + 2;
        sb.append("-".repeat(total - 2)).append('\n');
        for (List<String> r : rows) appendRow(sb, r, width);
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < cells.size(); j++) {
            if (j > 0) line.append("  ");
            boolean left = j == 0 || j >= 7;
            String cell = cells.get(j);
            String pad = " ".repeat(width[j] - cell.length());
            line.append(left ? cell + pad : pad + cell);
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
