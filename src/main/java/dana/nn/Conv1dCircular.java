package dana.nn;

import static dana.nn.Simd.F;
import static dana.nn.Simd.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * 1-D convolution with circular padding, {@code y[b, x, co] = bias[co] + sum_{ci, k} W[co, ci, k]
 * in[b, (x + k - K/2) mod Nx, ci]}, with its backward pass, for odd kernels K.
 *
 * <p>Parameters live in a flat vector owned by the caller ({@link Parameters}): the weights at
 * {@code weightOffset} in the layout {@code [k][ci][co]} (so that they are directly the GEMM's B matrix of
 * shape {@code (K Cin) x Cout}), then the bias at {@code biasOffset}. Gradients are added into any array with
 * the same offsets, which is how per-shard partial gradients are kept apart.
 *
 * <p>All three products are GEMMs whose A operand is read in place from a {@link HaloTensor} (implicit
 * im2col, no copy):
 * <ul>
 *   <li>forward: {@code Y[x, co] = sum_{(k,ci)} In[x + k - K/2, ci] W[(k,ci), co]}, A = overlapping rows;</li>
 *   <li>weights: {@code dW[(k,ci), co] += sum_x In[x + k - K/2, ci] dZ[x, co]}, A = the transposed view;</li>
 *   <li>input: {@code dIn[x, ci] = sum_{(k',co)} dZ[x + k' - K/2, co] Wflip[(k',co), ci]} with
 *       {@code Wflip[(k', co), ci] = W[(K-1-k', ci), co]}: the adjoint of a circular correlation is the
 *       correlation with the flipped, transposed kernel, so col2im and its scatter-adds are never needed.</li>
 * </ul>
 * The bias and the activation are applied by the caller's fused epilogue ({@link Activation#biasActivate}).
 */
public final class Conv1dCircular {

    private final int cin;
    private final int cout;
    private final int kernel;
    private final int weightOffset;
    private final int biasOffset;

    public Conv1dCircular(int cin, int cout, int kernel, int weightOffset, int biasOffset) {
        if (cin < 1) throw new IllegalArgumentException("cin must be >= 1, got " + cin);
        if (cout < 1) throw new IllegalArgumentException("cout must be >= 1, got " + cout);
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel must be odd and >= 1, got " + kernel);
        }
        this.cin = cin;
        this.cout = cout;
        this.kernel = kernel;
        this.weightOffset = weightOffset;
        this.biasOffset = biasOffset;
    }

    public int cin() {
        return cin;
    }

    public int cout() {
        return cout;
    }

    public int kernel() {
        return kernel;
    }

    public int weightOffset() {
        return weightOffset;
    }

    public int biasOffset() {
        return biasOffset;
    }

    public int weightCount() {
        return kernel * cin * cout;
    }

    /** Index of W[co, ci, k] in the parameter vector. */
    public int weightIndex(int co, int ci, int k) {
        return weightOffset + (k * cin + ci) * cout + co;
    }

    /** Floating-point operations of one forward pass over {@code columns = batch * nx} grid points. */
    public long forwardFlops(long columns) {
        return 2L * columns * cout * cin * kernel;
    }

    /**
     * Pre-activation of sample b without the bias: {@code out[outOff + x * cout + co]} for x < nx (row stride
     * cout). The input's halo must hold at least K/2 points.
     */
    public void forwardSample(Gemm gemm, float[] params, HaloTensor in, int b, float[] out, int outOff) {
        checkInput(in);
        gemm.multiply(in.nx(), cout, kernel * cin,
                in.data(), in.offset(b, -kernel / 2), cin, 1,
                params, weightOffset, cout,
                out, outOff, cout, false);
    }

    /** {@code dst} (at {@link #weightOffset()}) receives the flipped, transposed kernel Wflip[(k', co), ci]. */
    public void flipWeights(float[] params, float[] dst) {
        for (int k = 0; k < kernel; k++) {
            int kf = kernel - 1 - k;
            for (int ci = 0; ci < cin; ci++) {
                int src = weightOffset + (k * cin + ci) * cout;
                for (int co = 0; co < cout; co++) {
                    dst[weightOffset + (kf * cout + co) * cin + ci] = params[src + co];
                }
            }
        }
    }

    /**
     * Backward pass for sample b, given {@code gradZ} = dLoss/d(pre-activation) of that sample as sample
     * {@code gz} of a halo tensor whose halo is filled. Adds the weight and bias gradients into {@code grads}
     * (same offsets as the parameters) and, when {@code gradIn} is not null, writes (or adds, if
     * {@code accumulate}) dLoss/dIn into {@code gradIn[gradInOff + x * cin + ci]}.
     *
     * @param flipped the output of {@link #flipWeights} (only read when gradIn is not null)
     */
    public void backwardSample(Gemm gemm, HaloTensor in, int b, HaloTensor gradZ, int gz, float[] flipped,
                               float[] grads, float[] gradIn, int gradInOff, boolean accumulate) {
        checkInput(in);
        if (gradZ.channels() != cout || gradZ.nx() != in.nx()) {
            throw new IllegalArgumentException("gradZ must have " + cout + " channels and nx=" + in.nx());
        }
        int nx = in.nx();
        int h = kernel / 2;
        gemm.multiply(kernel * cin, cout, nx,
                in.data(), in.offset(b, -h), 1, cin,
                gradZ.data(), gradZ.offset(gz, 0), cout,
                grads, weightOffset, cout, true);
        addRowSums(nx, cout, gradZ.data(), gradZ.offset(gz, 0), grads, biasOffset);
        if (gradIn != null) {
            if (gradZ.halo() < h) throw new IllegalArgumentException("gradZ halo must be >= " + h);
            gemm.multiply(nx, cin, kernel * cout,
                    gradZ.data(), gradZ.offset(gz, -h), cout, 1,
                    flipped, weightOffset, cin,
                    gradIn, gradInOff, cin, accumulate);
        }
    }

    /** {@code acc[accOff + c] += sum_r src[srcOff + r * cols + c]}, rows summed in increasing order. */
    static void addRowSums(int rows, int cols, float[] src, int srcOff, float[] acc, int accOff) {
        for (int c = 0; c < cols; c += L) {
            VectorMask<Float> m = F.indexInRange(c, cols);
            FloatVector s = FloatVector.fromArray(F, acc, accOff + c, m);
            for (int r = 0; r < rows; r++) s = s.add(FloatVector.fromArray(F, src, srcOff + r * cols + c, m));
            s.intoArray(acc, accOff + c, m);
        }
    }

    private void checkInput(HaloTensor in) {
        if (in.channels() != cin) {
            throw new IllegalArgumentException("input has " + in.channels() + " channels, the layer expects " + cin);
        }
        if (in.halo() < kernel / 2) {
            throw new IllegalArgumentException("input halo " + in.halo() + " < kernel/2 = " + kernel / 2);
        }
    }
}
