package dana.diagnose;

import dana.dan.DanInput;
import dana.dan.DanLayout;
import dana.nn.ForwardPass;
import dana.nn.ResidualCnn;

/**
 * The learned analysis's network as a map a_theta(x, zeta) (see {@link IncrementMap}): the input channels are
 * built by {@link DanInput#buildFromInnovation} (the standardised state and the innovation term, exactly as in
 * the assimilation), the output is the increment. Its gain is exact: one forward pass over a batch of Nx copies
 * of (x, 0) and one backward pass whose output gradient is e_i for copy i gives, in the input gradient of copy
 * i's innovation channel, row i of d a / d zeta (Nx vector-Jacobian products in one batch). The engine runs in
 * float32, so the gain carries float32 rounding (about 1e-7 relative).
 */
public final class NetworkIncrement implements IncrementMap {

    private final ResidualCnn network;
    private final DanInput input;
    private final int nx;
    private final int channels;

    /**
     * @param layout the network's input layout: one member (or innovation-only) and no precision channel
     * @throws IllegalArgumentException when the layout is not that of a single state observed everywhere
     */
    public NetworkIncrement(ResidualCnn network, DanLayout layout, int nx) {
        if (layout.memberChannels() > 1) {
            throw new IllegalArgumentException("members: the diagnostics take a single-state network (1 member), "
                    + "this one takes " + layout.memberChannels());
        }
        if (layout.precisionChannel()) {
            throw new IllegalArgumentException("network: the diagnostics need a network for a fully observed state "
                    + "(obs identity, no precision channel)");
        }
        if (network.config().inChannels() != layout.inChannels() || network.config().outChannels() != 1) {
            throw new IllegalArgumentException("network: takes " + network.config().inChannels() + " input and "
                    + network.config().outChannels() + " output channels; needed " + layout.inChannels() + " ("
                    + layout.describeChannels() + ") and 1");
        }
        this.network = network;
        this.input = new DanInput(layout, nx);
        this.nx = nx;
        this.channels = layout.inChannels();
    }

    @Override
    public int nx() {
        return nx;
    }

    @Override
    public void increments(double[] x, double[] zetas, int count, double[] out) {
        float[] in = new float[count * channels * nx];
        for (int j = 0; j < count; j++) input.buildFromInnovation(x, 0, zetas, j * nx, in, j);
        float[] a = network.infer(in, count);
        for (int k = 0; k < count * nx; k++) out[k] = a[k];
    }

    @Override
    public void gain(double[] x, double[] out) {
        float[] in = new float[nx * channels * nx];
        double[] zero = new double[nx];
        for (int j = 0; j < nx; j++) input.buildFromInnovation(x, 0, zero, 0, in, j);
        ForwardPass pass = network.forward(in, nx);
        float[] seed = new float[nx * nx];
        for (int i = 0; i < nx; i++) seed[i * nx + i] = 1f;
        // the backward pass also accumulates parameter gradients, which nobody reads here: clear them so that
        // thousands of calls cannot pile them up
        network.zeroGradients();
        float[] g = pass.backward(seed);
        int inn = input.layout().innovationChannel();
        for (int i = 0; i < nx; i++) {
            int row = (i * channels + inn) * nx;
            for (int l = 0; l < nx; l++) out[i * nx + l] = g[row + l];
        }
    }

    /** The step in zeta of a finite-difference gain: not used by the exact {@link #gain}. */
    @Override
    public double gainStep() {
        return 1e-2;
    }
}
