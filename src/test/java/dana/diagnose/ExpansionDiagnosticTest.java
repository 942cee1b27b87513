package dana.diagnose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.filter.Climatology;
import dana.filter.Etkf;
import dana.filter.MethodSpec;
import dana.filter.StaticGainAnalysis;
import dana.model.Lorenz96Params;
import dana.run.Progress;
import dana.run.RunSpec;
import dana.run.Runner;
import dana.util.Seeds;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class ExpansionDiagnosticTest {

    @Test
    void alongARunOf3dVarTheImpliedCovarianceIsItsStaticAnalysisCovariance() {
        // 3D-Var's gain does not depend on the forecast: at every sampled cycle the expansion must return
        // P^a = (B^-1 + R^-1)^-1, so the time-mean spectrum is that matrix's, and the bias is zero
        Runner runner = new Runner();
        Lorenz96Params model = Lorenz96Params.standard();
        int n = model.nx();
        double sigma = 1.0, alpha = 0.02;
        RunSpec spec = new RunSpec(model, "identity", sigma, MethodSpec.of(dana.filter.Method.VAR3D, 1), 200, 100,
                3, 1.0, 200);
        Climatology clim = runner.climatology(model);
        SampledCycles when = new SampledCycles(100, 25);
        ExpansionResult r = ExpansionDiagnostic.run(runner, spec, new StaticGainAnalysis(clim, alpha, true),
                new AnalysisIncrement(new StaticGainAnalysis(clim, alpha, true), n, sigma),
                new Etkf(n, 20, 1.02, false, Seeds.stream(3, "rotation")),
                new MethodSpec(dana.filter.Method.ETKF, 20, 1.02, false, Double.POSITIVE_INFINITY, 1, null), when, 60, Runner.DIVERGENCE_FACTOR,
                Progress.NONE, Progress.NONE);

        DMatrixRMaj pa = clim.covariance().copy();
        CommonOps_DDRM.scale(alpha, pa);
        CommonOps_DDRM.invert(pa);
        for (int i = 0; i < n; i++) pa.add(i, i, 1 / (sigma * sigma));
        CommonOps_DDRM.invert(pa);
        double[] expected = Covariances.eigenvaluesDescending(Covariances.symmetricPart(pa.data, n), n);

        assertArrayEquals(new int[] {125, 150, 175, 200}, r.cycles());
        assertEquals(4, r.referenceSamples());
        assertFalse(r.main().diverged());
        assertArrayEquals(expected, r.eigenJacobian(), 1e-8);
        assertArrayEquals(expected, r.eigenRegression(), 1e-8);
        assertEquals(0.0, r.biasMean(), 1e-12);
        assertEquals(0.0, r.asymmetry(), 1e-6);
        assertTrue(r.regressionVsJacobian() < 1e-6, "both gains agree for a linear map: " + r.regressionVsJacobian());
        // the reference is an ensemble of 20: its covariance has rank 19 at most
        assertTrue(r.eigenReference()[0] > 0.01 && r.eigenReference()[18] > 0, "reference spectrum");
        assertEquals(0.0, r.eigenReference()[19], 1e-10);
        assertTrue(Double.isFinite(r.reference().rmseA()));
    }

    @Test
    void sampledCyclesAreEveryKthAfterTheBurnIn() {
        SampledCycles s = new SampledCycles(10, 5);
        assertFalse(s.includes(10));
        assertTrue(s.includes(15));
        assertFalse(s.includes(16));
        assertEquals(2, s.count(24));
        assertEquals(0, s.count(10));
    }
}
