package dana.nn;

/** A snapshot of an {@link Adam} optimiser: its configuration, step count and moment vectors. */
public record AdamState(AdamConfig config, long step, float[] firstMoment, float[] secondMoment) {

    public AdamState {
        if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
        if (firstMoment.length != secondMoment.length) {
            throw new IllegalArgumentException("moment vectors differ in length: " + firstMoment.length + " vs "
                    + secondMoment.length);
        }
    }
}
