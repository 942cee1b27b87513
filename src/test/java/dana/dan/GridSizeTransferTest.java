package dana.dan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.nn.Activation;
import dana.nn.CnnConfig;
import dana.nn.EngineOptions;
import dana.nn.ResidualCnn;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Why one set of weights is a learned analysis at every Nx: a convolution network with circular padding commutes
 * with the shifts of the ring, so on a field that repeats with period N inside a ring of k N points it computes
 * the same thing as on the ring of N points, repeated k times. The receptive field here (4 convolutions of
 * kernel 5 and one of 3: 19 points) is larger than the small ring, so the wrap-around is exercised, as it is by
 * the standard network (27 convolutions of kernel 5: 109 points, more than Nx = 40 itself).
 */
class GridSizeTransferTest {

    @ParameterizedTest(name = "Nx = {0} tiled {1} times")
    @CsvSource({"8, 2", "8, 5", "20, 4", "40, 2"})
    void theNetworkOnATiledFieldIsTheTiledNetwork(int nx, int copies) {
        CnnConfig cfg = new CnnConfig(2, 1, 6, 1, 3, 5, Activation.GELU, 3, 1.0);
        try (ResidualCnn net = new ResidualCnn(cfg, 11, EngineOptions.defaults().withThreads(1))) {
            SplittableRandom rng = new SplittableRandom(nx * 31L + copies);
            int batch = 3;
            float[] small = new float[batch * 2 * nx];
            for (int i = 0; i < small.length; i++) small[i] = (float) (2 * rng.nextDouble() - 1);
            int big = nx * copies;
            float[] tiled = new float[batch * 2 * big];
            for (int b = 0; b < batch; b++) {
                for (int c = 0; c < 2; c++) {
                    for (int x = 0; x < big; x++) tiled[(b * 2 + c) * big + x] = small[(b * 2 + c) * nx + x % nx];
                }
            }
            float[] out = net.infer(small, batch);
            float[] outTiled = net.infer(tiled, batch);
            double scale = 0, worst = 0;
            for (float v : out) scale = Math.max(scale, Math.abs(v));
            for (int b = 0; b < batch; b++) {
                for (int x = 0; x < big; x++) {
                    worst = Math.max(worst, Math.abs(outTiled[b * big + x] - out[b * nx + x % nx]));
                }
            }
            assertTrue(scale > 1e-2, "a network whose output is not negligible: " + scale);
            // float32 sums may be grouped differently at another length: a few ulps, nothing systematic
            assertTrue(worst <= 1e-5 * scale, "largest difference " + worst + " against outputs up to " + scale);
            assertEquals(batch * big, outTiled.length);
        }
    }
}
