package dana.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.dan.DanVariant;
import dana.nn.Activation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training files shipped in experiments/ are valid and are what their names say. */
class ShippedConfigsTest {

    private static TrainConfig read(String name) {
        return TrainConfigParser.read(Path.of("experiments", name + ".yaml"));
    }

    @Test
    void theFourDanExperimentsParseAndDifferOnlyWhereTheirNamesSay() {
        TrainConfig standard = read("dan-l96-standard");
        NetworkSpec n = standard.network();
        assertEquals(List.of(40, 5, 5, 1), List.of(n.filters(), n.blocks(), n.layersPerBlock(), n.members()));
        assertEquals(DanVariant.FULL, n.variant());
        assertEquals(LossKind.SUPERVISED, standard.training().loss());
        assertTrue(!standard.training().timed() && standard.training().steps() >= 20_000, "a multi-hour run of a fixed step count");
        assertEquals(201_641, n.cnn(false).parameterCount());

        TrainConfig linear = read("dan-l96-linear");
        assertEquals(DanVariant.LINEAR, linear.network().variant());
        assertEquals(Activation.IDENTITY, linear.network().activation());
        assertEquals(DanVariant.INNOVATION_ONLY, read("dan-l96-innovation").network().variant());
        assertEquals(LossKind.OBSERVATIONS, read("dan-l96-obs-only").training().loss());
        for (String other : List.of("dan-l96-linear", "dan-l96-innovation", "dan-l96-obs-only")) {
            String diff = TrainConfigYaml.firstDifference(standard, read(other));
            assertTrue(diff != null && diff.startsWith(other.equals("dan-l96-obs-only") ? "training." : "network."), other + ": " + diff);
            assertEquals(standard.training().batch(), read(other).training().batch(), other);
            assertEquals(standard.training().niter(), read(other).training().niter(), other);
        }
        // the same schedule, but the linear network's peak rate is 4x lower (at the standard one a trajectory blew up)
        assertEquals(standard.training().learningRate(), read("dan-l96-innovation").training().learningRate());
        assertEquals(standard.training().learningRate(), read("dan-l96-obs-only").training().learningRate());
        assertEquals(standard.training().learningRate().peak() / 4, linear.training().learningRate().peak(), 1e-12);
        assertNull(TrainConfigYaml.firstDifference(standard, standard));
    }

    @Test
    void theDtNetworksAreTheStandardOneAtAnotherTimeBetweenAnalyses() {
        TrainConfig standard = read("dan-l96-standard");
        // name, steps per cycle, the network it starts from (the trained one nearest in dt when it was written),
        // steps, divisor of the standard peak rate: the first two start from the dt 0.05 network (a full cycle at
        // half the peak), the later three from a network already trained near their dt (shorter, at a quarter)
        String[][] files = {
            {"dan-l96-dt010", "2", "networks/dan-l96-standard-stage3/network.dann", "6000", "4"},
            {"dan-l96-dt015", "3", "networks/dan-l96-standard/network.dann", "10000", "2"},
            {"dan-l96-dt020", "4", "networks/dan-l96-dt025-stage2/network.dann", "6000", "4"},
            {"dan-l96-dt025", "5", "networks/dan-l96-standard/network.dann", "10000", "2"},
            {"dan-l96-dt030", "6", "networks/dan-l96-dt025-stage2/network.dann", "6000", "4"}};
        for (String[] f : files) {
            TrainConfig dt = read(f[0]);
            assertEquals(Integer.parseInt(f[1]), dt.model().stepsPerCycle(), f[0]);
            assertEquals(0.05, dt.model().dt(), f[0]);
            // everything else as the standard network (the same network and validation), but warm-started
            // with a shorter cycle at a lower peak rate
            TrainingSpec s = standard.training();
            TrainingSpec warm = new TrainingSpec(s.pool(), s.batch(), s.niter(), Integer.parseInt(f[3]), 0,
                    new LearningRate(s.learningRate().peak() / Integer.parseInt(f[4]), 100, s.learningRate().floor()), s.clip(), s.resetFraction(),
                    s.initSigma(), s.loss(), s.seed(), s.threads(), f[2]);
            TrainConfig expected = new TrainConfig(f[0], new dana.model.Lorenz96Params(40, 8.0, 0.05, Integer.parseInt(f[1])),
                    standard.obs(), standard.sigma(), standard.network(), warm, standard.validation(),
                    standard.checkpointEvery());
            assertEquals(standard.network().cnn(false), Trainer.initialWeights(dt).config(), f[0] + ": the file holds this network");
            assertNull(TrainConfigYaml.firstDifference(expected, dt), f[0]);
        }
    }

    @Test
    void theTwoMemberNetworkIsTheStandardOneOnTwoMembers() {
        TrainConfig standard = read("dan-l96-standard");
        NetworkSpec n = standard.network();
        NetworkSpec two = new NetworkSpec(n.filters(), n.blocks(), n.layersPerBlock(), n.kernel(), n.headKernel(),
                n.activation(), n.headInitScale(), n.variant(), 2);
        TrainConfig expected = new TrainConfig("dan-l96-ne2", standard.model(), standard.obs(), standard.sigma(), two,
                standard.training(), standard.validation(), standard.checkpointEvery());
        assertNull(TrainConfigYaml.firstDifference(expected, read("dan-l96-ne2")));
    }

