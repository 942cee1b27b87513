package dana.nn;

import dana.util.VectorWidth;
import jdk.incubator.vector.VectorSpecies;

/** The float vector shape of every kernel of the engine ({@link VectorWidth}: one width for all of dana). */
final class Simd {

    static final VectorSpecies<Float> F = VectorWidth.FLOAT;
    static final int L = F.length();

    private Simd() {
    }

    /** A description for benchmark reports, e.g. {@code float x 8 (256-bit vectors (platform's preferred 512))}. */
    static String describe() {
        return "float x " + L + " (" + VectorWidth.describe() + ")";
    }
}
