package dana.train;

import java.nio.file.Path;

/**
 * How a training session ended.
 *
 * @param finished          true when the run reached its planned length (the final network was written); false
 *                          when the session stopped early at a requested step (a checkpoint was written)
 * @param network           the final network file, or null when not finished
 * @param validationRmse    the last validation's mean analysis RMSE (NaN if none ran)
 * @param sampleCyclesPerSecond mean training throughput of the run so far
 */
public record Outcome(long steps, boolean finished, Path network, double validationRmse, double trainSeconds,
                      double wallSeconds, double sampleCyclesPerSecond) {
}
