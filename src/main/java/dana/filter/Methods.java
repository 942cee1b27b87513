package dana.filter;

import dana.dan.DanNetworks;
import dana.model.Model;
import dana.obs.ObservationOperator;
import dana.util.Seeds;
import dana.var.FourDVar;
import dana.var.FourDVarAssimilator;
import java.nio.file.Path;

/** Builds the analysis of a {@link MethodSpec}; the one place that maps method names to implementations. */
public final class Methods {

    private Methods() {
    }

    /**
     * The method as the cycler runs it: the windowed methods (ienkf, ienks, 4dvar) own their whole step; every other method is its
     * analysis after a forecast of every member ({@link SequentialAssimilator}).
     *
     * @see #create(MethodSpec, Model, Climatology, ObservationOperator, long)
     */
    public static Assimilator assimilator(MethodSpec spec, Model model, Climatology clim, ObservationOperator h,
                                          long seed) {
        int nx = model.dim();
        return switch (spec.method()) {
            case IENKF -> new Ienkf(nx, spec.members(), spec.inflation(), spec.hyperprior(), spec.iterative());
            case IENKS -> new Ienks(nx, spec.members(), spec.inflation(), spec.hyperprior(), spec.iterative());
            case VAR4D -> new FourDVarAssimilator(spec.variational(),
                    () -> FourDVar.climatological(model, clim, spec.alpha(), spec.variational()), nx);
            default -> new SequentialAssimilator(create(spec, model, clim, h, seed));
        };
    }

    /** As {@link #create(MethodSpec, Model, Climatology, ObservationOperator, long)} for methods that do not
     * need to know the observation operator in advance (all but dan). */
    public static Analysis create(MethodSpec spec, Model model, Climatology clim, long seed) {
        return create(spec, model, clim, null, seed);
    }

    /**
     * @param clim climatology of the model (background of OI/3D-Var, the climatology method)
     * @param h    the run's observation operator: the learned analysis's input depends on it (may be null for
     *             the other methods)
     * @param seed run seed; each method draws its own stream from it (rotations, perturbed observations)
     * @throws IllegalArgumentException for dan, when the network file is missing, invalid or does not fit the run
     */
    public static Analysis create(MethodSpec spec, Model model, Climatology clim, ObservationOperator h, long seed) {
        int nx = model.dim();
        return switch (spec.method()) {
            case IENKF, IENKS, VAR4D -> throw new IllegalArgumentException(spec.method().cliName()
                    + " runs the model inside its analysis: build it with Methods.assimilator");
            case CLIMATOLOGY -> new ClimatologyAnalysis(clim);
            case OI -> new StaticGainAnalysis(clim, spec.alpha(), false);
            case VAR3D -> new StaticGainAnalysis(clim, spec.alpha(), true);
            case ETKF -> new Etkf(nx, spec.members(), spec.inflation(), spec.rotate(), Seeds.stream(seed, "rotation"));
            case ENKF -> new StochasticEnkf(nx, spec.members(), spec.inflation(), Seeds.stream(seed, "perturbed-obs"));
            case ENKF_N -> new EnkfN(nx, spec.members(), EnkfN.Variant.parse(spec.variant()), spec.rotate(),
                    Seeds.stream(seed, "rotation"));
            case LETKF -> new Letkf(nx, spec.members(), spec.inflation(), spec.radius());
            case DAN -> {
                if (h == null) throw new IllegalArgumentException("dan: the observation operator is needed to build the network input");
                yield DanNetworks.load(Path.of(spec.network()), spec.members(), h).analysis(nx);
            }
        };
    }
}
