package dana.nn;

import dana.util.Seeds;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.SplittableRandom;

/**
 * The residual 1-D CNN of {@link CnnConfig}, with explicit forward and backward passes.
 *
 * <p>Tensors exchanged with callers use the layout {@code [batch][channels][nx]} (a field per channel, as the
 * data assimilation code holds states); internally activations are channels last with a periodic halo
 * ({@link HaloTensor}), which turns every convolution into a GEMM reading its im2col matrix in place.
 *
 * <p>Parallelism: the batch is cut into shards (contiguous runs of samples, see {@link EngineOptions}); each
 * shard runs through all layers on one thread (the convolutions never mix samples), so a pass has one
 * synchronisation point, and the shards' weight gradients are summed in shard order afterwards. Results are
 * therefore bit-identical for any thread count. An instance is not thread-safe: one caller at a time.
 */
public final class ResidualCnn implements AutoCloseable {

    private static final int MAX_FREE_BUFFERS = 64;
    /**
     * Samples taken through all the layers together within a shard: small enough that a layer's input,
     * output and derivative for the group (3 x 8 x (Nx + 2 halo) x Nf floats, ~160 KB at Nx = Nf = 40) stay in
     * L2 between the GEMM and the epilogue and for the next layer; with whole 32-sample shards the working set
     * spilled from L2 and the activation epilogue alone took ~17% of a step.
     */
    static final int GROUP = 8;

    private final CnnConfig config;
    private final EngineOptions options;
    private final Parameters params;
    private final Conv1dCircular[] convs;
    private final WorkerPool pool;
    private final Gemm gemm;
    private final float[] flipped;
    private final ArrayDeque<PassBuffers> free = new ArrayDeque<>();
    private PassBuffers inference;
    private Workspace[] workspaces;
    private float[][] partials = new float[0][];

    /** A network initialised from {@code seed} with the default engine options (2 threads). */
    public ResidualCnn(CnnConfig config, long seed) {
        this(config, seed, EngineOptions.defaults());
    }

    /**
     * A network initialised from {@code seed}: weights uniform in [-b, b] with the He/Kaiming bound
     * {@code b = gain sqrt(3 / fanIn)} (gain sqrt(2) for GELU/SiLU, 5/3 for tanh, 1 for the identity), the
     * last convolution of each residual block scaled down by sqrt(Nb) so the residual sum keeps its variance
     * bounded over the stack, the head at {@code headInitScale} of the bound {@code 1/sqrt(fanIn)}, biases zero.
     * Each convolution draws from its own stream derived from (seed, layer index).
     */
    public ResidualCnn(CnnConfig config, long seed, EngineOptions options) {
        this(config, options);
        initialise(seed);
    }

    private ResidualCnn(CnnConfig config, EngineOptions options) {
        this.config = config;
        this.options = options;
        this.gemm = options.gemm();
        this.convs = new Conv1dCircular[config.convolutions()];
        this.params = Layout.build(config, new Parameters.Builder(), convs);
        this.flipped = new float[params.size()];
        this.pool = new WorkerPool(options.threads());
    }

    /** A network with the given parameter values (e.g. read from a file), copied. */
    public static ResidualCnn withValues(CnnConfig config, float[] values, EngineOptions options) {
        ResidualCnn net = new ResidualCnn(config, options);
        if (values.length != net.params.size()) {
            throw new IllegalArgumentException("expected " + net.params.size() + " parameter values for " + config
                    + ", got " + values.length);
        }
        System.arraycopy(values, 0, net.params.values(), 0, values.length);
        return net;
    }

