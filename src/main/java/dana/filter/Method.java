package dana.filter;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The analysis methods, by their CLI names. */
public enum Method {
    CLIMATOLOGY("climatology", false),
    OI("oi", false),
    VAR3D("3dvar", false),
    ETKF("etkf", true),
    ENKF("enkf", true),
    ENKF_N("enkf-n", true),
    LETKF("letkf", true),
    /** Iterative EnKF (Sakov et al. 2012): Gauss-Newton over one cycle, the model inside the analysis. */
    IENKF("ienkf", true),
    /** Iterative EnKS (Bocquet and Sakov 2014): Gauss-Newton over a window of L cycles moved by S. */
    IENKS("ienks", true),
    /** Strong-constraint 4D-Var over a window of L cycles moved by S, static B (dana.var). */
    VAR4D("4dvar", false),
    /** The learned analysis: a residual CNN trained through the DA cycles (dana train); 1 or more members. */
    DAN("dan", false);

    private final String cliName;
    private final boolean ensemble;

    Method(String cliName, boolean ensemble) {
        this.cliName = cliName;
        this.ensemble = ensemble;
    }

    public String cliName() {
        return cliName;
    }

    /** True for methods that need an ensemble of at least two members. */
    public boolean isEnsemble() {
        return ensemble;
    }

    /** True for the iterative ensemble methods (IEnKF, IEnKS): window and iteration settings in {@link IterativeSpec}. */
    public boolean isIterative() {
        return this == IENKF || this == IENKS;
    }

    /**
     * True for the methods that run the model inside their step over a window of cycles (IEnKF, IEnKS, 4D-Var):
     * an {@link Assimilator} of their own, not an {@link Analysis} after a forecast.
     */
    public boolean isWindowed() {
        return isIterative() || this == VAR4D;
    }

    /** True for the methods that report a smoothed estimate (rmse_s): the smoothers over a window. */
    public boolean isSmoother() {
        return this == IENKS || this == VAR4D;
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Method::cliName).collect(Collectors.joining("|"));
    }

    public static Method parse(String name) {
        for (Method m : values()) {
            if (m.cliName.equalsIgnoreCase(name.trim())) return m;
        }
        throw new IllegalArgumentException("method: unknown method '" + name + "'; allowed: " + allowed());
    }
}
