package dana.nn;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Throughput of one training step's network work (forward that keeps activations + backward with input
 * gradient) of the residual CNN, in GFLOP/s. Flops are counted as 2 B Nx Cout Cin K per convolution forward and
 * twice that backward (weights and input gradients). The headline figure counts only the Nb x Nsb
 * convolutions Nf -> Nf (conservative: the time includes the stem and the head too).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/classes dana.nn.NnBench \
 *      [batch=256] [nx=40] [filters=40] [blocks=5] [layersPerBlock=5] [kernel=5] [threads=2] [seconds=3] [runs=5]
 * </pre>
 * Arguments are {@code name=value}; the vector width can be forced with {@code -Ddana.vectorBits=512}.
 */
public final class NnBench {

    private NnBench() {
    }

    /**
     * CPU time of the whole process: on a machine shared with other work, flops per CPU-second show the
     * kernels' efficiency independently of how much of the machine this process got.
     */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    public static void main(String[] args) {
        int batch = 256, nx = 40, filters = 40, blocks = 5, nsb = 5, kernel = 5, threads = 2, runs = 5;
        double seconds = 3;
        int shards = 8;
        Activation act = Activation.GELU;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2) throw new IllegalArgumentException("arguments are name=value, got " + a);
            switch (kv[0]) {
                case "batch" -> batch = Integer.parseInt(kv[1]);
                case "nx" -> nx = Integer.parseInt(kv[1]);
                case "filters" -> filters = Integer.parseInt(kv[1]);
                case "blocks" -> blocks = Integer.parseInt(kv[1]);
                case "layersPerBlock" -> nsb = Integer.parseInt(kv[1]);
                case "kernel" -> kernel = Integer.parseInt(kv[1]);
                case "threads" -> threads = Integer.parseInt(kv[1]);
                case "shards" -> shards = Integer.parseInt(kv[1]);
                case "seconds" -> seconds = Double.parseDouble(kv[1]);
                case "runs" -> runs = Integer.parseInt(kv[1]);
                case "activation" -> act = Activation.valueOf(kv[1].toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown argument " + kv[0]);
            }
        }
        CnnConfig cfg = new CnnConfig(2, 1, filters, blocks, nsb, kernel, act, kernel, 0.01);
        EngineOptions opts = new EngineOptions(threads, shards, new VectorGemm());
        try (ResidualCnn net = new ResidualCnn(cfg, 1, opts)) {
            SplittableRandom rng = new SplittableRandom(7);
            float[] input = new float[batch * 2 * nx];
            float[] gradOut = new float[batch * nx];
            float[] gradIn = new float[input.length];
            for (int i = 0; i < input.length; i++) input[i] = (float) rng.nextDouble(-1, 1);
            for (int i = 0; i < gradOut.length; i++) gradOut[i] = (float) rng.nextDouble(-1, 1);
            long columns = (long) batch * nx;
            double innerFlops = 3.0 * 2 * columns * filters * filters * kernel * blocks * nsb;
            double allFlops = 3.0 * net.forwardFlops(batch, nx);
            double fwdFlops = net.forwardFlops(batch, nx);
            System.out.printf(Locale.ROOT, "residual CNN batch=%d nx=%d Nf=%d Nb=%d Nsb=%d K=%d %s, threads=%d, "
                            + "shards=%d, vectors %s, %d parameters%n", batch, nx, filters, blocks, nsb, kernel, act,
                    threads, shards, Simd.describe(), net.parameters().size());
            double best = 0, bestAll = 0, bestFwd = 0;
            long fastestStep = Long.MAX_VALUE;
            for (int r = -1; r < runs; r++) {
                // run -1 is the warm-up (JIT compilation), not reported
                int steps = 0;
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                long tEnd = t0 + (long) (seconds * 1e9);
                long fwdNanos = 0;
                while (System.nanoTime() < tEnd || steps < 2) {
                    long a = System.nanoTime();
                    ForwardPass pass = net.forward(input, batch);
                    fwdNanos += System.nanoTime() - a;
                    pass.backward(gradOut, gradIn);
                    if (r >= 0) fastestStep = Math.min(fastestStep, System.nanoTime() - a);
                    steps++;
                }
                double dt = (System.nanoTime() - t0) * 1e-9 / steps;
                double cpu = (processCpuNanos() - cpu0) * 1e-9 / steps;
                double gf = innerFlops / dt * 1e-9;
                double gfAll = allFlops / dt * 1e-9;
                double gfFwd = fwdFlops / (fwdNanos * 1e-9 / steps) * 1e-9;
                if (r >= 0) {
                    best = Math.max(best, gf);
                    bestAll = Math.max(bestAll, gfAll);
                    bestFwd = Math.max(bestFwd, gfFwd);
                    System.out.printf(Locale.ROOT, "run %d: %.2f ms/step, %.1f GFLOP/s (inner convs), %.1f (all convs),"
                                    + " forward alone %.1f; %.1f GFLOP per CPU-second (%.2f CPUs busy)%n", r, dt * 1e3, gf,
                            gfAll, gfFwd, innerFlops / cpu * 1e-9, cpu / dt);
                }
            }
            System.out.printf(Locale.ROOT, "best: %.1f GFLOP/s forward+backward (inner convs), %.1f (all convs), "
                    + "forward %.1f%n", best, bestAll, bestFwd);
            // on a shared machine the fastest single step is the closest to what an idle machine would give
            System.out.printf(Locale.ROOT, "fastest step: %.2f ms, %.1f GFLOP/s (inner convs)%n", fastestStep * 1e-6,
                    innerFlops / fastestStep);
        }
    }
}
