package dana.experiment;

import dana.filter.MethodSpec;
import dana.model.Lorenz96Params;
import dana.run.RunSpec;
import dana.run.Runner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One configuration of an experiment, fully resolved: everything of a {@link RunSpec} but the seed, plus the
 * divergence criterion and the id that names its files. Validated on construction (through {@link RunSpec}).
 *
 * @param id               unique within the experiment; letters, digits, '.', '_' and '-'
 * @param divergenceFactor a run diverges when its analysis RMSE exceeds this many climatological standard
 *                         deviations (see {@link Runner#run(RunSpec, int, dana.run.Progress, double)})
 */
public record RunConfig(String id, Lorenz96Params model, String obs, double sigma, MethodSpec method, int cycles,
                        int burnIn, int spinUp, double initSpread, double divergenceFactor) {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public RunConfig {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id: must be letters, digits, '.', '_' or '-' (starting with a letter or digit), got '" + id + "'");
        }
        if (!(divergenceFactor > 0) || Double.isNaN(divergenceFactor)) {
            throw new IllegalArgumentException("divergence_factor: must be > 0 (climatological standard deviations), got " + divergenceFactor);
        }
        // RunSpec checks the rest (sigma, cycles, burn-in, obs against nx, ...); the fields are not assigned
        // yet in a compact constructor, so it is built from the parameters
        new RunSpec(model, obs, sigma, method, cycles, burnIn, 0, initSpread, spinUp);
    }

    /** The run of this configuration with {@code seed}. */
    public RunSpec spec(long seed) {
        return new RunSpec(model, obs, sigma, method, cycles, burnIn, seed, initSpread, spinUp);
    }

    public RunConfig withId(String newId) {
        return new RunConfig(newId, model, obs, sigma, method, cycles, burnIn, spinUp, initSpread, divergenceFactor);
    }

    /**
     * Every key of the experiment-file format with its value, in {@link RunKey} order; keys without a value
     * for this method (the network of a classical method, the window of a sequential one) are left out.
     */
    public Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        for (RunKey k : RunKey.values()) {
            Object x = value(k);
            if (x != null) v.put(k.key, x);
        }
        return v;
    }

    private dana.filter.IterativeSpec it() {
        return method.iterative();
    }

    private dana.var.FourDVarConfig var() {
        return method.variational();
    }

    Object value(RunKey key) {
        return switch (key) {
            case ID -> id;
            case METHOD -> method.method().cliName();
            case MEMBERS -> method.members();
            case INFLATION -> method.inflation();
            case ROTATE -> method.rotate();
            case RADIUS -> method.radius();
            case ALPHA -> method.alpha();
            case VARIANT -> method.variant();
            case NETWORK -> method.network();
            case LAG -> it() != null ? (Object) it().lag() : var() != null ? (Object) var().lag() : null;
            case SHIFT -> it() != null ? (Object) it().shift() : var() != null ? (Object) var().shift() : null;
            case ITERATIONS -> it() != null ? (Object) it().iterations() : var() != null ? (Object) var().outerLoops() : null;
            case INNER_ITERATIONS -> var() == null ? null : var().innerIterations();
            case TOLERANCE -> it() != null ? (Object) it().tolerance() : var() != null ? (Object) var().tolerance() : null;
            case FORM -> it() == null ? null : it().form();
            case EPSILON -> it() == null ? null : it().epsilon();
            case MDA -> it() == null ? null : it().mda();
            case NX -> model.nx();
            case FORCING -> model.forcing();
            case DT -> model.dt();
            case STEPS_PER_CYCLE -> model.stepsPerCycle();
            case OBS -> obs;
            case SIGMA -> sigma;
            case CYCLES -> cycles;
            case BURN_IN -> burnIn;
            case SPIN_UP -> spinUp;
            case INIT_SPREAD -> initSpread;
            case DIVERGENCE_FACTOR -> divergenceFactor;
        };
    }
}
