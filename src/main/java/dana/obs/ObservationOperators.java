package dana.obs;

import dana.util.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/** The observation operators of the CLI, parsed from {@code identity | every:K | subset:FRACTION | random:FRACTION}. */
public final class ObservationOperators {

    private ObservationOperators() {
    }

    public static final String ALLOWED = "identity, every:K (K >= 1), subset:FRACTION or random:FRACTION (0 < FRACTION <= 1)";

    /**
     * Builds the operator named by {@code spec} for a state of dimension {@code nx}; {@code seed} draws the
     * fixed subset or the time-varying masks.
     *
     * @throws IllegalArgumentException naming the field {@code obs} and what is allowed
     */
    public static ObservationOperator parse(String spec, int nx, long seed) {
        String s = spec == null ? "" : spec.trim().toLowerCase();
        if (s.equals("identity") || s.equals("id") || s.equals("full")) {
            return new Selection(s, nx, range(nx, 1));
        }
        int colon = s.indexOf(':');
        if (colon < 0) throw bad(spec);
        String kind = s.substring(0, colon);
        String arg = s.substring(colon + 1);
        switch (kind) {
            case "every" -> {
                int k;
                try {
                    k = Integer.parseInt(arg);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("obs: 'every:" + arg + "' needs a whole number K >= 1");
                }
                if (k < 1 || k > nx) throw new IllegalArgumentException("obs: every:K needs 1 <= K <= nx (" + nx + "), got " + k);
                return new Selection(s, nx, range(nx, k));
            }
            case "subset" -> {
                double f = fraction(arg, kind);
                int count = Math.max(1, (int) Math.round(f * nx));
                SplittableRandom rng = Seeds.stream(seed, "obs-subset");
                return new Selection(s, nx, randomSubset(nx, count, rng));
            }
            case "random" -> {
                double f = fraction(arg, kind);
                return new RandomMask(s, nx, f, seed);
            }
            default -> throw bad(spec);
        }
    }

    private static IllegalArgumentException bad(String spec) {
        return new IllegalArgumentException("obs: unknown observation operator '" + spec + "'; allowed: " + ALLOWED);
    }

    private static double fraction(String arg, String kind) {
        double f;
        try {
            f = Double.parseDouble(arg);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("obs: '" + kind + ":" + arg + "' needs a FRACTION in (0, 1]");
        }
        if (!(f > 0 && f <= 1)) {
            throw new IllegalArgumentException("obs: " + kind + ":FRACTION needs 0 < FRACTION <= 1, got " + arg);
        }
        return f;
    }

    static int[] range(int nx, int step) {
        int[] idx = new int[(nx + step - 1) / step];
        for (int i = 0; i < idx.length; i++) idx[i] = i * step;
        return idx;
    }

    /** {@code count} distinct indices of [0, nx), ascending, by a partial Fisher-Yates shuffle. */
    static int[] randomSubset(int nx, int count, SplittableRandom rng) {
        int[] perm = range(nx, 1);
        for (int i = 0; i < count; i++) {
            int j = i + rng.nextInt(nx - i);
            int t = perm[i]; perm[i] = perm[j]; perm[j] = t;
        }
        int[] idx = Arrays.copyOf(perm, count);
        Arrays.sort(idx);
        return idx;
    }

    /** A fixed selection: identity, every K-th variable, or a random subset drawn once. */
    record Selection(String spec, int stateDim, int[] indices) implements ObservationOperator {
        @Override
        public int[] observedIndices(int cycle) {
            return indices;
        }

        @Override
        public boolean isStatic() {
            return true;
        }
    }

    /**
     * A mask drawn anew each cycle: each variable is observed with probability {@code fraction}, so both the
     * positions and the count vary in time (at least one variable is always observed).
     */
    record RandomMask(String spec, int stateDim, double fraction, long seed) implements ObservationOperator {
        @Override
        public int[] observedIndices(int cycle) {
            SplittableRandom rng = Seeds.stream(seed, "obs-mask", cycle);
            int[] buf = new int[stateDim];
            int n = 0;
            for (int i = 0; i < stateDim; i++) {
                if (rng.nextDouble() < fraction) buf[n++] = i;
            }
            if (n == 0) buf[n++] = rng.nextInt(stateDim);
            return Arrays.copyOf(buf, n);
        }

        @Override
        public boolean isStatic() {
            return fraction >= 1.0;
        }
    }
}
