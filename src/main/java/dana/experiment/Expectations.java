package dana.experiment;

import java.util.ArrayList;
import java.util.List;

/** Attaches expectations to configuration summaries and checks the measured analysis RMSE against them. */
final class Expectations {

    private Expectations() {
    }

    /**
     * Each summary gets the first expectation that matches it. An expectation with {@code of: best} is
     * checked only on the matching configuration with the lowest mean analysis RMSE; the others show it
     * unchecked ("-"). A configuration whose seeds all diverged gets "div".
     */
    static List<ConfigSummary> apply(List<Expectation> expectations, List<ConfigSummary> summaries) {
        List<ConfigSummary> out = new ArrayList<>(summaries);
        for (int i = 0; i < out.size(); i++) {
            ConfigSummary s = out.get(i);
            for (Expectation e : expectations) {
                if (!e.matches(s.config())) continue;
                out.set(i, s.withCheck(new ConfigSummary.Check(e, verdict(e, s, summaries))));
                break;
            }
        }
        return out;
    }

    private static String verdict(Expectation e, ConfigSummary s, List<ConfigSummary> all) {
        if (e.rmseA() == null) return "-";
        if (e.bestOnly()) {
            ConfigSummary best = null;
            for (ConfigSummary c : all) {
                if (e.matches(c.config()) && !Double.isNaN(c.rmseA()) && (best == null || c.rmseA() < best.rmseA())) best = c;
            }
            if (best == null) return "div";
            if (best != s) return "-";
        }
        if (Double.isNaN(s.rmseA())) return "div";
        return e.rmseA().contains(s.rmseA()) ? "ok" : "MISS";
    }
}
