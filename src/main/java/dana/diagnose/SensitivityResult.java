package dana.diagnose;

import dana.run.RunResult;

/**
 * What {@link SensitivityDiagnostic} measured.
 *
 * @param run    the DA run along which the forecasts were taken
 * @param cycles the sampled cycles
 * @param folded S(p, q) and R(p, q)
 * @param step   the finite-difference step in x
 */
public record SensitivityResult(RunResult run, int[] cycles, FoldedSensitivity folded, double step) {
}
