package dana.bench;

import dana.filter.Analysis;
import dana.filter.Assimilator;
import dana.filter.Climatology;
import dana.filter.IterativeSpec;
import dana.filter.Method;
import dana.filter.MethodSpec;
import dana.filter.Methods;
import dana.filter.SequentialAssimilator;
import dana.model.Lorenz96;
import dana.model.Lorenz96Params;
import dana.obs.ObservationOperators;
import dana.run.Cycler;
import dana.run.Progress;
import dana.run.RunResult;
import dana.run.RunSpec;
import dana.run.Runner;
import dana.twin.TwinExperiment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dana.var.FourDVarConfig;
import org.ejml.data.DMatrixRMaj;

/**
 * Cycles per second of the classical filters, and of the iterative and variational methods (IEnKF, IEnKS,
 * 4D-Var), on the standard configuration, single thread, through the same
 * cycler as every run (forecast, analysis and statistics; the twin experiment is generated beforehand and not
 * timed). Each case is warmed up, then timed {@code repeats} times; the median is reported, in cycles per
 * second of wall time and per second of the thread's CPU time (the latter is what to compare when other work
 * shares the cores: it leaves out the time the thread waited for a core). The baseline in the
 * same run is the ensemble forecast alone (the same cycler with an analysis that does nothing), so the ratio
 * tells what the analysis costs on top of the model; a further row times the model step alone (no cycler, no
 * statistics), the floor of the iterative methods, which run it once per iteration.
 */
public final class ClassicalBench {

    /** One measured case. */
    public record Case(String name, int members, double cyclesPerSecond, double best, double microsPerCycle,
                       double cyclesPerCpuSecond) {
    }

    public static final List<MethodSpec> CASES = List.of(
            new MethodSpec(Method.ENKF_N, 20, 1.0, false, Double.POSITIVE_INFINITY, 1.0, null),
            new MethodSpec(Method.ETKF, 20, 1.04, false, Double.POSITIVE_INFINITY, 1.0, null),
            new MethodSpec(Method.LETKF, 10, 1.03, false, 4.0, 1.0, null),
            new MethodSpec(Method.VAR3D, 1, 1.0, false, Double.POSITIVE_INFINITY, 0.02, null),
            // the iterative and variational methods: the IEnKF with exactly 10 iterations (tolerance 0), the
            // setting of the speed goal (without inflation it loses the truth, 1.02 keeps it), in its
            // transform and bundle variants; the smoothers
            // with a window of 4 cycles moved by 1
            MethodSpec.iterative(Method.IENKF, 20, 1.02, null,
                    new IterativeSpec(1, 1, 10, 0.0, false, IterativeSpec.DEFAULT_EPSILON, false)),
            MethodSpec.iterative(Method.IENKF, 20, 1.02, null,
                    new IterativeSpec(1, 1, 10, 0.0, true, IterativeSpec.DEFAULT_EPSILON, false)),
            MethodSpec.iterative(Method.IENKS, 20, 1.0, "mode-corrected-x2", IterativeSpec.DEFAULT.withWindow(4, 1)),
            MethodSpec.fourDVar(0.005, new FourDVarConfig(4, 1, FourDVarConfig.DEFAULT_OUTER_LOOPS,
                    FourDVarConfig.DEFAULT_INNER_ITERATIONS, FourDVarConfig.DEFAULT_TOLERANCE)));

    /** Name of the model-alone case: one RK4 cycle of every member, outside the cycler. */
    public static final String MODEL_ALONE = "model step alone";

    /** Name of the baseline cases: the cycle with an analysis that does nothing. */
    public static final String BASELINE = "forecast only (baseline)";

    private ClassicalBench() {
    }

