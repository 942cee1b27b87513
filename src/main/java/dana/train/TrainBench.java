package dana.train;

import dana.model.Lorenz96Params;
import dana.nn.Adam;
import dana.nn.AdamConfig;
import dana.nn.ResidualCnn;
import dana.run.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Training throughput: whole training steps (pool batch, unroll of Niter cycles with forecasts, network
 * forward and backward, model adjoint, clipping, Adam, write-back, resets) on the standard L96 set-up, timed
 * after warm-up steps, in sample-cycles per second (batch x Niter per step). Network: Nf=40, Nb=5, K=5, GELU,
 * Ne=1, H=I; Nsb and the batch vary.
 */
public final class TrainBench {

    private TrainBench() {
    }

    /** One measured case: the median and the best of the timed steps. */
    public record Case(int batch, int layersPerBlock, int niter, int threads, long parameters, double medianSeconds,
                       double bestSeconds) {
        public double sampleCyclesPerSecond() {
            return batch * (double) niter / medianSeconds;
        }

        public double bestSampleCyclesPerSecond() {
            return batch * (double) niter / bestSeconds;
        }
    }

    /** The cases of {@code dana bench train}: batch 128 and 256 at Nsb = 5 (the network) and 2. */
    public static List<int[]> defaultCases() {
        return List.of(new int[] {128, 5}, new int[] {256, 5}, new int[] {128, 2}, new int[] {256, 2});
    }

    public static List<Case> run(List<int[]> cases, int niter, int threads, int warmup, int timed, Progress progress) {
        List<Case> out = new ArrayList<>();
        int total = cases.size() * (warmup + timed), done = 0;
        for (int[] c : cases) {
            TrainConfig cfg = config(c[0], c[1], niter, threads);
            try (ResidualCnn net = new ResidualCnn(cfg.network().cnn(false), 1, Trainer.engine(cfg))) {
                Adam adam = new Adam(net.parameters(), AdamConfig.defaults());
                TrainingStep step = new TrainingStep(cfg, net, adam, Trainer.pools(cfg, true));
                double[] seconds = new double[timed];
                for (int s = 0; s < warmup + timed; s++) {
                    long t0 = System.nanoTime();
                    step.run(s, 1e-4);
                    if (s >= warmup) seconds[s - warmup] = (System.nanoTime() - t0) * 1e-9;
                    progress.update(++done, total);
                }
                Arrays.sort(seconds);
                out.add(new Case(c[0], c[1], niter, threads, net.parameters().size(), seconds[timed / 2], seconds[0]));
            }
        }
        return out;
    }

    private static TrainConfig config(int batch, int nsb, int niter, int threads) {
        Lorenz96Params std = Lorenz96Params.standard();
        NetworkSpec net = new NetworkSpec(40, 5, nsb, 5, 5, dana.nn.Activation.GELU, 0.01, dana.dan.DanVariant.FULL, 1);
        TrainingSpec t = new TrainingSpec(2 * batch, batch, niter, 1, 0, new LearningRate(1e-4, 0, 1e-4), 1.0, 0.01,
                1.0, LossKind.SUPERVISED, 1, threads, null);
        return new TrainConfig("bench", std, "identity", 1.0, net, t, new ValidationSpec(0, 2, 1, List.of(1L)), 1);
    }
}
