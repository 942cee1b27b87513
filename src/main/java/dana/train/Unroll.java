package dana.train;

import dana.dan.DanInput;
import dana.dan.DanLayout;
import dana.model.Model;
import dana.nn.ForwardPass;
import dana.nn.ResidualCnn;
import dana.obs.Observation;

/**
 * One training step's computation on an {@link Episode}: Niter cycles of forecast (RK4, double) and learned
 * analysis, the loss, and its gradient back through the network AND the model. Forward, per cycle k:
 * <pre>
 *   x^f_k = M(x^a_{k-1})  (each member)        u_k = DanInput(x^f_k, y_k)        x^a_{k,m} = x^f_{k,m} + a_theta(u_k)_m
 * </pre>
 * Backward, from k = Niter down to 1, with g = dL/dx^a_k (per member):
 * <pre>
 *   dL/d a_theta_c = sum over the members m whose increment is channel c of g_m   (g_m itself when one per member)
 *   dL/dx^f_k    = g + DanInput^T(a_theta^T(dL/d a_theta))   [+ the observation loss's term at x^f_k]
 *   dL/dx^a_{k-1} = M'(x^a_{k-1})^T dL/dx^f_k                            (Lorenz96.adjoint of the RK4 step)
 * </pre>
 * The network's parameter gradients accumulate in its {@code Parameters} during the backward passes. The
 * truncation is at x^a_0: it comes from the pool and is treated as a constant. Not thread-safe.
 *
 * <p>A trajectory that leaves the attractor (a forecast or an analysis with a component beyond {@code bound}
 * in magnitude, or not finite) is <em>lost</em>: from that cycle on its states are replaced by the truth, so
 * that no overflow reaches the network or the adjoint, and it contributes nothing to the step's loss and
 * gradient; the caller resets its pool slot. Without this, one trajectory thrown off by an unstable analysis
 * (seen with the linear network at a high learning rate) overflows the RK4 within a few cycles, and the NaN stops
 * the training again at the same step after every resume. A healthy run never comes near the bound, so it
 * changes nothing there.
 */
final class Unroll {

    private final ResidualCnn network;
    private final Model model;
    private final DanInput input;
    private final LossKind loss;
    private final double bound;

    /**
     * @param loss          the mean loss over cycles and batch (NaN or infinite if the unroll blew up), the lost
     *                      trajectories left out (the mean is still over the whole batch)
     * @param finalAnalysis x^a_Niter, B x Ne x nx: the states the trajectories continue from
     * @param startGradient dL/dx^a_0 when asked for, else null
     * @param lost          per sample: the trajectory left the attractor (see the class comment)
     */
    record Result(double loss, double[] finalAnalysis, double[] startGradient, boolean[] lost) {
        int lostCount() {
            int n = 0;
            for (boolean l : lost) if (l) n++;
            return n;
        }
    }

    /** With no bound on the states: only non-finite ones make a trajectory lost. */
    Unroll(ResidualCnn network, Model model, DanInput input, LossKind loss) {
        this(network, model, input, loss, Double.POSITIVE_INFINITY);
    }

    /** @param bound a state component beyond this magnitude means the trajectory has left the attractor */
    Unroll(ResidualCnn network, Model model, DanInput input, LossKind loss, double bound) {
        DanLayout layout = input.layout();
        if (network.config().inChannels() != layout.inChannels() || network.config().outChannels() != layout.outChannels()) {
            throw new IllegalArgumentException("network channels " + network.config().inChannels() + " -> "
                    + network.config().outChannels() + " do not fit the input layout ("
                    + layout.describeChannels() + " -> " + layout.outChannels() + ")");
        }
        this.network = network;
        this.model = model;
        this.input = input;
        this.loss = loss;
        if (!(bound > 0)) throw new IllegalArgumentException("bound: must be > 0, got " + bound);
        this.bound = bound;
    }

    /**
     * The bound for Lorenz-96 with forcing F: its attractor stays within a few |F| (|x| < 15 at F = 8), so
     * 10 (1 + |F|) is far outside it and far below overflow.
     */
    static double boundFor(double forcing) {
        return 10 * (1 + Math.abs(forcing));
    }

    /** Forward only: the loss and the final analyses (the parameter gradients are left alone). */
    Result forward(Episode e) {
        return run(e, false, false);
    }

