package dana.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dana.experiment.AtomicFiles;
import dana.experiment.ConfigSummary;
import dana.experiment.ExperimentResult;
import dana.experiment.ResultFields;
import dana.experiment.RunConfig;
import dana.experiment.SeedRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished point: its training and the evaluation of the network and of the references over the seeds.
 * Written as {@code points/LABEL/result.json}, atomically and last: its presence marks the point finished, and
 * a restarted sweep reads it back instead of recomputing. It also holds what the point was computed with (the
 * resolved training file, the evaluation, the references), so that a restart with another configuration is
 * refused rather than mixed in.
 *
 * @param series the network ({@link SweepPoint#NETWORK_ID}) first, then the references in file order
 */
public record PointResult(String parameter, String value, double x, String label, Training training,
                          List<Series> series, String trainingConfig, Evaluation evaluation,
                          List<Map<String, Object>> references) {

    public static final String FILE = "result.json";

    /**
     * The training of the point's network, from the trainer's summary.
     *
     * @param validationRmseA the last validation's aRMSE, null when none ran or when it diverged
     * @param validationDiverged true when the last validation diverged
     */
    public record Training(long steps, double trainSeconds, double wallSeconds, Double validationRmseA,
                           boolean validationDiverged, double sampleCyclesPerSecond) {
    }

    /**
     * One evaluated configuration over the seeds: the mean and sd of the analysis RMSE over the seeds that did
     * not diverge (null when every seed diverged), their extremes, and each seed's value (null when it diverged).
     */
    public record Series(String id, String method, Map<String, Object> parameters, Double rmseA,
                         @JsonProperty("rmse_a_sd") Double rmseASd, @JsonProperty("rmse_a_min") Double rmseAMin,
                         @JsonProperty("rmse_a_max") Double rmseAMax, int seeds, int diverged, List<Double> perSeed) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public PointResult {
        series = List.copyOf(series);
        references = List.copyOf(references);
    }

    public Series network() {
        return series.get(0);
    }

    static PointResult of(SweepPoint p, Training training, ExperimentResult evaluation, String trainingConfig) {
        List<Series> series = new ArrayList<>();
        List<ConfigSummary> summaries = evaluation.summaries();
        // the network first: the experiment lists it last (after the references)
        summaries.stream().filter(s -> s.config().id().equals(SweepPoint.NETWORK_ID))
                .forEach(s -> series.add(series(s, evaluation)));
        summaries.stream().filter(s -> !s.config().id().equals(SweepPoint.NETWORK_ID))
                .forEach(s -> series.add(series(s, evaluation)));
        return new PointResult(p.parameter().key, p.value().text(), p.value().x(), p.label(), training, series,
                trainingConfig, p.evaluation(), referenceSettings(p.references()));
    }

    private static Series series(ConfigSummary s, ExperimentResult r) {
        List<Double> perSeed = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (SeedRun run : r.runsOf(s.config())) {
            if (run.result().diverged()) {
                perSeed.add(null);
            } else {
                double a = run.result().rmseA();
                perSeed.add(a);
                min = Math.min(min, a);
                max = Math.max(max, a);
            }
        }
        return new Series(s.config().id(), s.config().method().method().cliName(), ResultFields.parameters(s.config().method()),
                num(s.rmseA()), num(s.rmseASd()), num(min), num(max), s.seeds(), s.diverged(), perSeed);
    }

    /** A reference's settings as in a sweep file (infinite numbers as the text "inf"), for the restart check. */
    static List<Map<String, Object>> referenceSettings(List<RunConfig> references) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RunConfig r : references) {
            Map<String, Object> m = new LinkedHashMap<>();
            r.values().forEach((k, v) -> {
                if (SweepParser.REFERENCE.contains(k)) m.put(k, v instanceof Double d && Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : v);
            });
            out.add(m);
        }
        return out;
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    void write(Path pointDir) {
        AtomicFiles.write(pointDir.resolve(FILE), toJson());
    }

    /** @throws IOException when the file cannot be read or is not a point result */
    static PointResult read(Path pointDir) throws IOException {
        Path f = pointDir.resolve(FILE);
        try {
            return JSON.readValue(f.toFile(), PointResult.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(f + ": not a point result (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** The settings as JSON text, for comparing a stored result with the current configuration. */
    static String text(Object settings) {
        try {
            return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(settings);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
