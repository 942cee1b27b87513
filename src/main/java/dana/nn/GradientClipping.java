package dana.nn;

/** Clipping of the global gradient norm, applied between the backward passes and the optimiser step. */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * Scales the gradients so that their Euclidean norm is at most {@code maxNorm}; returns the norm before
     * clipping (to log it). A non-finite norm is returned unchanged and the gradients are left alone so the
     * caller can skip the step.
     */
    public static double clipGlobalNorm(Parameters params, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
        double norm = params.gradientNorm();
        if (Double.isFinite(norm) && norm > maxNorm) {
            float[] g = params.gradients();
            FloatOps.scale(g, 0, g.length, (float) (maxNorm / norm));
        }
        return norm;
    }
}
