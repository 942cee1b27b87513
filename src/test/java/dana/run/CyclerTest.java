package dana.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.filter.Analysis;
import dana.filter.Method;
import dana.filter.MethodSpec;
import dana.model.Lorenz96;
import dana.model.Lorenz96Params;
import dana.obs.Observation;
import dana.obs.ObservationOperators;
import dana.twin.TwinExperiment;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class CyclerTest {

    static TwinExperiment twin(int cycles) {
        Lorenz96 m = new Lorenz96(Lorenz96Params.standard());
        return TwinExperiment.generate(m, ObservationOperators.parse("identity", 40, 1), 1.0, cycles, 500, 1);
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        RunSpec spec = RunSpec.standard(new MethodSpec(Method.ETKF, 20, 1.04, true, Double.POSITIVE_INFINITY, 1, null), 400, 100, 5);
        Runner runner = new Runner();
        RunResult one = runner.run(spec, 1, Progress.NONE);
        RunResult two = runner.run(spec, 2, Progress.NONE);
        assertArrayEquals(one.series().rmseA(), two.series().rmseA());
        assertArrayEquals(one.series().spreadF(), two.series().spreadF());
        assertEquals(one.rmseA(), two.rmseA(), 0.0);
    }

    @Test
    void sameSeedSameRunDifferentSeedDifferentRun() {
        Runner runner = new Runner();
        RunSpec spec = RunSpec.standard(MethodSpec.of(Method.ENKF_N, 10), 300, 50, 7);
        assertEquals(runner.run(spec, 1, Progress.NONE).rmseA(), runner.run(spec, 1, Progress.NONE).rmseA(), 0.0);
        assertTrue(runner.run(spec, 1, Progress.NONE).rmseA() != runner.run(spec.withSeed(8), 1, Progress.NONE).rmseA());
    }

    @Test
    void aNonFiniteAnalysisIsReportedAsDivergedAtItsCycle() {
        Analysis poison = new Analysis() {
            int cycle;

            @Override
            public int members() {
                return 3;
            }

            @Override
            public void analyse(DMatrixRMaj ensemble, Observation obs) {
                if (++cycle == 37) ensemble.data[5] = Double.NaN;
            }
        };
        TwinExperiment t = twin(100);
        RunSpec spec = RunSpec.standard(MethodSpec.of(Method.ETKF, 3), 100, 10, 1);
        RunResult r = new Cycler(new Lorenz96(Lorenz96Params.standard()), 1).run(spec, t, poison, 10.0, Progress.NONE);
        assertTrue(r.diverged());
        assertEquals(37, r.divergedAtCycle());
        assertTrue(Double.isNaN(r.rmseA()), "a diverged run carries no mean");
    }

    @Test
    void anErrorAboveTheThresholdIsDivergence() {
        // a free ensemble run (no analysis) drifts away from the truth: its error passes 1.0 within a few hundred cycles
        Analysis none = new Analysis() {
            @Override
            public int members() {
                return 2;
            }

            @Override
            public void analyse(DMatrixRMaj ensemble, Observation obs) {
            }
        };
        RunSpec spec = RunSpec.standard(MethodSpec.of(Method.ETKF, 2), 2000, 10, 1);
        RunResult r = new Cycler(new Lorenz96(Lorenz96Params.standard()), 1).run(spec, twin(2000), none, 1.0, Progress.NONE);
        assertTrue(r.diverged());
        assertTrue(r.series().rmseA()[r.divergedAtCycle()] > 1.0);
        assertTrue(r.series().rmseA()[r.divergedAtCycle() - 1] <= 1.0);
        RunResult ok = new Cycler(new Lorenz96(Lorenz96Params.standard()), 1).run(spec, twin(2000), none, 100.0, Progress.NONE);
        assertFalse(ok.diverged());
    }
}
