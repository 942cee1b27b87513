package dana.train;

import dana.dan.DanInput;
import dana.dan.DanLayout;
import dana.model.Lorenz96;
import dana.model.Model;
import dana.nn.Adam;
import dana.nn.GradientClipping;
import dana.nn.ResidualCnn;
import java.util.List;

/**
 * One step of truncated backpropagation through time: the step's grid size (when the training has several),
 * the step's batch from that size's pool, the unroll with its gradient, clipping, the Adam update, the
 * write-back of the continued trajectories and the resets. Shared by the trainer and the benchmark, so that what
 * is timed is what trains. Not thread-safe.
 *
 * <p>Each grid size has its own pool, walked by its own batch order and reset by its own draws, indexed by how
 * many steps that size has had: a pool thus evolves exactly as the pool of a training at that size alone would,
 * only over fewer steps. With one size its step count is the global step, which is the plain training.
 */
final class TrainingStep {

    /**
     * The step's loss and gradient norm before clipping, and how many of the batch's trajectories left the
     * attractor (left out of both, their slots reset). Nothing was updated when the loss or the norm is not
     * finite, or when most of the batch was lost ({@link #mostlyLost}).
     */
    record Result(double loss, double gradientNorm, int lostTrajectories, int batch) {
        boolean finite() {
            return Double.isFinite(loss) && Double.isFinite(gradientNorm);
        }

        /**
         * More than half the batch left the attractor: the network itself throws the trajectories off, and a
         * gradient from the few left would only train on survivors. The training stops as for a NaN.
         */
        boolean mostlyLost() {
            return 2 * lostTrajectories > batch;
        }
    }

    /** What the steps at one grid size work with. */
    private record Lane(TrajectoryPool pool, BatchOrder order, Model model, Unroll unroll) {
    }

    private final TrainingSpec spec;
    private final ResidualCnn network;
    private final Adam adam;
    private final Lane[] lanes;
    private final GridSizeOrder sizes;
    /** Steps each size has had before step {@code next}. */
    private long[] visits;
    private long next;

    /** @param pools the pools of {@code config.nx()}, in that order */
    TrainingStep(TrainConfig config, ResidualCnn network, Adam adam, List<TrajectoryPool> pools) {
        this.spec = config.training();
        this.network = network;
        this.adam = adam;
        if (pools.size() != config.nx().size()) {
            throw new IllegalArgumentException(pools.size() + " pools for " + config.nx().size() + " grid sizes");
        }
        DanLayout layout = config.network().layout(config.precisionChannel());
        this.lanes = new Lane[pools.size()];
        for (int i = 0; i < lanes.length; i++) {
            TrajectoryPool p = pools.get(i);
            int n = config.nx().get(i);
            if (p.nx != n) throw new IllegalArgumentException("pool " + i + " has Nx = " + p.nx + ", expected " + n);
            Model model = new Lorenz96(config.modelAt(n));
            lanes[i] = new Lane(p, new BatchOrder(p.seed, spec.pool(), spec.batch(), spec.resetFraction()), model,
                    new Unroll(network, model, new DanInput(layout, n), spec.loss(),
                            Unroll.boundFor(config.model().forcing())));
        }
        this.sizes = new GridSizeOrder(spec.seed(), lanes.length);
        this.visits = sizes.visitsBefore(0);
    }

    /** Step {@code step} (0-based) with learning rate {@code lr}. */
    Result run(long step, double lr) {
        if (step != next) visits = sizes.visitsBefore(step);
        next = step;
        int size = sizes.index(step);
        Lane lane = lanes[size];
        long local = visits[size];
        int[] slots = lane.order().batch(local);
        Episode e = lane.pool().episode(slots, spec.niter(), spec.loss() == LossKind.OBSERVATIONS, lane.model());
        network.zeroGradients();
        Unroll.Result r = lane.unroll().backward(e, false);
        int lost = r.lostCount();
        Result unapplied = new Result(r.loss(), Double.NaN, lost, slots.length);
        if (!Double.isFinite(r.loss()) || unapplied.mostlyLost()) return unapplied;
        double norm = GradientClipping.clipGlobalNorm(network.parameters(), spec.clip());
        if (!Double.isFinite(norm)) return new Result(r.loss(), norm, lost, slots.length);
        adam.update(lr);
        lane.pool().advance(slots, e, r.finalAnalysis());
        for (int j : lane.order().resets(local)) lane.pool().reset(j, lane.model());
        // the lost ones start afresh too (a reset's draws are keyed by slot and generation: no other slot changes)
        for (int s = 0; s < slots.length; s++) if (r.lost()[s]) lane.pool().reset(slots[s], lane.model());
        visits[size]++;
        next = step + 1;
        return new Result(r.loss(), norm, lost, slots.length);
    }
}
