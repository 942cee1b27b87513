package dana.dan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.nn.Activation;
import dana.nn.CnnConfig;
import dana.nn.EngineOptions;
import dana.nn.NetworkFile;
import dana.nn.ResidualCnn;
import dana.obs.Observation;
import dana.obs.ObservationOperators;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which increment each member receives: its own output channel when the network sees the members, the one shared
 * channel when it sees only the innovation; and the check that refuses a network with the wrong number of
 * increment fields (the files of the shared-increment design, members > 1).
 */
class DanAnalysisTest {

    private static final int NX = 10;

    private static ResidualCnn network(DanLayout layout, long seed) {
        return new ResidualCnn(new CnnConfig(layout.inChannels(), layout.outChannels(), 4, 1, 2, 3, Activation.GELU, 3, 1.0),
                seed, EngineOptions.defaults().withThreads(1));
    }

    private static DMatrixRMaj ensemble(int members, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DMatrixRMaj e = new DMatrixRMaj(members, NX);
        for (int i = 0; i < e.data.length; i++) e.data[i] = 2.3 + 3.6 * rng.nextGaussian();
        return e;
    }

    private static Observation fullObservation(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] y = new double[NX];
        for (int i = 0; i < NX; i++) y[i] = 2.3 + 3.6 * rng.nextGaussian();
        return new Observation(1, IntStream.range(0, NX).toArray(), y, 1.0);
    }

    /** The increments x^a_m - x^f_m, and the network's own output on the same input, member by member. */
    private static void check(DanLayout layout, boolean perMember) {
        int ne = layout.members();
        try (ResidualCnn net = network(layout, 5)) {
            DMatrixRMaj forecast = ensemble(ne, 3);
            Observation y = fullObservation(4);
            DanInput input = new DanInput(layout, NX);
            float[] in = new float[input.sampleSize()];
            input.build(forecast.data, 0, y, in, 0);
            float[] out = net.infer(in, 1);
            assertEquals(layout.outChannels() * NX, out.length);

            DMatrixRMaj analysis = forecast.copy();
            new DanAnalysis(net, layout, NX).analyse(analysis, y);
            double largestGap = 0;
            for (int m = 0; m < ne; m++) {
                int channel = perMember ? m : 0;
                for (int i = 0; i < NX; i++) {
                    double increment = analysis.get(m, i) - forecast.get(m, i);
                    assertEquals(out[channel * NX + i], increment, 1e-12 * (1 + Math.abs(forecast.get(m, i))),
                            "member " + m + " point " + i);
                    largestGap = Math.max(largestGap, Math.abs(increment - (analysis.get(0, i) - forecast.get(0, i))));
                }
            }
            // members that get their own fields get different ones (this network is random, not trained)
            if (perMember) assertTrue(largestGap > 1e-3, "members' increments differ: " + largestGap);
            else assertTrue(largestGap < 1e-12, "one shared increment, up to the rounding of x^a - x^f: " + largestGap);
        }
    }

    @Test
    void eachMemberGetsItsOwnIncrementWhenTheNetworkSeesTheMembers() {
        DanLayout layout = DanLayout.of(3, DanVariant.FULL, ObservationOperators.parse("identity", NX, 1));
        assertEquals(3, layout.outChannels());
        check(layout, true);
    }

    @Test
    void theInnovationOnlyNetworkSharesOneIncrement() {
        DanLayout layout = DanLayout.of(3, DanVariant.INNOVATION_ONLY, ObservationOperators.parse("identity", NX, 1));
        assertEquals(1, layout.outChannels());
        check(layout, false);
    }

    /**
     * incrementAdjoint is the transpose of addIncrements: &lt;A w, v&gt; = &lt;w, A^T v&gt; for a random output w and
     * member gradient v (w float-representable, A^T v compared before its rounding matters: 1e-6 relative).
     */
    @Test
    void theIncrementAdjointIsTheTransposeOfTheIncrements() {
        for (DanVariant variant : new DanVariant[] {DanVariant.FULL, DanVariant.INNOVATION_ONLY}) {
            DanLayout layout = DanLayout.of(3, variant, ObservationOperators.parse("identity", NX, 1));
            DanInput input = new DanInput(layout, NX);
            SplittableRandom rng = new SplittableRandom(8);
            float[] w = new float[2 * input.outputSize()];
            for (int j = 0; j < w.length; j++) w[j] = (float) rng.nextGaussian();
            double[] v = new double[3 + 2 * 3 * NX];
            for (int j = 0; j < v.length; j++) v[j] = rng.nextGaussian();
            int off = 3 + 3 * NX; // the second sample's members, after a 3-value prefix
            double[] moved = new double[v.length];
            input.addIncrements(w, 1, moved, off);
            double lhs = 0;
            for (int j = 0; j < v.length; j++) lhs += moved[j] * v[j];
            float[] gOut = new float[w.length];
            input.incrementAdjoint(v, off, gOut, 1);
            double rhs = 0;
            for (int j = 0; j < w.length; j++) rhs += w[j] * gOut[j];
            assertEquals(lhs, rhs, 1e-6 * (1 + Math.abs(lhs)), variant.cliName());
            for (int j = 0; j < input.outputSize(); j++) assertEquals(0f, gOut[j], 0f, "sample 0 left alone");
        }
    }

    @Test
    void oneMemberIsTheSingleStateNetwork() {
        for (DanVariant v : DanVariant.values()) {
            assertEquals(1, DanLayout.of(1, v, ObservationOperators.parse("identity", NX, 1)).outChannels(), v.cliName());
        }
    }

    @Test
    void aFileWithOneSharedIncrementForSeveralMembersIsRefused(@TempDir Path dir) throws Exception {
        DanLayout layout = DanLayout.of(2, DanVariant.FULL, ObservationOperators.parse("identity", NX, 1));
        Path file = dir.resolve("old.dann");
        try (ResidualCnn shared = new ResidualCnn(new CnnConfig(layout.inChannels(), 1, 4, 1, 2, 3, Activation.GELU, 3, 1.0),
                1, EngineOptions.defaults().withThreads(1))) {
            NetworkFile.save(file, shared, DanNetworks.metadata(layout));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DanNetworks.load(file, null, ObservationOperators.parse("identity", NX, 1)));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("needs 2 (one per member)")
                && e.getMessage().contains("retrain"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }
}
