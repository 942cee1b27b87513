package dana.train;

/**
 * One training step in the log.
 *
 * @param loss                  the step's loss (before its update)
 * @param gradientNorm          global norm of the gradient before clipping
 * @param learningRate          the rate of the step's update
 * @param sampleCyclesPerSecond batch x Niter over the step's wall time
 * @param trainSeconds          training time so far (steps only: no validation, checkpoints or pool set-up)
 * @param wallSeconds           elapsed time so far, everything included (summed over resumed sessions)
 * @param validationRmse        mean analysis RMSE of the validation runs after this step, or NaN if none ran
 */
public record LogRow(long step, double loss, double gradientNorm, double learningRate, double sampleCyclesPerSecond,
                     double trainSeconds, double wallSeconds, double validationRmse) {

    public boolean validated() {
        return !Double.isNaN(validationRmse);
    }

    public LogRow withValidation(double rmse, double wall) {
        return new LogRow(step, loss, gradientNorm, learningRate, sampleCyclesPerSecond, trainSeconds, wall, rmse);
    }
}
