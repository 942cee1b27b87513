package dana.util;

import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector width of every Vector API kernel (the network's float kernels, the filters' and the model's
 * double ones). C2 turns Vector API calls into machine instructions only when the species is a compile-time
 * constant, hence static finals, chosen once at class initialisation: the platform's preferred width capped at
 * 256 bits, unless the system property {@code dana.vectorBits} (128, 256 or 512) asks for another one.
 *
 * <p>Why the cap: on this project's AVX-512 machine (AMD EPYC, 2 cores, JDK 25) the 512-bit species ran the
 * network's forward+backward at 40 or 110 GFLOP/s depending on the run (the JIT's code differs between runs) and
 * training steps 20-30% slower, where 256 bits gave 145 GFLOP/s every time (docs/performance.md). A fixed width
 * also gives the network kernels the same summation order on AVX2 and AVX-512 machines.
 */
public final class VectorWidth {

    /** The system property that overrides the width. */
    public static final String PROPERTY = "dana.vectorBits";

    /** The chosen width in bits. */
    public static final int BITS = choose(System.getProperty(PROPERTY), VectorShape.preferredShape().vectorBitSize());
    /** Floats at that width. */
    public static final VectorSpecies<Float> FLOAT = VectorSpecies.of(float.class, VectorShape.forBitSize(BITS));
    /** Doubles at that width. */
    public static final VectorSpecies<Double> DOUBLE = VectorSpecies.of(double.class, VectorShape.forBitSize(BITS));

    private VectorWidth() {
    }

    /**
     * The width for a property value (null or blank: not set) on a platform whose preferred width is
     * {@code preferredBits}.
     */
    static int choose(String property, int preferredBits) {
        if (property == null || property.isBlank()) return Math.min(preferredBits, 256);
        return switch (property.trim()) {
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default -> throw new IllegalArgumentException(
                    PROPERTY + " must be 128, 256 or 512, got '" + property.trim() + "'");
        };
    }

    /** A description for benchmark reports, e.g. {@code 256-bit vectors (preferred 512)}. */
    public static String describe() {
        return BITS + "-bit vectors (platform's preferred " + VectorShape.preferredShape().vectorBitSize() + ")";
    }
}
