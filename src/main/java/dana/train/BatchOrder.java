package dana.train;

import dana.util.Seeds;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Which trajectories each step trains on, and which are reset after it: pure functions of (seed, step), so
 * that a resumed run makes the same choices. Batches walk through a random permutation of the pool, a new one
 * per epoch (floor(Nr / B) steps), so every trajectory advances about equally often.
 */
final class BatchOrder {

    private final long seed;
    private final int pool;
    private final int batch;
    private final double resetFraction;

    BatchOrder(long seed, int pool, int batch, double resetFraction) {
        this.seed = seed;
        this.pool = pool;
        this.batch = batch;
        this.resetFraction = resetFraction;
    }

    /** The slots of step {@code step}'s batch, distinct. */
    int[] batch(long step) {
        int perEpoch = pool / batch;
        long epoch = step / perEpoch;
        int within = (int) (step % perEpoch);
        int[] perm = new int[pool];
        for (int i = 0; i < pool; i++) perm[i] = i;
        SplittableRandom rng = Seeds.stream(seed, "train-order", epoch);
        // only the first (within + 1) * batch entries of the shuffle are needed
        int needed = (within + 1) * batch;
        for (int i = 0; i < needed; i++) {
            int k = i + rng.nextInt(pool - i);
            int t = perm[i]; perm[i] = perm[k]; perm[k] = t;
        }
        int[] out = new int[batch];
        System.arraycopy(perm, within * batch, out, 0, batch);
        return out;
    }

    /**
     * The slots reset after step {@code step}: resetFraction x Nr of them on average (the fractional part by a
     * Bernoulli draw, so that small pools still reset at the right rate), distinct.
     */
    int[] resets(long step) {
        SplittableRandom rng = Seeds.stream(seed, "train-reset", step);
        double expected = resetFraction * pool;
        int count = (int) Math.floor(expected);
        if (rng.nextDouble() < expected - count) count++;
        count = Math.min(count, pool);
        Set<Integer> chosen = new HashSet<>();
        int[] out = new int[count];
        int n = 0;
        while (n < count) {
            int j = rng.nextInt(pool);
            if (chosen.add(j)) out[n++] = j;
        }
        return out;
    }
}
