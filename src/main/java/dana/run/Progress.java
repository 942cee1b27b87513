package dana.run;

/** Receives the progress of a long computation; implementations must be cheap and thread-safe. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (done, total) -> { };

    void update(long done, long total);
}
