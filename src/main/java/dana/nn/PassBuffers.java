package dana.nn;

/**
 * The activations one forward pass keeps for its backward pass, for a given batch and grid size: the network
 * input, the hidden state h_b after the stem and after every residual block, the outputs of the inner
 * convolutions of each block, and act'(z) of every activated convolution. For inference only (nothing kept),
 * the same fields point to two rotating buffers and no derivatives are stored.
 */
final class PassBuffers {

    final int batch;
    final int nx;
    final boolean training;
    final HaloTensor input;
    /** h_0 .. h_Nb. */
    final HaloTensor[] hidden;
    /** inner[b][s]: output of convolution s < Nsb - 1 of block b. */
    final HaloTensor[][] inner;
    /** deriv[l]: act'(z) of activated convolution l (0 = stem, 1 + b Nsb + s), rows x channels, no halo. */
    final float[][] deriv;

    PassBuffers(CnnConfig cfg, int batch, int nx, boolean training) {
        this.batch = batch;
        this.nx = nx;
        this.training = training;
        int halo = cfg.halo();
        int nf = cfg.filters();
        this.input = new HaloTensor(batch, nx, cfg.inChannels(), halo);
        this.hidden = new HaloTensor[cfg.blocks() + 1];
        this.inner = new HaloTensor[cfg.blocks()][Math.max(0, cfg.layersPerBlock() - 1)];
        this.deriv = new float[1 + cfg.blocks() * cfg.layersPerBlock()][];
        if (training) {
            for (int b = 0; b <= cfg.blocks(); b++) hidden[b] = new HaloTensor(batch, nx, nf, halo);
            for (HaloTensor[] row : inner) {
                for (int s = 0; s < row.length; s++) row[s] = new HaloTensor(batch, nx, nf, halo);
            }
            for (int l = 0; l < deriv.length; l++) deriv[l] = new float[Math.multiplyExact(batch * nx, nf)];
        } else {
            // h_b and h_{b+1} must differ (the residual reads one and writes the other), as must the input and
            // output of each inner convolution: two buffers of each kind suffice
            HaloTensor[] h = {new HaloTensor(batch, nx, nf, halo), new HaloTensor(batch, nx, nf, halo)};
            HaloTensor[] a = {new HaloTensor(batch, nx, nf, halo), new HaloTensor(batch, nx, nf, halo)};
            for (int b = 0; b <= cfg.blocks(); b++) hidden[b] = h[b % 2];
            for (HaloTensor[] row : inner) {
                for (int s = 0; s < row.length; s++) row[s] = a[s % 2];
            }
        }
    }

    boolean fits(int batch, int nx) {
        return this.batch == batch && this.nx == nx;
    }
}
