package dana.dan;

import dana.obs.ObservationOperator;

/**
 * The input channels of the learned analysis, in order: the {@code members} standardised forecast members
 * (unless the variant sees only the innovation), the innovation term H^T R^-1 (y - H x^f), and, when
 * {@code precisionChannel}, the observation precision field diag(H^T R^-1 H), which tells the network where
 * (and how accurately) the state is observed. The output is one increment field per member the network sees
 * (x^a_m = x^f_m + a_theta(input)_m), so that the analysis can move the members relative to one another and keep
 * the ensemble together; the innovation-only variant, which cannot tell the members apart, outputs one increment
 * shared by all of them. With one member both are the single increment of the single-state network.
 *
 * @param members          ensemble size Ne the analysis works with (>= 1)
 * @param variant          which inputs the network sees
 * @param precisionChannel true when the observation operator is not the identity
 */
public record DanLayout(int members, DanVariant variant, boolean precisionChannel) {

    public DanLayout {
        if (members < 1) throw new IllegalArgumentException("members: the learned analysis needs >= 1 member, got " + members);
        if (variant == null) throw new IllegalArgumentException("variant: missing; allowed: " + DanVariant.allowed());
    }

    /** The layout for a run observed through {@code h}. */
    public static DanLayout of(int members, DanVariant variant, ObservationOperator h) {
        return new DanLayout(members, variant, needsPrecisionChannel(h));
    }

    /**
     * The precision channel is left out only when every variable is observed at every cycle: it would then be
     * the constant 1/sigma^2 and carry no information the innovation lacks.
     */
    public static boolean needsPrecisionChannel(ObservationOperator h) {
        return !(h.isStatic() && h.observedIndices(1).length == h.stateDim());
    }

    /** Channels given to the network. */
    public int inChannels() {
        return memberChannels() + 1 + (precisionChannel ? 1 : 0);
    }

    /** Channels holding forecast members (0 for the innovation-only variant). */
    public int memberChannels() {
        return variant.seesMembers() ? members : 0;
    }

    /** Increment fields the network outputs: one per member it sees, else one shared by every member. */
    public int outChannels() {
        return Math.max(1, memberChannels());
    }

    /** The output channel holding the increment of member {@code m}. */
    public int incrementChannel(int m) {
        return outChannels() == 1 ? 0 : m;
    }

    /** Channel index of the innovation term. */
    public int innovationChannel() {
        return memberChannels();
    }

    /** The channels in words, e.g. "1 member + innovation + observation precision". */
    public String describeChannels() {
        StringBuilder sb = new StringBuilder();
        if (variant.seesMembers()) sb.append(members).append(members == 1 ? " member + " : " members + ");
        sb.append("innovation");
        if (precisionChannel) sb.append(" + observation precision");
        return sb.toString();
    }
}
