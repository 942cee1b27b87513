package dana.train;

import dana.dan.DanLayout;
import dana.dan.DanVariant;
import dana.nn.Activation;
import dana.nn.CnnConfig;

/**
 * The network section of a training file: the residual CNN's architecture, the variant and the ensemble size.
 * The input channel count follows from the variant, the members and the observation operator (see
 * {@link DanLayout}); the output is always one increment field.
 *
 * @param headInitScale the head's initial weights at this fraction of the default scale: the untrained
 *                      network returns almost the forecast
 */
public record NetworkSpec(int filters, int blocks, int layersPerBlock, int kernel, int headKernel,
                          Activation activation, double headInitScale, DanVariant variant, int members) {

    public NetworkSpec {
        range("network.filters", filters, 1, 1024);
        range("network.blocks", blocks, 0, 100);
        range("network.layers_per_block", layersPerBlock, 1, 100);
        odd("network.kernel", kernel);
        odd("network.head_kernel", headKernel);
        range("network.members", members, 1, 1000);
        if (activation == null) throw new IllegalArgumentException("network.activation: missing");
        if (variant == null) throw new IllegalArgumentException("network.variant: missing; allowed: " + DanVariant.allowed());
        if (variant.linear() && activation != Activation.IDENTITY) {
            throw new IllegalArgumentException("network.activation: the linear variant uses the identity, got "
                    + activation.name().toLowerCase());
        }
        if (!(headInitScale >= 0) || !Double.isFinite(headInitScale)) {
            throw new IllegalArgumentException("network.head_init_scale: must be a finite number >= 0, got " + headInitScale);
        }
    }

    public DanLayout layout(boolean precisionChannel) {
        return new DanLayout(members, variant, precisionChannel);
    }

    public CnnConfig cnn(boolean precisionChannel) {
        DanLayout layout = layout(precisionChannel);
        return new CnnConfig(layout.inChannels(), layout.outChannels(), filters, blocks, layersPerBlock, kernel,
                activation, headKernel, headInitScale);
    }

    static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": must be in [" + min + ", " + max + "], got " + value);
        }
    }

    private static void odd(String field, int value) {
        if (value < 1 || value > 99 || value % 2 == 0) {
            throw new IllegalArgumentException(field + ": must be odd, in [1, 99], got " + value);
        }
    }
}
