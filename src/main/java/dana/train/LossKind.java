package dana.train;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What the training minimises over the unrolled cycles. */
public enum LossKind {
    /** Mean over cycles and batch of ||x^t_k - mean(x^a_k)||^2 / Nx: needs the truth (twin experiments only). */
    SUPERVISED("supervised"),
    /**
     * Mean over cycles and batch of ||x^t_k - mean(x^a_k)|| / sqrt(Nx): the per-cycle RMSE that the evaluation's
     * aRMSE averages. The squared loss above weighs each cycle by its error, so rare cycles with large errors
     * (frequent at long times between analyses) pull on the weights more than they count in the aRMSE; this
     * one weighs every cycle as the aRMSE does. Needs the truth.
     */
    SUPERVISED_RMSE("supervised-rmse"),
    /**
     * Mean of ||R^-1/2 (y_{k+1} - H_{k+1} M(x^a_k))||^2 / p: the misfit of the next forecast to the next
     * observations, which never uses the truth (what could be trained on real data).
     */
    OBSERVATIONS("observations");

    private final String cliName;

    LossKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static LossKind parse(String name, String field) {
        for (LossKind k : values()) {
            if (k.cliName.equalsIgnoreCase(name.trim())) return k;
        }
        throw new IllegalArgumentException(field + ": unknown loss '" + name + "'; allowed: "
                + Arrays.stream(values()).map(LossKind::cliName).collect(Collectors.joining(", ")));
    }
}
