package dana.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dana.experiment.ValueKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The training or twin-experiment setting a sweep varies, and where it goes in a training file. A value is
 * written into the training file's tree before that tree is read, so every value is validated by the training
 * file's own rules (and its messages name the training file's field).
 */
public enum SweepParameter {
    POOL("pool", "Nr (training pool size)", ValueKind.INT, true, "training", "pool"),
    BATCH("batch", "batch size", ValueKind.INT, true, "training", "batch"),
    NITER("niter", "Niter (unrolled cycles)", ValueKind.INT, true, "training", "niter"),
    STEPS("steps", "training steps", ValueKind.LONG, true, "training", "steps"),
    FILTERS("filters", "Nf (filters)", ValueKind.INT, true, "network", "filters"),
    BLOCKS("blocks", "Nb (residual blocks)", ValueKind.INT, false, "network", "blocks"),
    LAYERS_PER_BLOCK("layers_per_block", "Nsb (layers per block)", ValueKind.INT, false, "network", "layers_per_block"),
    MEMBERS("members", "Ne (network members)", ValueKind.INT, false, "network", "members"),
    SIGMA("sigma", "sigma (observation error sd)", ValueKind.NUMBER, false, null, "sigma"),
    /** The observed fraction of the state, with a random mask drawn anew each cycle ({@code obs: random:F}). */
    FRACTION("fraction", "observed fraction (random masks)", ValueKind.NUMBER, false, null, "obs");

    /** The name in sweep files and output directories. */
    public final String key;
    /** The axis label of plots. */
    public final String description;
    final ValueKind kind;
    /** True when the study's values are spaced geometrically (1, 2, 4, 8 ...): plots use a logarithmic axis. */
    final boolean geometric;
    private final String section;
    private final String field;

    SweepParameter(String key, String description, ValueKind kind, boolean geometric, String section, String field) {
        this.key = key;
        this.description = description;
        this.kind = kind;
        this.geometric = geometric;
        this.section = section;
        this.field = field;
    }

    public static String allowed() {
        return String.join(", ", names());
    }

    static List<String> names() {
        return Arrays.stream(values()).map(p -> p.key).toList();
    }

    /** @throws IllegalArgumentException naming the allowed parameters */
    static SweepParameter parse(String name, String where) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (SweepParameter p : values()) if (p.key.equals(n)) return p;
        throw new IllegalArgumentException(where + ": unknown parameter '" + name + "'; allowed: " + allowed());
    }

    /** True for the settings of the twin experiment, which the classical references share with the network. */
    public boolean changesTwin() {
        return section == null;
    }

    /** Writes {@code value} into a training file's tree (the caller's copy). */
    void apply(ObjectNode trainingFile, Number value) {
        ObjectNode target = section == null ? trainingFile : trainingFile.withObjectProperty(section);
        switch (this) {
            case FRACTION -> target.put(field, "random:" + SweepValue.text(value));
            case SIGMA -> target.put(field, value.doubleValue());
            case STEPS -> {
                target.remove("minutes");
                target.put(field, value.longValue());
            }
            default -> target.put(field, value.intValue());
        }
    }
}
