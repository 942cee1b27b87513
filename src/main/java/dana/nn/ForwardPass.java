package dana.nn;

/**
 * The result of {@link ResidualCnn#forward}: the output, and what the backward pass needs. Several passes may
 * be alive at once (an unrolled sequence of assimilation cycles); each is backpropagated at most once, in any
 * order, as long as the parameters have not been changed in between.
 */
public final class ForwardPass {

    private final ResidualCnn network;
    private final int batch;
    private final int nx;
    private final float[] output;
    private PassBuffers buffers;

    ForwardPass(ResidualCnn network, PassBuffers buffers, float[] output) {
        this.network = network;
        this.buffers = buffers;
        this.batch = buffers.batch;
        this.nx = buffers.nx;
        this.output = output;
    }

    public int batch() {
        return batch;
    }

    public int nx() {
        return nx;
    }

    /** The network output, layout {@code [batch][outChannels][nx]} (owned by this pass, not recycled). */
    public float[] output() {
        return output;
    }

    /**
     * Backpropagates {@code gradOutput} (dLoss/dOutput, layout {@code [batch][outChannels][nx]}): adds the
     * parameter gradients into {@link Parameters#gradients()} and returns dLoss/dInput, layout
     * {@code [batch][inChannels][nx]}.
     */
    public float[] backward(float[] gradOutput) {
        float[] gradInput = new float[batch * network.config().inChannels() * nx];
        backward(gradOutput, gradInput);
        return gradInput;
    }

    /** As {@link #backward(float[])}, writing dLoss/dInput into {@code gradInput} unless it is null. */
    public void backward(float[] gradOutput, float[] gradInput) {
        if (buffers == null) throw new IllegalStateException("this forward pass was already backpropagated");
        PassBuffers b = buffers;
        buffers = null;
        network.backward(b, gradOutput, gradInput);
    }
}
