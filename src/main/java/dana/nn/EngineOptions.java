package dana.nn;

import java.util.Objects;

/**
 * How a network computes (not what): the thread count, the number of shards the batch is cut into, and the
 * GEMM backend. Results are bit-identical for any thread count at a fixed shard count: each shard is computed
 * by one thread in a fixed order and the shards' weight gradients are summed in shard order.
 *
 * @param threads worker threads, the caller included (2 fits this project's 2-core machines)
 * @param shards  the batch is split into min(batch, shards) contiguous runs of samples; at least the thread
 *                count for full parallelism, and a few more for load balance on a shared machine
 * @param gemm    the matrix-product backend
 */
public record EngineOptions(int threads, int shards, Gemm gemm) {

    public EngineOptions {
        if (threads < 1 || threads > 256) throw new IllegalArgumentException("threads must be in [1, 256], got " + threads);
        if (shards < 1 || shards > 4096) throw new IllegalArgumentException("shards must be in [1, 4096], got " + shards);
        Objects.requireNonNull(gemm, "gemm must not be null");
    }

    public static EngineOptions defaults() {
        return new EngineOptions(2, 8, new VectorGemm());
    }

    public EngineOptions withThreads(int t) {
        return new EngineOptions(t, shards, gemm);
    }
}
