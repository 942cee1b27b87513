package dana.filter;

import dana.model.Model;
import dana.util.Seeds;

/** Builds the analysis of a {@link MethodSpec}; the one place that maps method names to implementations. */
public final class Methods {

    private Methods() {
    }

    /**
     * @param clim climatology of the model (background of OI/3D-Var, the climatology method)
     * @param seed run seed; each method draws its own stream from it (rotations, perturbed observations)
     */
    public static Analysis create(MethodSpec spec, Model model, Climatology clim, long seed) {
        int nx = model.dim();
        return switch (spec.method()) {
            case CLIMATOLOGY -> new ClimatologyAnalysis(clim);
            case OI -> new StaticGainAnalysis(clim, spec.alpha(), false);
            case VAR3D -> new StaticGainAnalysis(clim, spec.alpha(), true);
            case ETKF -> new Etkf(nx, spec.members(), spec.inflation(), spec.rotate(), Seeds.stream(seed, "rotation"));
            case ENKF -> new StochasticEnkf(nx, spec.members(), spec.inflation(), Seeds.stream(seed, "perturbed-obs"));
            case ENKF_N -> new EnkfN(nx, spec.members(), EnkfN.Variant.parse(spec.variant()), spec.rotate(),
                    Seeds.stream(seed, "rotation"));
            case LETKF -> new Letkf(nx, spec.members(), spec.inflation(), spec.radius());
        };
    }
}
