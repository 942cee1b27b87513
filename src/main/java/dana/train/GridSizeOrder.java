package dana.train;

import dana.util.Seeds;

/**
 * Which grid size Nx each training step trains at, when the training has several: uniform over the configured
 * sizes, the whole batch at one size (the network's batch is one tensor of B x channels x Nx). Like the batch
 * order, the draw is a pure function of (seed, step), so a resumed run draws what the uninterrupted one drew and
 * the checkpoint needs no random state for it. With one size there is no draw at all.
 */
final class GridSizeOrder {

    private final long seed;
    private final int sizes;

    GridSizeOrder(long seed, int sizes) {
        if (sizes < 1) throw new IllegalArgumentException("sizes: needs >= 1, got " + sizes);
        this.seed = seed;
        this.sizes = sizes;
    }

    /** The index (into the configured sizes) of step {@code step}'s grid size. */
    int index(long step) {
        return sizes == 1 ? 0 : Seeds.stream(seed, "train-nx", step).nextInt(sizes);
    }

    /**
     * How many of the steps before {@code step} trained at each size: how far each size's pool has walked
     * through its batch order and resets. Recounted from the draws (a few ms for 10^5 steps).
     */
    long[] visitsBefore(long step) {
        long[] v = new long[sizes];
        if (sizes == 1) {
            v[0] = step;
            return v;
        }
        for (long s = 0; s < step; s++) v[index(s)]++;
        return v;
    }
}
