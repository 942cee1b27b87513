package dana.train;

import dana.obs.Observation;

/**
 * What one training step unrolls, for a batch of B trajectories: the starting analyses x^a_0 (Ne members
 * each), the truths x^t_1..x^t_Niter and the observations y_1..y_Niter (plus y_{Niter+1} for the loss on
 * observations). Built from the pool before the step; the unroll is a deterministic function of it.
 *
 * @param start        B x Ne x nx, sample-major then member-major
 * @param truth        B x Niter x nx: row (b, k-1) is x^t_k of sample b
 * @param observations [b][k] = y_k of sample b, k = 1..Niter (index 0 unused), plus k = Niter+1 if present
 */
record Episode(int batch, int niter, int members, int nx, double[] start, double[] truth,
               Observation[][] observations) {

    /** Offset of sample b's truth at cycle k (1..Niter). */
    int truthOffset(int b, int k) {
        return (b * niter + k - 1) * nx;
    }

    boolean hasNextObservation() {
        return observations[0].length > niter + 1;
    }
}
