package dana.train;

import dana.dan.DanInput;
import dana.model.Lorenz96;
import dana.model.Model;
import dana.nn.Adam;
import dana.nn.GradientClipping;
import dana.nn.ResidualCnn;

/**
 * One step of truncated backpropagation through time: the step's batch from the pool, the unroll with its
 * gradient, clipping, the Adam update, the write-back of the continued trajectories and the resets. Shared by
 * the trainer and the benchmark, so that what is timed is what trains. Not thread-safe.
 */
final class TrainingStep {

    /** The step's loss and gradient norm before clipping; when either is not finite nothing was updated. */
    record Result(double loss, double gradientNorm) {
        boolean finite() {
            return Double.isFinite(loss) && Double.isFinite(gradientNorm);
        }
    }

    private final TrainingSpec spec;
    private final ResidualCnn network;
    private final Adam adam;
    private final TrajectoryPool pool;
    private final BatchOrder order;
    private final Model model;
    private final Unroll unroll;

    TrainingStep(TrainConfig config, ResidualCnn network, Adam adam, TrajectoryPool pool) {
        this.spec = config.training();
        this.network = network;
        this.adam = adam;
        this.pool = pool;
        this.order = new BatchOrder(spec.seed(), spec.pool(), spec.batch(), spec.resetFraction());
        this.model = new Lorenz96(config.model());
        this.unroll = new Unroll(network, model,
                new DanInput(config.network().layout(config.precisionChannel()), config.model().nx()), spec.loss());
    }

    /** Step {@code step} (0-based) with learning rate {@code lr}. */
    Result run(long step, double lr) {
        int[] slots = order.batch(step);
        Episode e = pool.episode(slots, spec.niter(), spec.loss() == LossKind.OBSERVATIONS, model);
        network.zeroGradients();
        Unroll.Result r = unroll.backward(e, false);
        if (!Double.isFinite(r.loss())) return new Result(r.loss(), Double.NaN);
        double norm = GradientClipping.clipGlobalNorm(network.parameters(), spec.clip());
        if (!Double.isFinite(norm)) return new Result(r.loss(), norm);
        adam.update(lr);
        pool.advance(slots, e, r.finalAnalysis());
        for (int j : order.resets(step)) pool.reset(j, model);
        return new Result(r.loss(), norm);
    }
}
