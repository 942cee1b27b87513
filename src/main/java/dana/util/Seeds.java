package dana.util;

import java.util.SplittableRandom;

/**
 * Deterministic derivation of independent random streams from one experiment seed. A stream is named by a
 * label and optional indices (e.g. "member", 7), so that what a stream produces never depends on the order in
 * which streams are created or on the number of threads.
 */
public final class Seeds {

    private Seeds() {
    }

    /** SplitMix64 finaliser: a bijective mix with good avalanche. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The seed of the stream {@code label[indices]} derived from {@code seed}. */
    public static long derive(long seed, String label, long... indices) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (int i = 0; i < label.length(); i++) {
            h = mix(h + label.charAt(i));
        }
        for (long idx : indices) {
            h = mix(h ^ mix(idx + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    public static SplittableRandom stream(long seed, String label, long... indices) {
        return new SplittableRandom(derive(seed, label, indices));
    }

    /** A standard normal deviate (Box-Muller polar form is avoided: one rejection-free draw per call). */
    public static double gaussian(SplittableRandom rng) {
        // Marsaglia polar method without caching the second deviate keeps the stream position predictable
        double u, v, s;
        do {
            u = 2.0 * rng.nextDouble() - 1.0;
            v = 2.0 * rng.nextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        return u * Math.sqrt(-2.0 * Math.log(s) / s);
    }
}
