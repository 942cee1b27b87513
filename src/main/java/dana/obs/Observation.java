package dana.obs;

/**
 * The observations of one cycle: y = H x + e with H the selection of {@code indices} and e ~ N(0, sigma^2 I).
 * Arrays are owned by the observation and must not be modified.
 */
public record Observation(int cycle, int[] indices, double[] values, double sigma) {

    public int size() {
        return indices.length;
    }

    /** out[j] = (H x)_j = x[off + indices[j]]. */
    public void applyH(double[] x, int off, double[] out) {
        for (int j = 0; j < indices.length; j++) out[j] = x[off + indices[j]];
    }

    /** True when every variable of a state of dimension {@code nx} is observed, in order. */
    public boolean isFull(int nx) {
        return indices.length == nx;
    }
}
