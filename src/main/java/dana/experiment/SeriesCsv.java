package dana.experiment;

import dana.run.RunResult;

/** The per-cycle series of one run: cycle, rmse_a, rmse_f, spread_a, spread_f (up to the last cycle run). */
final class SeriesCsv {

    private SeriesCsv() {
    }

    static String render(RunResult r) {
        RunResult.Series s = r.series();
        StringBuilder sb = new StringBuilder(64 * (s.lastCycle() + 1));
        sb.append("cycle,rmse_a,rmse_f,spread_a,spread_f\n");
        for (int k = 1; k <= s.lastCycle(); k++) {
            sb.append(k).append(',');
            Csv.fixed6(sb, s.rmseA()[k]);
            sb.append(',');
            Csv.fixed6(sb, s.rmseF()[k]);
            sb.append(',');
            Csv.fixed6(sb, s.spreadA()[k]);
            sb.append(',');
            Csv.fixed6(sb, s.spreadF()[k]);
            sb.append('\n');
        }
        return sb.toString();
    }
}