    private void initialise(long seed) {
        float[] v = params.values();
        double gain = switch (config.activation()) {
            case GELU, SILU -> Math.sqrt(2);
            case TANH -> 5.0 / 3.0;
            case IDENTITY -> 1;
        };
        for (int l = 0; l < convs.length; l++) {
            Conv1dCircular c = convs[l];
            int fanIn = c.cin() * c.kernel();
            double bound;
            if (l == convs.length - 1) {
                bound = config.headInitScale() / Math.sqrt(fanIn);
            } else {
                bound = gain * Math.sqrt(3.0 / fanIn);
                if (l > 0 && (l - 1) % config.layersPerBlock() == config.layersPerBlock() - 1) {
                    bound /= Math.sqrt(config.blocks());
                }
            }
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "nn.init", l));
            for (int i = 0; i < c.weightCount(); i++) {
                v[c.weightOffset() + i] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
        }
    }

    public CnnConfig config() {
        return config;
    }

    public EngineOptions options() {
        return options;
    }

    public Parameters parameters() {
        return params;
    }

    /** The convolutions in order: stem, block 0 conv 0, ..., head. */
    public Conv1dCircular[] convolutions() {
        return convs.clone();
    }

    /** Sets every parameter gradient to zero (backward passes add to them). */
    public void zeroGradients() {
        params.zeroGradients();
    }

    /** Floating-point operations of one forward pass (2 per multiply-add of every convolution). */
    public long forwardFlops(int batch, int nx) {
        long f = 0;
        for (Conv1dCircular c : convs) f += c.forwardFlops((long) batch * nx);
        return f;
    }

    /**
     * Runs the network on {@code input} (layout {@code [batch][inChannels][nx]}, nx inferred from the length)
     * and keeps what the backward pass needs.
     */
    public ForwardPass forward(float[] input, int batch) {
        int nx = gridSize(input, batch);
        PassBuffers buf = takeBuffers(batch, nx);
        float[] out = new float[batch * config.outChannels() * nx];
        run(buf, input, out);
        return new ForwardPass(this, buf, out);
    }

    /** Runs the network without keeping anything for a backward pass; returns the output. */
    public float[] infer(float[] input, int batch) {
        int nx = gridSize(input, batch);
        float[] out = new float[batch * config.outChannels() * nx];
        infer(input, batch, out);
        return out;
    }

    /** As {@link #infer(float[], int)}, into {@code output} (layout {@code [batch][outChannels][nx]}). */
    public void infer(float[] input, int batch, float[] output) {
        int nx = gridSize(input, batch);
        if (output.length != batch * config.outChannels() * nx) {
            throw new IllegalArgumentException("output length " + output.length + " != batch * outChannels * nx = "
                    + batch * config.outChannels() * nx);
        }
        if (inference == null || !inference.fits(batch, nx)) inference = new PassBuffers(config, batch, nx, false);
        run(inference, input, output);
    }

    private int gridSize(float[] input, int batch) {
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        int per = batch * config.inChannels();
        if (input.length == 0 || input.length % per != 0) {
            throw new IllegalArgumentException("input length " + input.length + " is not a positive multiple of "
                    + "batch * inChannels = " + per);
        }
        return input.length / per;
    }

    private PassBuffers takeBuffers(int batch, int nx) {
        for (Iterator<PassBuffers> it = free.iterator(); it.hasNext(); ) {
            PassBuffers b = it.next();
            if (b.fits(batch, nx)) {
                it.remove();
                return b;
            }
        }
        return new PassBuffers(config, batch, nx, true);
    }

    private void recycle(PassBuffers buf) {
        free.addFirst(buf);
        while (free.size() > MAX_FREE_BUFFERS) free.removeLast();
    }

    private int shardCount(int batch) {
        return Math.min(batch, options.shards());
    }

    private static int shardStart(int shard, int shards, int batch) {
        return (int) ((long) shard * batch / shards);
    }

    private void run(PassBuffers buf, float[] input, float[] output) {
        int shards = shardCount(buf.batch);
        ensureWorkspaces(buf.batch, buf.nx);
        pool.forEach(shards, (s, w) -> {
            int hi = shardStart(s + 1, shards, buf.batch);
            for (int g = shardStart(s, shards, buf.batch); g < hi; g += GROUP) {
                forwardGroup(buf, input, output, g, Math.min(hi, g + GROUP), workspaces[w]);
            }
        });
    }

    private void forwardGroup(PassBuffers buf, float[] input, float[] output, int lo, int hi, Workspace ws) {
        for (int b = lo; b < hi; b++) buf.input.loadSample(b, input);
        layer(convs[0], buf.input, buf.hidden[0], null, buf.deriv[0], lo, hi);
        int nsb = config.layersPerBlock();
        for (int bl = 0; bl < config.blocks(); bl++) {
            for (int s = 0; s < nsb; s++) {
                HaloTensor src = s == 0 ? buf.hidden[bl] : buf.inner[bl][s - 1];
                boolean last = s == nsb - 1;
                HaloTensor dst = last ? buf.hidden[bl + 1] : buf.inner[bl][s];
                layer(convs[1 + bl * nsb + s], src, dst, last ? buf.hidden[bl] : null,
                        buf.deriv[1 + bl * nsb + s], lo, hi);
            }
        }
        Conv1dCircular head = convs[convs.length - 1];
        float[] p = params.values();
        int nx = buf.nx;
        int cout = head.cout();
        for (int b = lo; b < hi; b++) {
            head.forwardSample(gemm, p, buf.hidden[config.blocks()], b, ws.head, 0);
            for (int co = 0; co < cout; co++) {
                float bias = p[head.biasOffset() + co];
                int o = (b * cout + co) * nx;
                for (int x = 0; x < nx; x++) output[o + x] = ws.head[x * cout + co] + bias;
            }
        }
    }

    /** One activated convolution over samples [lo, hi): dst = act(conv(src) + bias) (+ residual). */
    private void layer(Conv1dCircular c, HaloTensor src, HaloTensor dst, HaloTensor residual, float[] deriv,
                       int lo, int hi) {
        float[] p = params.values();
        int nx = src.nx();
        int nf = c.cout();
        Activation act = config.activation();
        for (int b = lo; b < hi; b++) {
            int o = dst.offset(b, 0);
            c.forwardSample(gemm, p, src, b, dst.data(), o);
            act.biasActivate(nx, nf, dst.data(), o, p, c.biasOffset(), dst.data(), o,
                    residual == null ? null : residual.data(), residual == null ? 0 : residual.offset(b, 0),
                    deriv, b * nx * nf);
            dst.fillHalo(b);
        }
    }

    void backward(PassBuffers buf, float[] gradOutput, float[] gradInput) {
        int batch = buf.batch;
        int nx = buf.nx;
        if (gradOutput.length != batch * config.outChannels() * nx) {
            throw new IllegalArgumentException("gradOutput length " + gradOutput.length
                    + " != batch * outChannels * nx = " + batch * config.outChannels() * nx);
        }
        if (gradInput != null && gradInput.length != batch * config.inChannels() * nx) {
            throw new IllegalArgumentException("gradInput length " + gradInput.length
                    + " != batch * inChannels * nx = " + batch * config.inChannels() * nx);
        }
        try {
            float[] p = params.values();
            for (Conv1dCircular c : convs) c.flipWeights(p, flipped);
            int shards = shardCount(batch);
            ensureWorkspaces(batch, nx);
            if (partials.length < shards || partials[0].length != params.size()) {
                partials = new float[shards][params.size()];
            }
            pool.forEach(shards, (s, w) -> {
                float[] part = partials[s];
                Arrays.fill(part, 0f);
                int hi = shardStart(s + 1, shards, batch);
                // the groups of a shard add into its partial gradient in sample order
                for (int g = shardStart(s, shards, batch); g < hi; g += GROUP) {
                    backwardGroup(buf, gradOutput, gradInput, g, Math.min(hi, g + GROUP), part, workspaces[w]);
                }
            });
            // the shards' gradients are summed in shard order whatever thread handles which slice
            int size = params.size();
            int slices = Math.max(1, Math.min(4 * pool.threads(), size / 4096));
            pool.forEach(slices, (t, w) -> {
                int from = align((long) t * size / slices, size);
                int to = align((long) (t + 1) * size / slices, size);
                FloatOps.addSums(partials, shards, params.gradients(), from, to);
            });
        } finally {
            recycle(buf);
        }
    }

    private static int align(long i, int size) {
        return (int) Math.min(size, (i + 63) / 64 * 64);
    }

    private void backwardGroup(PassBuffers buf, float[] gradOutput, float[] gradInput, int lo, int hi,
                               float[] part, Workspace ws) {
        int nx = buf.nx;
        int nf = config.filters();
        int nsb = config.layersPerBlock();
        HaloTensor gh = ws.gh;
        HaloTensor[] ga = ws.ga;
        HaloTensor dz = ws.dzHidden;
        // head: linear, so dLoss/dz is the output gradient itself
        Conv1dCircular head = convs[convs.length - 1];
        HaloTensor hz = ws.dzHead;
        int cout = head.cout();
        for (int b = lo; b < hi; b++) {
            for (int co = 0; co < cout; co++) {
                int g = (b * cout + co) * nx;
                for (int x = 0; x < nx; x++) hz.data()[hz.offset(0, x) + co] = gradOutput[g + x];
            }
            hz.fillHalo(0);
            head.backwardSample(gemm, buf.hidden[config.blocks()], b, hz, 0, flipped, part,
                    gh.data(), gh.offset(b - lo, 0), false);
        }
        for (int bl = config.blocks() - 1; bl >= 0; bl--) {
            for (int s = nsb - 1; s >= 0; s--) {
                int l = 1 + bl * nsb + s;
                // gradient wrt this convolution's output: the block's output gradient for the last one (the
                // residual passes it through unchanged), else the ping-pong buffer written by the next one
                HaloTensor g = s == nsb - 1 ? gh : ga[s % 2];
                HaloTensor x = s == 0 ? buf.hidden[bl] : buf.inner[bl][s - 1];
                // the first convolution's input gradient joins the residual path: added into gh in place
                HaloTensor target = s == 0 ? gh : ga[(s - 1) % 2];
                for (int b = lo; b < hi; b++) {
                    int j = b - lo;
                    FloatOps.multiply(nx * nf, g.data(), g.offset(j, 0), buf.deriv[l], b * nx * nf,
                            dz.data(), dz.offset(0, 0));
                    dz.fillHalo(0);
                    convs[l].backwardSample(gemm, x, b, dz, 0, flipped, part, target.data(), target.offset(j, 0),
                            s == 0);
                }
            }
        }
        Conv1dCircular stem = convs[0];
        int cin = stem.cin();
        for (int b = lo; b < hi; b++) {
            int j = b - lo;
            FloatOps.multiply(nx * nf, gh.data(), gh.offset(j, 0), buf.deriv[0], b * nx * nf, dz.data(),
                    dz.offset(0, 0));
            dz.fillHalo(0);
            stem.backwardSample(gemm, buf.input, b, dz, 0, flipped, part, gradInput == null ? null : ws.gradIn, 0,
                    false);
            if (gradInput != null) {
                for (int ci = 0; ci < cin; ci++) {
                    int o = (b * cin + ci) * nx;
                    for (int xx = 0; xx < nx; xx++) gradInput[o + xx] = ws.gradIn[xx * cin + ci];
                }
            }
        }
    }

    private void ensureWorkspaces(int batch, int nx) {
        int shards = shardCount(batch);
        int maxSamples = 0;
        for (int s = 0; s < shards; s++) {
            maxSamples = Math.max(maxSamples, shardStart(s + 1, shards, batch) - shardStart(s, shards, batch));
        }
        maxSamples = Math.min(maxSamples, GROUP);
        if (workspaces != null && workspaces[0].fits(maxSamples, nx)) return;
        workspaces = new Workspace[pool.threads()];
        for (int w = 0; w < workspaces.length; w++) workspaces[w] = new Workspace(config, maxSamples, nx);
    }

    /** Per-thread scratch: gradients of the hidden state and of the inner activations of one group. */
    private static final class Workspace {
        final int samples;
        final int nx;
        final HaloTensor gh;
        final HaloTensor[] ga;
        final HaloTensor dzHidden;
        final HaloTensor dzHead;
        final float[] head;
        final float[] gradIn;

        Workspace(CnnConfig cfg, int samples, int nx) {
            this.samples = samples;
            this.nx = nx;
            int nf = cfg.filters();
            gh = new HaloTensor(samples, nx, nf, 0);
            ga = new HaloTensor[]{new HaloTensor(samples, nx, nf, 0), new HaloTensor(samples, nx, nf, 0)};
            dzHidden = new HaloTensor(1, nx, nf, cfg.halo());
            dzHead = new HaloTensor(1, nx, cfg.outChannels(), cfg.halo());
            head = new float[nx * cfg.outChannels()];
            gradIn = new float[nx * cfg.inChannels()];
        }

        boolean fits(int samples, int nx) {
            return this.samples >= samples && this.nx == nx;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