    @Test
    void theTunedStandardNetworkIsASecondCycleFromTheShippedWeights() {
        TrainConfig standard = read("dan-l96-standard");
        TrainConfig tuned = read("dan-l96-standard-tuned");
        TrainingSpec s = standard.training();
        TrainingSpec second = new TrainingSpec(s.pool(), s.batch(), s.niter(), 12_000, 0,
                new LearningRate(s.learningRate().peak() / 4, 100, s.learningRate().floor()), s.clip(), s.resetFraction(),
                s.initSigma(), s.loss(), 2, s.threads(), "networks/dan-l96-standard/network.dann");
        TrainConfig expected = new TrainConfig("dan-l96-standard-tuned", standard.model(), standard.obs(), standard.sigma(),
                standard.network(), second, standard.validation(), standard.checkpointEvery());
        assertNull(TrainConfigYaml.firstDifference(expected, tuned));
        assertEquals(standard.network().cnn(false), Trainer.initialWeights(tuned).config());
    }

    @Test
    void eachLaterStageOfTheDtNetworksDoublesTheBatchFromThePreviousStagesWeights() {
        for (String dt : List.of("dan-l96-dt015", "dan-l96-dt025")) {
            // stage 2 from stage 1: batch x2, peak / 2, 5,000 steps, seed 2; stage 3 from stage 2: batch x2, peak / 2,
            // 3,000 steps, seed 3
            String[] names = {dt, dt + "-stage2", dt + "-stage3"};
            int[] steps = {0, 5_000, 3_000};
            for (int k = 1; k < names.length; k++) {
                TrainConfig previous = read(names[k - 1]);
                TrainConfig next = read(names[k]);
                TrainingSpec s = previous.training();
                TrainingSpec continued = new TrainingSpec(s.pool(), 2 * s.batch(), s.niter(), steps[k], 0,
                        new LearningRate(s.learningRate().peak() / 2, 100, s.learningRate().floor()), s.clip(),
                        s.resetFraction(), s.initSigma(), s.loss(), k + 1, s.threads(), "networks/" + names[k - 1] + "/network.dann");
                TrainConfig expected = new TrainConfig(names[k], previous.model(), previous.obs(), previous.sigma(),
                        previous.network(), continued, previous.validation(), previous.checkpointEvery());
                assertNull(TrainConfigYaml.firstDifference(expected, next), names[k]);
                assertEquals(previous.network().cnn(false), Trainer.initialWeights(next).config(), names[k]);
            }
        }
    }

    @Test
    void theFourthToSeventhStagesAtDt015AreTheEarlierRecipesOnTheRmseLoss() {
        TrainConfig third = read("dan-l96-dt015-stage3");
        TrainingSpec s = third.training();
        TrainingSpec fourth = new TrainingSpec(s.pool(), s.batch(), s.niter(), s.steps(), 0, s.learningRate(), s.clip(),
                s.resetFraction(), s.initSigma(), LossKind.SUPERVISED_RMSE, 4, s.threads(),
                "networks/dan-l96-dt015-stage3/network.dann");
        TrainConfig expected = new TrainConfig("dan-l96-dt015-stage4", third.model(), third.obs(), third.sigma(),
                third.network(), fourth, third.validation(), third.checkpointEvery());
        assertNull(TrainConfigYaml.firstDifference(expected, read("dan-l96-dt015-stage4")));

        // the fifth continues the fourth as the earlier stages did (batch x2, peak / 2, half the steps), the sixth and
        // seventh each the one before by the same rule; from the sixth on, the checkpoint interval halves as the cost
        // of a step doubles
        for (int k = 5; k <= 7; k++) {
            TrainConfig previous = read("dan-l96-dt015-stage" + (k - 1));
            TrainingSpec f = previous.training();
            TrainingSpec next = new TrainingSpec(f.pool(), 2 * f.batch(), f.niter(), f.steps() / 2, 0,
                    new LearningRate(f.learningRate().peak() / 2, 100, f.learningRate().floor()), f.clip(),
                    f.resetFraction(), f.initSigma(), LossKind.SUPERVISED_RMSE, k, f.threads(),
                    "networks/dan-l96-dt015-stage" + (k - 1) + "/network.dann");
            assertNull(TrainConfigYaml.firstDifference(new TrainConfig("dan-l96-dt015-stage" + k, third.model(), third.obs(),
                    third.sigma(), third.network(), next, third.validation(), third.checkpointEvery() >> (k - 5)),
                    read("dan-l96-dt015-stage" + k)), "stage " + k);
        }
    }

    @Test
    void theRandomNxNetworkIsTheStandardOneOnSeveralGridSizesValidatedAtForty() {
        TrainConfig standard = read("dan-l96-standard");
        TrainConfig random = read("dan-l96-random-nx");
        assertEquals(List.of(20, 40, 60, 80, 120, 160), random.nx());
        assertEquals(40, random.model().nx());
        TrainConfig expected = new TrainConfig("dan-l96-random-nx", standard.model(), random.nx(), standard.obs(),
                standard.sigma(), standard.network(), standard.training(), standard.validation(), standard.checkpointEvery());
        assertNull(TrainConfigYaml.firstDifference(expected, random));
    }
}
