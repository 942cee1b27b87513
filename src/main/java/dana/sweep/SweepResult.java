package dana.sweep;

import java.util.List;

/**
 * What a sweep produced: the results of its finished points in the order of the values (computed now or read
 * back), the points that failed, and which points this session computed.
 *
 * @param seconds wall-clock time of this session
 */
public record SweepResult(SweepConfig config, List<PointResult> points, List<Failure> failures, List<String> computed,
                          double seconds) {

    /** A point whose training stopped (non-finite loss or gradient). */
    public record Failure(String label, String message) {
    }

    public SweepResult {
        points = List.copyOf(points);
        failures = List.copyOf(failures);
        computed = List.copyOf(computed);
    }

    /** The references' ids, as in the points' results (the same at every point). */
    public List<String> referenceIds() {
        if (points.isEmpty()) return List.of();
        return points.get(0).series().stream().skip(1).map(PointResult.Series::id).toList();
    }
}
