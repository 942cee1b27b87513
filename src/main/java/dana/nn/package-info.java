/**
 * The differentiable engine of the learned analysis: a residual 1-D CNN on a periodic grid with explicit
 * forward and backward passes in float32, written with the Vector API (jdk.incubator.vector).
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link dana.nn.Gemm} / {@link dana.nn.VectorGemm}: the matrix product, register-blocked micro-kernels;
 *       the only thing another backend would have to implement.</li>
 *   <li>{@link dana.nn.HaloTensor}: activations channels last with a periodic halo, so a convolution's im2col
 *       matrix is read in place; {@link dana.nn.Conv1dCircular}: the convolution, its weight, bias and input
 *       gradients as three GEMMs; {@link dana.nn.Activation}: GELU, SiLU, tanh, identity with the fused
 *       bias + activation (+ residual) epilogue.</li>
 *   <li>{@link dana.nn.CnnConfig} (architecture), {@link dana.nn.EngineOptions} (threads, shards, backend),
 *       {@link dana.nn.ResidualCnn} (the network), {@link dana.nn.ForwardPass} (what a backward pass needs),
 *       {@link dana.nn.Parameters} (one flat vector of values and gradients, named tensors).</li>
 *   <li>{@link dana.nn.Adam}, {@link dana.nn.LearningRateSchedule}, {@link dana.nn.GradientClipping}.</li>
 *   <li>{@link dana.nn.NetworkFile} and {@link dana.nn.AdamStateFile}: versioned, checksummed, atomically
 *       written files.</li>
 *   <li>{@link dana.nn.NnBench}: throughput of a training step's network work, in GFLOP/s.</li>
 * </ul>
 *
 * <h2>Layouts</h2>
 * Tensors exchanged with callers are {@code float[]} in the layout {@code [batch][channels][nx]}: network
 * input (e.g. channel 0 the standardised forecast, channel 1 the innovation term), output (the increment),
 * and their gradients. Weights are {@code [k][cin][cout]} (the GEMM's B operand as is), biases {@code [cout]}.
 */
package dana.nn;
