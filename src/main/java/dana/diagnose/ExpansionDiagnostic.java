package dana.diagnose;

import dana.filter.Analysis;
import dana.filter.MethodSpec;
import dana.run.Progress;
import dana.run.RunResult;
import dana.run.RunSpec;
import dana.run.Runner;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator expansion along a DA run (issue 5, item 1): the analysis under study (the DAN) cycles through the
 * standard runner; at every sampled cycle k its increment map is expanded at the forecast x^f_k
 * ({@link Expansion}: bias, exact gain, least-squares gain), and the implied P^a_DAN(x^f_k) = G(x^f_k) is
 * symmetrised ((G + G^T) / 2, since a learned G need not be symmetric; the asymmetry is reported) and its
 * spectrum accumulated. A reference ensemble filter then runs on the same twin experiment (same spec, hence the
 * same truth and observations) and its analysis ensemble covariance is taken at the same cycles.
 */
public final class ExpansionDiagnostic {

    private ExpansionDiagnostic() {
    }

    /**
     * @param spec      the run of the analysis under study (its method is only a label here; {@code cycling}
     *                  is the analysis that runs)
     * @param cycling   the analysis that cycles (e.g. the DanAnalysis)
     * @param map       the same analysis as a map a(x, zeta), expanded at the forecasts
     * @param reference the reference filter, built for {@code spec}'s twin experiment (e.g. EnKF-N, 40 members)
     * @param referenceMethod what {@code reference} is (its run reports it)
     * @param samples   Np of the regression (0: no regression)
     */
    public static ExpansionResult run(Runner runner, RunSpec spec, Analysis cycling, IncrementMap map,
                                      Analysis reference, MethodSpec referenceMethod, SampledCycles when, int samples, double divergenceFactor,
                                      Progress mainProgress, Progress referenceProgress) {
        int n = map.nx();
        double sigma = spec.sigma();
        List<Integer> cycles = new ArrayList<>();
        List<Double> bias = new ArrayList<>();
        SpectrumMean jac = new SpectrumMean(n), reg = new SpectrumMean(n), ref = new SpectrumMean(n);
        double[] sums = new double[2]; // relative difference regression vs Jacobian, asymmetry
        double[] x = new double[n];
        ProbedAnalysis probed = new ProbedAnalysis(cycling, when, (k, ens, obs) -> {
            if (ens.numRows != 1) throw new IllegalStateException("the expansion takes a single-state analysis");
            System.arraycopy(ens.data, 0, x, 0, n);
            Expansion e = Expansion.at(map, x, sigma, samples, spec.seed(), k);
            cycles.add(k);
            bias.add(e.biasNorm());
            jac.add(Covariances.symmetricPart(e.jacobian(), n));
            sums[1] += Covariances.asymmetry(e.jacobian(), n);
            if (e.regression() != null) {
                reg.add(Covariances.symmetricPart(e.regression(), n));
                sums[0] += Covariances.relativeDifference(e.regression(), e.jacobian());
            }
        }, ProbedAnalysis.NONE);
        RunResult main = runner.run(spec, probed, 1, mainProgress, divergenceFactor);
        ProbedAnalysis probedRef = new ProbedAnalysis(reference, when, ProbedAnalysis.NONE,
                (k, ens, obs) -> ref.add(Covariances.ensembleCovariance(ens.data, ens.numRows, n)));
        RunResult refRun = runner.run(spec.withMethod(referenceMethod), probedRef, 1, referenceProgress, divergenceFactor);
        int m = cycles.size();
        int[] cyc = new int[m];
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            cyc[i] = cycles.get(i);
            b[i] = bias.get(i);
        }
        return new ExpansionResult(main, refRun, cyc, b, jac.eigenvalues(), reg.eigenvalues(), ref.eigenvalues(),
                jac.byOffset(), reg.byOffset(), ref.byOffset(),
                reg.count() > 0 ? sums[0] / reg.count() : Double.NaN, m > 0 ? sums[1] / m : Double.NaN,
                ref.count(), samples);
    }
}
