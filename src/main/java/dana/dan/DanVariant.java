package dana.dan;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The variants of the learned analysis compared in the study: the full network; the same architecture with the
 * identity as activation, an affine map of its inputs (the baseline that measures what the nonlinearity buys);
 * and a network that sees only the innovation channel(s), so that it cannot adapt its gain to the forecast.
 */
public enum DanVariant {
    FULL("full", true, false),
    LINEAR("linear", true, true),
    INNOVATION_ONLY("innovation-only", false, false);

    private final String cliName;
    private final boolean seesMembers;
    private final boolean linear;

    DanVariant(String cliName, boolean seesMembers, boolean linear) {
        this.cliName = cliName;
        this.seesMembers = seesMembers;
        this.linear = linear;
    }

    public String cliName() {
        return cliName;
    }

    /** True when the forecast members are input channels (false: the innovation channel(s) only). */
    public boolean seesMembers() {
        return seesMembers;
    }

    /** True when the network must use the identity activation. */
    public boolean linear() {
        return linear;
    }

    public static String allowed() {
        return Arrays.stream(values()).map(DanVariant::cliName).collect(Collectors.joining(", "));
    }

    /** @throws IllegalArgumentException naming {@code field} and the allowed values */
    public static DanVariant parse(String name, String field) {
        for (DanVariant v : values()) {
            if (v.cliName.equalsIgnoreCase(name.trim())) return v;
        }
        throw new IllegalArgumentException(field + ": unknown variant '" + name + "'; allowed: " + allowed());
    }
}
