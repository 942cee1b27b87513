package dana.model;

/**
 * A discrete dynamical model advanced one assimilation cycle at a time, with its tangent linear and adjoint.
 * This is the only thing a new model must implement. States are slices {@code x[off .. off + dim())} of a
 * larger array so that an ensemble stored row by row (member-major) is advanced without copies.
 * Instances hold workspaces and are not thread-safe: give each thread its own {@link #copy()}.
 */
public interface Model {

    /** Number of state variables. */
    int dim();

    /** Advances the state in place by one cycle. */
    void forecast(double[] x, int off);

    /** Advances {@code count} states stored back to back from offset 0 (an ensemble, member-major). */
    default void forecastAll(double[] states, int count) {
        int n = dim();
        for (int m = 0; m < count; m++) {
            forecast(states, m * n);
        }
    }

    /**
     * Tangent linear of one cycle: {@code dx <- M'(x) dx}, linearised about the state {@code x} at the start
     * of the cycle (left unchanged).
     */
    void tangentLinear(double[] x, int xOff, double[] dx, int dxOff);

    /**
     * Adjoint of one cycle: {@code lambda <- M'(x)^T lambda}, about the state {@code x} at the start of the
     * cycle (left unchanged). It is the exact transpose of {@link #tangentLinear} (the discrete adjoint).
     */
    void adjoint(double[] x, int xOff, double[] lambda, int lambdaOff);

    /**
     * A state to start a spin-up from (a perturbed rest state for L96); the twin experiment integrates it onto
     * the attractor before using it.
     */
    void initialState(java.util.SplittableRandom rng, double[] out);

    /**
     * True when the dynamics commute with a cyclic shift of the variables (L96): statistics may then be
     * averaged over shifts, and a network trained at one size may be applied at another.
     */
    default boolean isTranslationInvariant() {
        return false;
    }

    /** An independent instance with the same parameters and its own workspaces. */
    Model copy();

    /** A short human description, e.g. {@code lorenz96(nx=40, F=8, dt=0.05x1)}. */
    String describe();
}