    public static List<Case> run(int cycles, int repeats, Progress progress) {
        Lorenz96Params params = Lorenz96Params.standard();
        Runner runner = new Runner();
        Climatology clim = runner.climatology(params);
        List<Case> out = new ArrayList<>();
        int[] sizes = CASES.stream().mapToInt(MethodSpec::members).distinct().toArray();
        int done = 0, total = (CASES.size() + sizes.length + 1) * (repeats + 1);
        for (int ne : sizes) {
            Analysis none = new ForecastOnly(ne);
            out.add(measure(BASELINE + ", members=" + ne, ne, none, null, params, clim, cycles, repeats));
            done += repeats + 1;
            progress.update(done, total);
        }
        out.add(modelAlone(20, params, cycles, repeats));
        done += repeats + 1;
        progress.update(done, total);
        for (MethodSpec m : CASES) {
            out.add(measure(m.describe(), m.members(), null, m, params, clim, cycles, repeats));
            done += repeats + 1;
            progress.update(done, total);
        }
        return out;
    }

    private static Case measure(String name, int members, Analysis fixed, MethodSpec method, Lorenz96Params params,
                                Climatology clim, int cycles, int repeats) {
        Lorenz96 model = new Lorenz96(params);
        // the run spec only labels the run (the cycler takes the analysis given); the baseline borrows a method of
        // its ensemble size
        MethodSpec spec = method != null ? method : MethodSpec.of(members > 1 ? Method.ETKF : Method.CLIMATOLOGY, members);
        RunSpec run = RunSpec.standard(spec, cycles, 0, 1);
        TwinExperiment twin = TwinExperiment.generate(model, ObservationOperators.parse("identity", params.nx(), 1),
                1.0, cycles, 1000, 1);
        double[] rates = new double[repeats], cpuRates = new double[repeats];
        var threadBean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = -1; r < repeats; r++) {  // r = -1: warm-up, not recorded
            Assimilator a = fixed != null ? new SequentialAssimilator(fixed)
                    : Methods.assimilator(method, model, clim, null, 1);
            long cpu0 = threadBean.getCurrentThreadCpuTime();
            RunResult res = new Cycler(model, 1).run(run, twin, a, Double.POSITIVE_INFINITY, Progress.NONE);
            long cpu = threadBean.getCurrentThreadCpuTime() - cpu0;
            if (r >= 0) {
                rates[r] = res.cyclesPerSecond();
                cpuRates[r] = cycles / (cpu * 1e-9);
            }
        }
        return summary(name, members, rates, cpuRates);
    }

    private static Case summary(String name, int members, double[] rates, double[] cpuRates) {
        int repeats = rates.length;
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        Arrays.sort(cpuRates);
        double median = sorted[repeats / 2];
        return new Case(name, members, median, sorted[repeats - 1], 1e6 / median, cpuRates[repeats / 2]);
    }

    /**
     * The model's cycle for {@code members} states alone, {@code cycles} times per timed run: the members are
     * truth states of a twin experiment (on the attractor, so the integration stays bounded).
     */
    private static Case modelAlone(int members, Lorenz96Params params, int cycles, int repeats) {
        Lorenz96 model = new Lorenz96(params);
        int nx = params.nx();
        TwinExperiment twin = TwinExperiment.generate(model, ObservationOperators.parse("identity", nx, 1), 1.0,
                members * 10, 1000, 1);
        double[] states = new double[members * nx];
        for (int m = 0; m < members; m++) System.arraycopy(twin.truth(10 * m), 0, states, m * nx, nx);
        double[] rates = new double[repeats], cpuRates = new double[repeats];
        var threadBean = java.lang.management.ManagementFactory.getThreadMXBean();
        double check = 0;
        for (int r = -1; r < repeats; r++) {
            long cpu0 = threadBean.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            for (int k = 0; k < cycles; k++) model.forecastAll(states, members);
            long wall = System.nanoTime() - t0, cpu = threadBean.getCurrentThreadCpuTime() - cpu0;
            check += states[0];
            if (r >= 0) {
                rates[r] = cycles / (wall * 1e-9);
                cpuRates[r] = cycles / (cpu * 1e-9);
            }
        }
        if (!Double.isFinite(check)) throw new IllegalStateException("model-alone bench left the attractor");
        return summary(MODEL_ALONE + ", members=" + members, members, rates, cpuRates);
    }

    /** An analysis that leaves the forecast as it is: the cost of the cycle without the analysis. */
    private record ForecastOnly(int members) implements Analysis {
        @Override
        public void analyse(DMatrixRMaj ensemble, dana.obs.Observation obs) {
        }
    }
}
