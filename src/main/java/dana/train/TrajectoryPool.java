package dana.train;

import dana.model.Lorenz96;
import dana.model.Model;
import dana.obs.Observation;
import dana.util.Seeds;
import java.util.SplittableRandom;

/**
 * The online pool of Nr training trajectories: for each slot the truth state, the current analysis (Ne
 * members), its generation (how many times the slot was reset) and its cycle count since the last reset. A
 * step takes a batch, unrolls it (see {@link Episode}) and writes the continued states back, so trajectories
 * run on over many steps; a reset replaces a slot by a fresh trajectory: a new truth spun up onto the attractor,
 * analysed at first as the truth plus N(0, initSigma^2).
 *
 * <p>All randomness is drawn from streams derived from (seed, label, slot, generation[, cycle]), so the pool's
 * whole future is determined by its arrays, which a checkpoint stores.
 */
final class TrajectoryPool {

    /** Time units of free model integration that bring a perturbed rest state onto the attractor. */
    static final double SPIN_UP_TIME = 25.0;

    final int size;
    final int nx;
    final int members;
    final double[] truth;
    final double[] analysis;
    final long[] generation;
    final long[] cycle;
    final long seed;
    private final double initSigma;
    private final int spinUpCycles;
    private final TrainingObservations observations;

    TrajectoryPool(int size, int nx, int members, long seed, double initSigma, double cycleTime,
                   TrainingObservations observations) {
        this.size = size;
        this.nx = nx;
        this.members = members;
        this.seed = seed;
        this.initSigma = initSigma;
        this.spinUpCycles = (int) Math.ceil(SPIN_UP_TIME / cycleTime);
        this.observations = observations;
        this.truth = new double[Math.multiplyExact(size, nx)];
        this.analysis = new double[Math.multiplyExact(Math.multiplyExact(size, members), nx)];
        this.generation = new long[size];
        this.cycle = new long[size];
    }

    /**
     * The seed of the pool at grid size {@code n}: with one size, the training seed itself (the streams of the
     * plain training, unchanged); with several, one seed derived per size, so that the pools' truths, initial
     * analyses, observations, batch orders and resets are independent between sizes (slot j of two pools would
     * otherwise share the first min(Nx) numbers of its truth and of every noise draw).
     */
    static long seedFor(TrainConfig c, int n) {
        long seed = c.training().seed();
        return c.multipleSizes() ? Seeds.derive(seed, "train-grid-size", n) : seed;
    }

    /** The pool of {@code c} at grid size {@code n}, every slot empty (to be filled from a checkpoint). */
    static TrajectoryPool empty(TrainConfig c, int n) {
        long seed = seedFor(c, n);
        return new TrajectoryPool(c.training().pool(), n, c.network().members(), seed, c.training().initSigma(),
                c.model().cycleTime(), new TrainingObservations(c.obs(), n, c.sigma(), seed));
    }

    /** The pool of {@code c} at grid size {@code n}, every slot a fresh trajectory of generation 0. */
    static TrajectoryPool fresh(TrainConfig c, int n) {
        TrajectoryPool p = empty(c, n);
        Model model = new Lorenz96(c.modelAt(n));
        for (int j = 0; j < p.size; j++) p.start(j, 0, model);
        return p;
    }

    /** A pool whose every slot holds a fresh trajectory of generation 0. */
    static TrajectoryPool fresh(int size, int nx, int members, long seed, double initSigma, double cycleTime,
                                TrainingObservations observations, Model model) {
        TrajectoryPool p = new TrajectoryPool(size, nx, members, seed, initSigma, cycleTime, observations);
        for (int j = 0; j < size; j++) p.start(j, 0, model);
        return p;
    }

    /** Replaces slot j by a fresh trajectory of the next generation. */
    void reset(int j, Model model) {
        start(j, generation[j] + 1, model);
    }

    private void start(int j, long gen, Model model) {
        int off = j * nx;
        double[] x = new double[nx];
        model.initialState(Seeds.stream(seed, "train-truth", j, gen), x);
        for (int k = 0; k < spinUpCycles; k++) model.forecast(x, 0);
        System.arraycopy(x, 0, truth, off, nx);
        SplittableRandom rng = Seeds.stream(seed, "train-init", j, gen);
        int a = j * members * nx;
        for (int m = 0; m < members; m++) {
            for (int i = 0; i < nx; i++) analysis[a + m * nx + i] = x[i] + initSigma * Seeds.gaussian(rng);
        }
        generation[j] = gen;
        cycle[j] = 0;
    }

    /**
     * The episode of the trajectories in {@code slots}: their analyses, and their truths and observations over
     * the next {@code niter} cycles ({@code niter + 1} observations when {@code nextObservation}). The pool is
     * not changed: {@link #advance} does that once the step has succeeded.
     */
    Episode episode(int[] slots, int niter, boolean nextObservation, Model model) {
        int b = slots.length;
        int cycles = niter + (nextObservation ? 1 : 0);
        double[] start = new double[b * members * nx];
        double[] truths = new double[b * niter * nx];
        Observation[][] obs = new Observation[b][cycles + 1];
        double[] x = new double[nx];
        for (int s = 0; s < b; s++) {
            int j = slots[s];
            System.arraycopy(analysis, j * members * nx, start, s * members * nx, members * nx);
            System.arraycopy(truth, j * nx, x, 0, nx);
            for (int k = 1; k <= cycles; k++) {
                model.forecast(x, 0);
                if (k <= niter) System.arraycopy(x, 0, truths, (s * niter + k - 1) * nx, nx);
                obs[s][k] = observations.observe(j, generation[j], cycle[j] + k, x, 0);
            }
        }
        return new Episode(b, niter, members, nx, start, truths, obs);
    }

    /** Continues the episode's trajectories: truth at cycle Niter, the final analyses, Niter more cycles. */
    void advance(int[] slots, Episode e, double[] finalAnalysis) {
        for (int s = 0; s < slots.length; s++) {
            int j = slots[s];
            System.arraycopy(e.truth(), e.truthOffset(s, e.niter()), truth, j * nx, nx);
            System.arraycopy(finalAnalysis, s * members * nx, analysis, j * members * nx, members * nx);
            cycle[j] += e.niter();
        }
    }
}