    /**
     * Forward and backward: adds dL/dtheta to the network's gradients. A non-finite loss skips the backward
     * pass (the caller stops the training).
     */
    Result backward(Episode e, boolean startGradient) {
        return run(e, true, startGradient);
    }

    private Result run(Episode e, boolean backward, boolean startGradient) {
        int batch = e.batch(), niter = e.niter(), ne = e.members(), nx = e.nx();
        int per = ne * nx;
        boolean obsLoss = loss == LossKind.OBSERVATIONS;
        if (obsLoss && !e.hasNextObservation()) {
            throw new IllegalArgumentException("the loss on observations needs y_{Niter+1} in the episode");
        }
        // before[k] = x^a_k, the linearisation points of the adjoint; misfit[k] = dL/d mean(x^f_k) or
        // dL/d mean(x^a_k) per sample, up to the common factor applied below
        double[][] before = new double[niter + 1][];
        double[][] misfit = new double[niter + 2][];
        ForwardPass[] passes = new ForwardPass[niter + 1];
        double[] a = e.start().clone();
        float[] in = new float[batch * input.sampleSize()];
        double sum = 0;
        double[] mean = new double[nx];
        boolean[] lost = new boolean[batch];
        double[] sampleSum = new double[batch];
        int lostCount = 0;
        for (int k = 1; k <= niter; k++) {
            before[k - 1] = a.clone();
            forecast(a, batch * ne);
            lostCount += markLost(e, k, a, lost);
            if (obsLoss && k >= 2) {
                misfit[k] = new double[batch * nx];
                sum += observationMisfit(e, k, a, misfit[k], mean, sampleSum);
            }
            for (int b = 0; b < batch; b++) input.build(a, b * per, e.observations()[b][k], in, b);
            passes[k] = network.forward(in, batch);
            float[] out = passes[k].output();
            for (int b = 0; b < batch; b++) input.addIncrements(out, b, a, b * per);
            lostCount += markLost(e, k, a, lost);
            if (!obsLoss) {
                misfit[k] = new double[batch * nx];
                sum += truthMisfit(e, k, a, misfit[k], mean, sampleSum, loss == LossKind.SUPERVISED_RMSE);
            }
        }
        double[] finalAnalysis = a;
        if (obsLoss) {
            before[niter] = a.clone();
            double[] f = a.clone();
            forecast(f, batch * ne);
            misfit[niter + 1] = new double[batch * nx];
            sum += observationMisfit(e, niter + 1, f, misfit[niter + 1], mean, sampleSum);
        }
        if (lostCount > 0) {
            // the lost trajectories leave the loss and the gradient (the sum is redone from the samples kept,
            // rather than reduced by what may have been a huge term)
            sum = 0;
            for (int b = 0; b < batch; b++) {
                if (!lost[b]) {
                    sum += sampleSum[b];
                    continue;
                }
                for (double[] m : misfit) if (m != null) java.util.Arrays.fill(m, b * nx, (b + 1) * nx, 0.0);
            }
        }
        double lossValue = sum / ((double) niter * batch);
        if (!backward || !Double.isFinite(lossValue)) return new Result(lossValue, finalAnalysis, null, lost);

        double c = 1.0 / ((double) niter * batch);
        double[] g = new double[batch * per];
        if (obsLoss) {
            spread(misfit[niter + 1], c, ne, nx, g);
            adjoint(before[niter], g, batch * ne);
        }
        float[] gOut = new float[batch * input.outputSize()];
        float[] gIn = new float[batch * input.sampleSize()];
        for (int k = niter; k >= 1; k--) {
            if (!obsLoss) spread(misfit[k], c, ne, nx, g);
            for (int b = 0; b < batch; b++) input.incrementAdjoint(g, b * per, gOut, b);
            passes[k].backward(gOut, gIn);
            passes[k] = null;
            for (int b = 0; b < batch; b++) input.adjoint(gIn, b, e.observations()[b][k], g, b * per);
            if (obsLoss && k >= 2) spread(misfit[k], c, ne, nx, g);
            if (k > 1 || startGradient) adjoint(before[k - 1], g, batch * ne);
        }
        return new Result(lossValue, finalAnalysis, startGradient ? g : null, lost);
    }

