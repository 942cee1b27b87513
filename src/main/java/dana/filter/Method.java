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
