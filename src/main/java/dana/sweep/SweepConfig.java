package dana.sweep;

import dana.train.TrainConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A sweep, resolved and validated: one training run per value of one parameter, each evaluated against the same
 * classical references.
 *
 * @param base            the base training file with the overrides and the reduced budget applied, before the
 *                        parameter (what every point shares)
 * @param steps           the training budget of a point (training steps), unless the parameter is {@code steps}
 * @param threadsPerPoint engine threads of one point's training; points run side by side on the rest
 * @param shortened       true when the file's {@code short} block was applied
 */
public record SweepConfig(String name, String description, TrainConfig base, SweepParameter parameter,
                          List<SweepPoint> points, long steps, Evaluation evaluation, int threadsPerPoint,
                          boolean shortened) {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public SweepConfig {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: must be letters, digits, '.', '_' or '-' (it names the results directory), got '" + name + "'");
        }
        description = description == null ? "" : description;
        if (points == null || points.isEmpty()) throw new IllegalArgumentException("values: needs at least one value");
        Set<String> labels = new HashSet<>();
        for (SweepPoint p : points) {
            if (!labels.add(p.label())) throw new IllegalArgumentException("values: " + p.value().text() + " is given twice");
        }
        if (threadsPerPoint < 1) throw new IllegalArgumentException("threads_per_point: must be >= 1, got " + threadsPerPoint);
        points = List.copyOf(points);
    }

    public SweepPoint point(String label) {
        return points.stream().filter(p -> p.label().equals(label)).findFirst().orElse(null);
    }
}
