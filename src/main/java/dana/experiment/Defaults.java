package dana.experiment;

/**
 * The standard configuration of the study (Lorenz-96, Nx = 40, F = 8, one RK4 step of 0.05 per cycle, H = I,
 * R = I, 10^4 cycles after 10^3 of burn-in): the defaults of the command line and of experiment files.
 * Constants, so that the command-line annotations can use them.
 */
public final class Defaults {

    private Defaults() {
    }

    public static final int NX = 40;
    public static final double FORCING = 8.0;
    public static final double DT = 0.05;
    public static final int STEPS_PER_CYCLE = 1;
    public static final String OBS = "identity";
    public static final double SIGMA = 1.0;
    public static final int CYCLES = 11_000;
    public static final int BURN_IN = 1_000;
    public static final long SEED = 1;
    public static final int MEMBERS = 20;
    public static final double INFLATION = 1.0;
    public static final double INIT_SPREAD = 1.0;
    public static final int SPIN_UP = 1_000;
}
