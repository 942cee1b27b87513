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

    /** True for the iterative methods, which run the model inside their analysis (not an {@link Analysis}). */
    public boolean isIterative() {
        return this == IENKF || this == IENKS;
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
