package dana.nn;

import java.util.Objects;

/**
 * Architecture of the residual CNN used as the learned analysis a_theta, on a periodic 1-D grid:
 * <pre>
 *   h_0     = act(conv_stem(x))                                   Cin -> Nf, kernel K
 *   h_{b+1} = h_b + act(conv_{b,Nsb}(... act(conv_{b,1}(h_b))))     Nsb convs Nf -> Nf per block, b < Nb
 *   out     = conv_head(h_Nb)                                      Nf -> Cout, kernel headKernel, linear
 * </pre>
 * every convolution with circular padding and a bias. The grid size is not part of the architecture (the
 * network is translation invariant and runs at any Nx).
 *
 * @param inChannels     Cin, e.g. 2: the standardised forecast and the innovation term
 * @param outChannels    Cout, e.g. 1 for one shared increment
 * @param filters        Nf, the width of the residual stack
 * @param blocks         Nb, the number of residual blocks (0 allowed: stem then head)
 * @param layersPerBlock Nsb, the convolutions per residual block
 * @param kernel         K, odd
 * @param activation     the nonlinearity (IDENTITY gives a linear network)
 * @param headKernel     kernel of the linear head, odd (1 or K in practice)
 * @param headInitScale  the head's weights are drawn at this fraction of the default scale, so the
 *                       untrained network predicts an increment near zero (the forecast)
 */
public record CnnConfig(int inChannels, int outChannels, int filters, int blocks, int layersPerBlock,
                        int kernel, Activation activation, int headKernel, double headInitScale) {

    public CnnConfig {
        requireRange("inChannels", inChannels, 1, 4096);
        requireRange("outChannels", outChannels, 1, 4096);
        requireRange("filters", filters, 1, 4096);
        requireRange("blocks", blocks, 0, 1000);
        requireRange("layersPerBlock", layersPerBlock, 1, 1000);
        requireOdd("kernel", kernel);
        requireOdd("headKernel", headKernel);
        Objects.requireNonNull(activation, "activation must not be null");
        if (!(headInitScale >= 0) || !Double.isFinite(headInitScale)) {
            throw new IllegalArgumentException("headInitScale must be finite and >= 0, got " + headInitScale);
        }
    }

    /** The reference architecture: Nf=40, Nb=5, Nsb=2, K=5 everywhere, GELU, head at 1% scale. */
    public static CnnConfig standard(int inChannels, int outChannels) {
        return new CnnConfig(inChannels, outChannels, 40, 5, 2, 5, Activation.GELU, 5, 0.01);
    }

    public CnnConfig withBlocks(int nb, int nsb) {
        return new CnnConfig(inChannels, outChannels, filters, nb, nsb, kernel, activation, headKernel, headInitScale);
    }

    public CnnConfig withActivation(Activation act) {
        return new CnnConfig(inChannels, outChannels, filters, blocks, layersPerBlock, kernel, act, headKernel,
                headInitScale);
    }

    /** Number of convolutions: stem, Nb * Nsb in the blocks, head. */
    public int convolutions() {
        return blocks * layersPerBlock + 2;
    }

    /** Halo every activation buffer needs: half the widest kernel. */
    public int halo() {
        return Math.max(kernel, headKernel) / 2;
    }

    /** Number of trainable values. */
    public long parameterCount() {
        long inner = (long) blocks * layersPerBlock * ((long) filters * filters * kernel + filters);
        return (long) inChannels * filters * kernel + filters + inner
                + (long) filters * outChannels * headKernel + outChannels;
    }

    private static void requireRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    private static void requireOdd(String field, int value) {
        if (value < 1 || value > 99 || value % 2 == 0) {
            throw new IllegalArgumentException(field + " must be odd and in [1, 99], got " + value);
        }
    }
}
