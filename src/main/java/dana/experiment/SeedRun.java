package dana.experiment;

import dana.run.RunResult;

/** One configuration run with one seed. */
public record SeedRun(RunConfig config, long seed, RunResult result) {
}
