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
     * unchecked ("-"). A configuration whose seeds all diverged gets "div", and so does one whose ratio is
     * taken against a configuration whose seeds all diverged.
     */
    static List<ConfigSummary> apply(List<Expectation> expectations, List<ConfigSummary> summaries) {
        List<ConfigSummary> out = new ArrayList<>(summaries);
        for (int i = 0; i < out.size(); i++) {
            ConfigSummary s = out.get(i);
            for (Expectation e : expectations) {
                if (!e.matches(s.config())) continue;
                out.set(i, s.withCheck(new ConfigSummary.Check(e, verdict(e, s, summaries), ratio(e, s, summaries))));
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
        double value = s.rmseA();
        if (e.relativeTo() != null) {
            ConfigSummary base = base(e, all);
            if (Double.isNaN(base.rmseA())) return "div";
            value /= base.rmseA();
        }
        return e.rmseA().contains(value) ? "ok" : "MISS";
    }

    /** The configuration a ratio is taken against (the parser made sure there is exactly one). */
    private static ConfigSummary base(Expectation e, List<ConfigSummary> all) {
        for (ConfigSummary c : all) if (e.isBase(c.config())) return c;
        throw new IllegalStateException("no configuration matches relative_to " + e.relativeTo());
    }

    /** The measured ratio of an expectation with relative_to, else NaN. */
    static double ratio(Expectation e, ConfigSummary s, List<ConfigSummary> all) {
        if (e.relativeTo() == null) return Double.NaN;
        return s.rmseA() / base(e, all).rmseA();
    }
}
