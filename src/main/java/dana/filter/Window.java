package dana.filter;

import dana.obs.Observation;
import java.util.function.IntFunction;

/**
 * One step of an {@link Assimilator}: the data-assimilation window [t_start, t_end] and its observations
 * y_{start+1} .. y_{end}. Observations before {@code firstNew} were assimilated by earlier steps (a smoother's
 * windows overlap); the window is shorter than the method's lag only at the end of the run.
 *
 * @param start    cycle of the window's first time (the estimate the step starts from is at this time)
 * @param end      cycle of the window's last time (> start)
 * @param firstNew first cycle whose observation no earlier step has seen (start < firstNew <= end)
 * @param last     true when no step follows: the step's estimates of cycles start..end are final
 * @param obs      the observation of a cycle in start+1..end
 */
public record Window(int start, int end, int firstNew, boolean last, IntFunction<Observation> obs) {

    public Window {
        if (start < 0 || end <= start || firstNew <= start || firstNew > end) {
            throw new IllegalArgumentException("window: need 0 <= start < firstNew <= end, got start=" + start
                    + " firstNew=" + firstNew + " end=" + end);
        }
    }

    /** Number of cycles from start to end. */
    public int length() {
        return end - start;
    }

    public Observation observation(int cycle) {
        if (cycle <= start || cycle > end) {
            throw new IllegalArgumentException("window: cycle " + cycle + " is outside (" + start + ", " + end + "]");
        }
        return obs.apply(cycle);
    }
}
