package dana.sweep;

import dana.experiment.Defaults;
import dana.experiment.ExperimentConfig;
import dana.experiment.RunConfig;
import dana.filter.MethodSpec;
import dana.run.Runner;
import dana.train.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One point of a sweep: the training run for one value of the parameter, and the classical references run on
 * the same twin experiment (model, observations, sigma) as the network.
 *
 * @param references the classical runs, resolved for this point's twin, with ids that are the same at every point
 */
public record SweepPoint(SweepParameter parameter, SweepValue value, TrainConfig training, List<RunConfig> references,
                         Evaluation evaluation) {

    /** The id of the point's own network among the evaluated configurations. */
    public static final String NETWORK_ID = "dan";

    public SweepPoint {
        references = List.copyOf(references);
    }

    /** {@code pool=4096}: the point's name in tables and the name of its directory under {@code points/}. */
    public String label() {
        return parameter.key + "=" + value.text();
    }

    /**
     * The evaluation as an experiment: the references, then the network in {@code network} (the ensemble size
     * it was trained with), on this point's twin, with the evaluation's cycles and seeds.
     */
    public ExperimentConfig experiment(String sweepName, Path network) {
        TrainConfig t = training;
        RunConfig dan = new RunConfig(NETWORK_ID, t.model(), t.obs(), t.sigma(),
                MethodSpec.dan(t.network().members(), network.toString()), evaluation.cycles(), evaluation.burnIn(),
                Defaults.SPIN_UP, Defaults.INIT_SPREAD, Runner.DIVERGENCE_FACTOR);
        List<RunConfig> runs = new ArrayList<>(references);
        runs.add(dan);
        return new ExperimentConfig(sweepName + "-" + parameter.key + "-" + value.text(),
                "evaluation of sweep " + sweepName + " at " + label(), evaluation.seeds(), runs, List.of(), List.of(), false);
    }
}
