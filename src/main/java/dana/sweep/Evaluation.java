package dana.sweep;

import java.util.HashSet;
import java.util.List;

/**
 * How every point's network (and the classical references) is evaluated: twin experiments of {@code cycles}
 * analysis cycles, statistics after {@code burnIn}, one per seed, through the experiment runner.
 */
public record Evaluation(int cycles, int burnIn, List<Long> seeds) {

    public Evaluation {
        if (cycles < 1) throw new IllegalArgumentException("evaluation.cycles: must be >= 1, got " + cycles);
        if (burnIn < 0 || burnIn >= cycles) {
            throw new IllegalArgumentException("evaluation.burn_in: must be in [0, cycles) = [0, " + cycles + "), got " + burnIn);
        }
        if (seeds == null || seeds.isEmpty()) throw new IllegalArgumentException("evaluation.seeds: needs at least one seed");
        if (new HashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException("evaluation.seeds: must be distinct, got " + seeds);
        }
        seeds = List.copyOf(seeds);
    }
}
