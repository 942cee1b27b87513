package dana.experiment;

import java.util.Arrays;
import java.util.List;

/**
 * The keys that describe one run in an experiment file (in {@code defaults} and in each entry of {@code runs}),
 * with the type of their values. The order is the order of a resolved run.
 */
enum RunKey {
    ID("id", ValueKind.TEXT),
    METHOD("method", ValueKind.TEXT),
    MEMBERS("members", ValueKind.INT),
    INFLATION("inflation", ValueKind.NUMBER),
    ROTATE("rotate", ValueKind.BOOL),
    RADIUS("radius", ValueKind.NUMBER),
    ALPHA("alpha", ValueKind.NUMBER),
    VARIANT("variant", ValueKind.TEXT),
    NETWORK("network", ValueKind.TEXT),
    LAG("lag", ValueKind.INT),
    SHIFT("shift", ValueKind.INT),
    ITERATIONS("iterations", ValueKind.INT),
    INNER_ITERATIONS("inner_iterations", ValueKind.INT),
    TOLERANCE("tolerance", ValueKind.NUMBER),
    FORM("form", ValueKind.TEXT),
    EPSILON("epsilon", ValueKind.NUMBER),
    MDA("mda", ValueKind.BOOL),
    NX("nx", ValueKind.INT),
    FORCING("forcing", ValueKind.NUMBER),
    DT("dt", ValueKind.NUMBER),
    STEPS_PER_CYCLE("steps_per_cycle", ValueKind.INT),
    OBS("obs", ValueKind.TEXT),
    SIGMA("sigma", ValueKind.NUMBER),
    CYCLES("cycles", ValueKind.INT),
    BURN_IN("burn_in", ValueKind.INT),
    SPIN_UP("spin_up", ValueKind.INT),
    INIT_SPREAD("init_spread", ValueKind.NUMBER),
    DIVERGENCE_FACTOR("divergence_factor", ValueKind.NUMBER);

    final String key;
    final ValueKind kind;

    RunKey(String key, ValueKind kind) {
        this.key = key;
        this.kind = kind;
    }

    static RunKey of(String key) {
        for (RunKey k : values()) if (k.key.equals(key)) return k;
        return null;
    }

    /** Every key name, in resolved order. */
    static List<String> names() {
        return Arrays.stream(values()).map(k -> k.key).toList();
    }
}
