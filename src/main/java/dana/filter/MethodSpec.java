package dana.filter;

import dana.var.FourDVarConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A method and its parameters, validated on construction. Parameters a method does not use are ignored (and
 * left out of {@link #describe()}).
 *
 * @param members   ensemble size Ne (ensemble methods; >= 2)
 * @param inflation multiplicative inflation of the forecast anomalies (>= 1; EnKF-N uses none)
 * @param rotate    apply a random mean-preserving rotation after the ETKF/EnKF-N transform
 * @param radius    LETKF localisation radius in grid points (Gaspari-Cohn half-width)
 * @param alpha     3D-Var/4D-Var/OI background covariance B = alpha * climatological covariance
 * @param variant   EnKF-N hyperprior variant (see {@link EnkfN.Variant}); for ienkf/ienks the optional
 *                  hyperprior that replaces a tuned inflation, {@value #NO_HYPERPRIOR} (the default) for none
 * @param network   the network file of the learned analysis (dan), as given; its channels are checked against
 *                  the run when the analysis is built (see {@code dana.dan.DanNetworks})
 * @param iterative window and iterations of ienkf/ienks (null elsewhere; null means the defaults)
 * @param variational window and iterations of 4dvar (null elsewhere; null means the defaults: lag = shift = 1)
 */
public record MethodSpec(Method method, int members, double inflation, boolean rotate, double radius, double alpha,
                         String variant, String network, IterativeSpec iterative, FourDVarConfig variational) {

    /** The iterative methods' variant meaning "no hyperprior: the inflation is the given one". */
    public static final String NO_HYPERPRIOR = "none";

    public MethodSpec {
        if (method == null) throw new IllegalArgumentException("method: missing; allowed: " + Method.allowed());
        if (method.isEnsemble() && members < 2) {
            throw new IllegalArgumentException("members: " + method.cliName() + " needs an ensemble of >= 2 members, got " + members);
        }
        if (!(inflation >= 1.0) || !Double.isFinite(inflation)) {
            throw new IllegalArgumentException("inflation: must be a finite number >= 1 (1 = none), got " + inflation);
        }
        if (method == Method.LETKF && !(radius > 0)) {
            throw new IllegalArgumentException("radius: letkf needs a localisation radius > 0 grid points (Infinity = global), got " + radius);
        }
        if ((method == Method.VAR3D || method == Method.VAR4D || method == Method.OI) && (!(alpha > 0) || !Double.isFinite(alpha))) {
            throw new IllegalArgumentException("alpha: " + method.cliName() + " needs B = alpha * climatology with alpha > 0, got " + alpha);
        }
        if (method.isIterative()) {
            if (variant == null) variant = NO_HYPERPRIOR;
            if (!variant.trim().equalsIgnoreCase(NO_HYPERPRIOR)) {
                try {
                    EnkfN.Variant.parse(variant);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + ", " + NO_HYPERPRIOR + " (" + method.cliName() + ")");
                }
            }
            if (iterative == null) iterative = IterativeSpec.DEFAULT;
            if (method == Method.IENKF && (iterative.lag() != 1 || iterative.shift() != 1)) {
                throw new IllegalArgumentException("lag: ienkf's window is one cycle (lag = shift = 1); use ienks for lag "
                        + iterative.lag() + ", shift " + iterative.shift());
            }
            if (method == Method.IENKF && iterative.mda()) {
                throw new IllegalArgumentException("mda: ienkf has one observation per window; multiple data assimilation is for ienks");
            }
        } else {
            iterative = null;
        }
        if (method == Method.VAR4D) {
            if (variational == null) variational = FourDVarConfig.DEFAULT;
        } else {
            variational = null;
        }
        if (variant == null) variant = EnkfN.Variant.DEFAULT.cliName();
        if (method == Method.ENKF_N) EnkfN.Variant.parse(variant);
        if (method == Method.DAN) {
            if (members < 1) throw new IllegalArgumentException("members: dan needs >= 1 member, got " + members);
            if (network == null || network.isBlank()) {
                throw new IllegalArgumentException("network: dan needs a network file (--network FILE, or network: PATH in an experiment)");
            }
        } else {
            network = null;
        }
        if (!method.isEnsemble() && method != Method.DAN) members = 1;
    }

    /** A method without a network file (every method but dan). */
    public MethodSpec(Method method, int members, double inflation, boolean rotate, double radius, double alpha,
                      String variant) {
        this(method, members, inflation, rotate, radius, alpha, variant, null, null, null);
    }

    /** A method with the default iteration settings (if iterative). */
    public MethodSpec(Method method, int members, double inflation, boolean rotate, double radius, double alpha,
                      String variant, String network) {
        this(method, members, inflation, rotate, radius, alpha, variant, network, null, null);
    }

    /** Any method but 4dvar, with its iteration settings (ienkf/ienks). */
    public MethodSpec(Method method, int members, double inflation, boolean rotate, double radius, double alpha,
                      String variant, String network, IterativeSpec iterative) {
        this(method, members, inflation, rotate, radius, alpha, variant, network, iterative, null);
    }

    /** ienkf or ienks with inflation, the hyperprior variant (null = none) and the window/iteration settings. */
    public static MethodSpec iterative(Method method, int members, double inflation, String variant, IterativeSpec it) {
        return new MethodSpec(method, members, inflation, false, Double.POSITIVE_INFINITY, 1.0, variant, null, it);
    }

    /** Strong-constraint 4D-Var with B = alpha x the climatological covariance and its window settings. */
    public static MethodSpec fourDVar(double alpha, FourDVarConfig config) {
        return new MethodSpec(Method.VAR4D, 1, 1.0, false, Double.POSITIVE_INFINITY, alpha, null, null, null, config);
    }

    /**
     * The window length L in cycles of the windowed methods (ienks, 4dvar; 1 for ienkf and every sequential
     * method): a run needs at least L cycles.
     */
    public int lag() {
        if (iterative != null) return iterative.lag();
        if (variational != null) return variational.lag();
        return 1;
    }

    /** The EnKF-N hyperprior of an iterative method, or null when it uses the given inflation only. */
    public EnkfN.Variant hyperprior() {
        if (!method.isIterative()) throw new IllegalStateException("hyperprior: only for ienkf/ienks");
        return variant.trim().equalsIgnoreCase(NO_HYPERPRIOR) ? null : EnkfN.Variant.parse(variant);
    }

    /** The learned analysis with {@code members} members and the network in {@code network}. */
    public static MethodSpec dan(int members, String network) {
        return new MethodSpec(Method.DAN, members, 1.0, false, Double.POSITIVE_INFINITY, 1.0, null, network, null, null);
    }

    public static MethodSpec of(Method method, int members) {
        return new MethodSpec(method, members, 1.0, false, Double.POSITIVE_INFINITY, defaultAlpha(method), null);
    }

    /**
     * 3D-Var's tuned alpha on the standard L96 set-up, also 4D-Var's default (the tuning of Bocquet and Sakov 2013
     * for a window of 4 cycles of 0.2); OI uses the climatological covariance itself.
     */
    public static double defaultAlpha(Method method) {
        return method == Method.VAR3D || method == Method.VAR4D ? 0.02 : 1.0;
    }

    /** The parameters that matter for this method, for tables and file names. */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        switch (method) {
            case ETKF, ENKF, ENKF_N, LETKF -> {
                p.put("members", members);
                if (method != Method.ENKF_N) p.put("inflation", inflation);
                if (method == Method.ETKF || method == Method.ENKF_N) p.put("rotate", rotate);
                if (method == Method.LETKF) p.put("radius", radius);
                if (method == Method.ENKF_N) p.put("variant", variant);
            }
            case IENKF, IENKS -> {
                p.put("members", members);
                p.put("inflation", inflation);
                p.put("variant", variant);
                if (method == Method.IENKS) {
                    p.put("lag", iterative.lag());
                    p.put("shift", iterative.shift());
                    p.put("mda", iterative.mda());
                }
                p.put("iterations", iterative.iterations());
                p.put("tolerance", iterative.tolerance());
                p.put("form", iterative.form());
                if (iterative.bundle()) p.put("epsilon", iterative.epsilon());
            }
            case VAR3D, OI -> p.put("alpha", alpha);
            case VAR4D -> {
                p.put("alpha", alpha);
                p.put("lag", variational.lag());
                p.put("shift", variational.shift());
                p.put("iterations", variational.outerLoops());
                p.put("inner_iterations", variational.innerIterations());
                p.put("tolerance", variational.tolerance());
            }
            case DAN -> {
                p.put("members", members);
                p.put("network", network);
            }
            case CLIMATOLOGY -> { }
        }
        return p;
    }

    public String describe() {
        StringBuilder sb = new StringBuilder(method.cliName());
        parameters().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }
}
