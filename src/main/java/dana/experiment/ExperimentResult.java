package dana.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * What an experiment measured: one {@link SeedRun} per configuration and seed, in the order of the
 * configurations, then of the seeds (whatever order they ran in).
 *
 * @param seconds  wall-clock time of the whole experiment (this invocation's: runs read back count for nothing)
 * @param readBack how many of the runs were read back from an earlier invocation's finished runs, not computed
 */
public record ExperimentResult(ExperimentConfig config, List<SeedRun> runs, double seconds, int readBack) {

    public ExperimentResult {
        runs = List.copyOf(runs);
    }

    public List<SeedRun> runsOf(RunConfig c) {
        return runs.stream().filter(r -> r.config().id().equals(c.id())).toList();
    }

    /** One summary per configuration, in file order, with its expectation (if any) checked. */
    public List<ConfigSummary> summaries() {
        List<ConfigSummary> out = new ArrayList<>();
        for (RunConfig c : config.runs()) out.add(ConfigSummary.of(c, runsOf(c)));
        return Expectations.apply(config.expectations(), out);
    }
}