    /**
     * Marks the samples whose states at cycle k (all members) leave [-bound, bound] or are not finite as lost,
     * and replaces the states of every lost sample by the truth at cycle k. Returns how many became lost.
     */
    private int markLost(Episode e, int k, double[] a, boolean[] lost) {
        int nx = e.nx(), per = e.members() * nx, fresh = 0;
        for (int b = 0; b < lost.length; b++) {
            if (!lost[b]) {
                for (int i = b * per; i < (b + 1) * per; i++) {
                    if (!(Math.abs(a[i]) <= bound)) {
                        lost[b] = true;
                        fresh++;
                        break;
                    }
                }
            }
            if (lost[b]) {
                for (int m = 0; m < e.members(); m++) System.arraycopy(e.truth(), e.truthOffset(b, k), a, b * per + m * nx, nx);
            }
        }
        return fresh;
    }

    /**
     * Supervised term of cycle k: sum over the batch of ||x^t_k - mean(x^a_k)||^2 / nx; misfit gets its
     * gradient with respect to mean(x^a_k) per sample, 2 (mean - x^t) / nx. With {@code rmse}, the square root
     * of each sample's term, r = sqrt(||.||^2 / nx), and its gradient (mean - x^t) / (nx r) (0 where r = 0).
     */
    private static double truthMisfit(Episode e, int k, double[] a, double[] misfit, double[] mean, double[] sampleSum,
                                      boolean rmse) {
        int nx = e.nx(), ne = e.members();
        double sum = 0;
        for (int b = 0; b < e.batch(); b++) {
            meanOf(a, b * ne * nx, ne, nx, mean);
            int t = e.truthOffset(b, k);
            double s = 0;
            for (int i = 0; i < nx; i++) {
                double d = mean[i] - e.truth()[t + i];
                s += d * d;
                misfit[b * nx + i] = 2 * d / nx;
            }
            double term = s / nx;
            if (rmse) {
                term = Math.sqrt(term);
                // d sqrt(q) = dq / (2 sqrt(q)): rescale the squared loss's gradient
                double scale = term > 0 ? 1 / (2 * term) : 0;
                for (int i = 0; i < nx; i++) misfit[b * nx + i] *= scale;
            }
            sum += term;
            sampleSum[b] += term;
        }
        return sum;
    }

    /**
     * Observation term for the forecast x^f_k (the misfit of cycle k-1's analysis, propagated):
     * sum over the batch of ||y_k - H mean(x^f_k)||^2 / (sigma^2 p); misfit gets its gradient with respect to
     * mean(x^f_k), 2 H^T (H mean - y) / (sigma^2 p).
     */
    private static double observationMisfit(Episode e, int k, double[] f, double[] misfit, double[] mean,
                                            double[] sampleSum) {
        int nx = e.nx(), ne = e.members();
        double sum = 0;
        for (int b = 0; b < e.batch(); b++) {
            Observation y = e.observations()[b][k];
            meanOf(f, b * ne * nx, ne, nx, mean);
            int[] idx = y.indices();
            double w = 1.0 / (y.sigma() * y.sigma() * idx.length);
            double s = 0;
            for (int j = 0; j < idx.length; j++) {
                double d = mean[idx[j]] - y.values()[j];
                s += d * d;
                misfit[b * nx + idx[j]] = 2 * d * w;
            }
            sum += s * w;
            sampleSum[b] += s * w;
        }
        return sum;
    }

    /** g[b, m, i] += c misfit[b, i] / Ne: the gradient of a function of the mean, spread over the members. */
    private static void spread(double[] misfit, double c, int ne, int nx, double[] g) {
        int batch = misfit.length / nx;
        double w = c / ne;
        for (int b = 0; b < batch; b++) {
            for (int m = 0; m < ne; m++) {
                int off = (b * ne + m) * nx;
                for (int i = 0; i < nx; i++) g[off + i] += w * misfit[b * nx + i];
            }
        }
    }

    private static void meanOf(double[] x, int off, int ne, int nx, double[] mean) {
        System.arraycopy(x, off, mean, 0, nx);
        for (int m = 1; m < ne; m++) {
            for (int i = 0; i < nx; i++) mean[i] += x[off + m * nx + i];
        }
        if (ne > 1) for (int i = 0; i < nx; i++) mean[i] /= ne;
    }

    private void forecast(double[] states, int count) {
        int nx = model.dim();
        for (int s = 0; s < count; s++) model.forecast(states, s * nx);
    }

    /** lambda <- M'(x)^T lambda for each of the {@code count} states. */
    private void adjoint(double[] x, double[] lambda, int count) {
        int nx = model.dim();
        for (int s = 0; s < count; s++) model.adjoint(x, s * nx, lambda, s * nx);
    }
}
