package dana.train;

/**
 * The training section: pool, batches, unrolling, duration, optimiser, loss and seed.
 *
 * @param pool          Nr, trajectories in the online pool (>= batch)
 * @param batch         B, trajectories per step
 * @param niter         cycles unrolled per step (truncated backpropagation through time)
 * @param steps         length of the run in steps, or 0 when {@code minutes} gives it
 * @param minutes       length of the run in minutes of training (validation and checkpoints not counted), or 0;
 *                      the step count is then fixed at the end of the warm-up from the measured speed
 * @param clip          the gradient's global norm is clipped to this
 * @param resetFraction fraction of the pool replaced by fresh attractor states after each step
 * @param initSigma     a fresh trajectory's first analysis is the truth plus N(0, initSigma^2) per variable
 * @param threads       threads of the network engine (results do not depend on it)
 * @param initialWeights a network file whose weights start the run (fine-tuning, or a warm start at another
 *                      time step), or null: weights drawn from the seed
 */
public record TrainingSpec(int pool, int batch, int niter, long steps, double minutes, LearningRate learningRate,
                           double clip, double resetFraction, double initSigma, LossKind loss, long seed,
                           int threads, String initialWeights) {

    public TrainingSpec {
        NetworkSpec.range("training.batch", batch, 1, 65536);
        NetworkSpec.range("training.pool", pool, 1, 1 << 24);
        if (pool < batch) throw new IllegalArgumentException("training.pool: must be >= batch (" + batch + "), got " + pool);
        NetworkSpec.range("training.niter", niter, 1, 1000);
        if (steps < 0) throw new IllegalArgumentException("training.steps: must be >= 1, got " + steps);
        if (!(minutes >= 0) || !Double.isFinite(minutes)) {
            throw new IllegalArgumentException("training.minutes: must be a finite number > 0, got " + minutes);
        }
        if ((steps > 0) == (minutes > 0)) {
            throw new IllegalArgumentException("training.steps, training.minutes: give exactly one of them (the length of the run)");
        }
        if (learningRate == null) throw new IllegalArgumentException("training.learning_rate: missing");
        if (!(clip > 0) || !Double.isFinite(clip)) {
            throw new IllegalArgumentException("training.clip: must be a finite gradient norm > 0, got " + clip);
        }
        if (!(resetFraction >= 0 && resetFraction <= 1)) {
            throw new IllegalArgumentException("training.reset_fraction: must be in [0, 1], got " + resetFraction);
        }
        if (!(initSigma >= 0) || !Double.isFinite(initSigma)) {
            throw new IllegalArgumentException("training.init_sigma: must be a finite number >= 0, got " + initSigma);
        }
        if (loss == null) throw new IllegalArgumentException("training.loss: missing");
        NetworkSpec.range("training.threads", threads, 1, 256);
        if (initialWeights != null && initialWeights.isBlank()) {
            throw new IllegalArgumentException("training.initial_weights: empty; give a network file (.dann) or leave the key out");
        }
    }

    /** True when the length is a time budget. */
    public boolean timed() {
        return minutes > 0;
    }
}
