package dana.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector shape used by every float kernel of the engine. It must be a compile-time constant for C2 to
 * turn Vector API calls into machine instructions, hence a static final, chosen once at class initialisation:
 * the platform's preferred shape unless the system property {@code dana.nn.vectorBits} (128, 256 or 512)
 * asks for another one (to measure, e.g., 512-bit vectors where the JIT reports 256 as preferred).
 */
final class Simd {

    static final VectorSpecies<Float> F = choose(System.getProperty("dana.nn.vectorBits"));
    static final int L = F.length();

    private Simd() {
    }

    private static VectorSpecies<Float> choose(String bits) {
        if (bits == null || bits.isBlank()) return FloatVector.SPECIES_PREFERRED;
        return switch (bits.trim()) {
            case "128" -> FloatVector.SPECIES_128;
            case "256" -> FloatVector.SPECIES_256;
            case "512" -> FloatVector.SPECIES_512;
            default -> throw new IllegalArgumentException(
                    "dana.nn.vectorBits must be 128, 256 or 512, got '" + bits + "'");
        };
    }

    /** A description for benchmark reports, e.g. {@code float x 8 (256 bits)}. */
    static String describe() {
        return "float x " + L + " (" + F.vectorBitSize() + " bits)";
    }
}
