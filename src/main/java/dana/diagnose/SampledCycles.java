package dana.diagnose;

/**
 * The cycles at which a diagnostic looks at a DA run: every {@code every}-th cycle after the burn-in
 * (burnIn + every, burnIn + 2 every, ...), so that the states are on the filter's own attractor and spaced
 * enough to be nearly independent.
 */
public record SampledCycles(int burnIn, int every) {

    public SampledCycles {
        if (burnIn < 0) throw new IllegalArgumentException("burn-in: must be >= 0, got " + burnIn);
        if (every < 1) throw new IllegalArgumentException("every: must be >= 1 cycle, got " + every);
    }

    public boolean includes(int cycle) {
        return cycle > burnIn && (cycle - burnIn) % every == 0;
    }

    /** How many cycles of a run of {@code cycles} cycles are sampled. */
    public int count(int cycles) {
        return Math.max(0, (cycles - burnIn) / every);
    }
}
