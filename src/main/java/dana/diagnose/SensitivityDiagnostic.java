package dana.diagnose;

import dana.filter.Analysis;
import dana.run.Progress;
import dana.run.RunResult;
import dana.run.RunSpec;
import dana.run.Runner;
import java.util.ArrayList;
import java.util.List;

/**
 * The locality of an analysis map (issue 5, item 2): along a DA run through the standard runner, at every
 * sampled cycle, the mixed second derivatives at the forecast ({@link MixedDerivatives}) are folded by
 * translation invariance ({@link FoldedSensitivity}).
 */
public final class SensitivityDiagnostic {

    private SensitivityDiagnostic() {
    }

    public static SensitivityResult run(Runner runner, RunSpec spec, Analysis cycling, IncrementMap map,
                                        SampledCycles when, double step, double divergenceFactor, Progress progress) {
        int n = map.nx();
        FoldedSensitivity folded = new FoldedSensitivity(n);
        List<Integer> cycles = new ArrayList<>();
        double[] x = new double[n];
        double[] t = new double[n * n * n];
        ProbedAnalysis probed = new ProbedAnalysis(cycling, when, (k, ens, obs) -> {
            if (ens.numRows != 1) throw new IllegalStateException("the sensitivity takes a single-state analysis");
            System.arraycopy(ens.data, 0, x, 0, n);
            MixedDerivatives.at(map, x, step, t);
            folded.add(t);
            cycles.add(k);
        }, ProbedAnalysis.NONE);
        RunResult r = runner.run(spec, probed, 1, progress, divergenceFactor);
        return new SensitivityResult(r, cycles.stream().mapToInt(Integer::intValue).toArray(), folded, step);
    }
}
