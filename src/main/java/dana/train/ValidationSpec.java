package dana.train;

import java.util.HashSet;
import java.util.List;

/**
 * The validation section: every {@code every} steps (and at the end), a DA run of the current network through
 * the standard cycler on each held-out seed; the reported figure is the mean analysis RMSE over the seeds.
 * The training's random streams carry their own labels, so no twin-experiment seed overlaps them.
 *
 * @param every  steps between validations (0: only at the end)
 * @param cycles analysis cycles of each run, the first {@code burnIn} left out of the RMSE
 */
public record ValidationSpec(int every, int cycles, int burnIn, List<Long> seeds) {

    public ValidationSpec {
        if (every < 0) throw new IllegalArgumentException("validation.every: must be >= 0 steps (0 = only at the end), got " + every);
        if (cycles < 1) throw new IllegalArgumentException("validation.cycles: must be >= 1, got " + cycles);
        if (burnIn < 0 || burnIn >= cycles) {
            throw new IllegalArgumentException("validation.burn_in: must be in [0, cycles) = [0, " + cycles + "), got " + burnIn);
        }
        if (seeds == null || seeds.isEmpty()) throw new IllegalArgumentException("validation.seeds: needs at least one seed");
        if (new HashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException("validation.seeds: must be distinct, got " + seeds);
        }
        seeds = List.copyOf(seeds);
    }
}
