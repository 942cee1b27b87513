package dana.run;

import dana.filter.Analysis;
import dana.filter.Assimilator;
import dana.filter.SequentialAssimilator;
import dana.filter.Climatology;
import dana.filter.Methods;
import dana.model.Lorenz96;
import dana.model.Lorenz96Params;
import dana.model.Model;
import dana.obs.ObservationOperator;
import dana.obs.ObservationOperators;
import dana.twin.TwinExperiment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds and runs a {@link RunSpec}: model, observation operator, twin experiment, analysis method, cycler.
 * Climatologies (needed by OI, 3D-Var, climatology and the divergence threshold) are estimated once per model
 * with a fixed seed and shared by every run of this runner; the runner is thread-safe.
 */
public final class Runner {

    /** Seed of the climatology estimate, independent of the runs' seeds so that all runs share one B. */
    public static final long CLIMATOLOGY_SEED = 20240101L;

    /** A run whose analysis RMSE exceeds this many climatological standard deviations has diverged. */
    public static final double DIVERGENCE_FACTOR = 3.0;

    private final Map<Lorenz96Params, Climatology> climatologies = new ConcurrentHashMap<>();

    public Climatology climatology(Lorenz96Params p) {
        return climatologies.computeIfAbsent(p, q -> Climatology.estimate(new Lorenz96(q), CLIMATOLOGY_SEED));
    }

    public RunResult run(RunSpec spec, int threads, Progress progress) {
        return run(spec, threads, progress, DIVERGENCE_FACTOR);
    }

    /**
     * As {@link #run(RunSpec, int, Progress)} with another divergence criterion: the run is declared diverged
     * at the first cycle whose analysis RMSE exceeds {@code divergenceFactor} climatological standard
     * deviations. The default (3) only catches blow-ups: a filter that lost the truth has an RMSE near
     * sqrt(2) climatological standard deviations.
     */
    public RunResult run(RunSpec spec, int threads, Progress progress, double divergenceFactor) {
        if (!(divergenceFactor > 0)) {
            throw new IllegalArgumentException("divergence-factor: must be > 0, got " + divergenceFactor);
        }
        Model model = new Lorenz96(spec.model());
        ObservationOperator h = ObservationOperators.parse(spec.obs(), model.dim(), spec.seed());
        Assimilator method = Methods.assimilator(spec.method(), model, climatology(spec.model()), h, spec.seed());
        return run(spec, method, threads, progress, divergenceFactor);
    }

    /**
     * Runs {@code spec}'s twin experiment with an analysis built by the caller (e.g. a network being trained,
     * held in memory), through the same twin experiment and cycler as {@link #run(RunSpec, int, Progress)}.
     */
    public RunResult run(RunSpec spec, Analysis analysis, int threads, Progress progress, double divergenceFactor) {
        return run(spec, new SequentialAssimilator(analysis), threads, progress, divergenceFactor);
    }

    /** As {@link #run(RunSpec, Analysis, int, Progress, double)} for any method (a smoother, a variational method). */
    public RunResult run(RunSpec spec, Assimilator method, int threads, Progress progress, double divergenceFactor) {
        if (!(divergenceFactor > 0)) {
            throw new IllegalArgumentException("divergence-factor: must be > 0, got " + divergenceFactor);
        }
        Model model = new Lorenz96(spec.model());
        ObservationOperator h = ObservationOperators.parse(spec.obs(), model.dim(), spec.seed());
        TwinExperiment twin = TwinExperiment.generate(model, h, spec.sigma(), spec.cycles(), spec.spinUp(), spec.seed());
        double threshold = divergenceFactor * climatology(spec.model()).rmsSpread();
        return new Cycler(model, threads).run(spec, twin, method, threshold, progress);
    }
}
