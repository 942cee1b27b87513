package dana.obs;

/**
 * Which state variables are observed at a given cycle. Every operator of the study is a selection (a row subset
 * of the identity), possibly changing in time, so H is represented by the observed indices; filters apply H and
 * H^T through them. Implementations are immutable and thread-safe: a time-varying mask is a pure function of
 * (seed, cycle).
 */
public interface ObservationOperator {

    /** State dimension the operator acts on. */
    int stateDim();

    /** Ascending indices of the variables observed at {@code cycle} (cycle >= 1); never empty. */
    int[] observedIndices(int cycle);

    /** True when the observed indices are the same at every cycle. */
    boolean isStatic();

    /** The specification string this operator was built from, e.g. {@code every:2}. */
    String spec();
}
