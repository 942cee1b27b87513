package dana.model;

/**
 * Parameters of a Lorenz-96 model: Nx variables, forcing F, RK4 step dt and steps per assimilation cycle
 * (so the time between analyses is dt * stepsPerCycle).
 */
public record Lorenz96Params(int nx, double forcing, double dt, int stepsPerCycle) {

    public Lorenz96Params {
        if (nx < 4) throw new IllegalArgumentException("nx must be >= 4 (the L96 stencil spans 4 points), got " + nx);
        if (!(Double.isFinite(forcing))) throw new IllegalArgumentException("forcing must be finite, got " + forcing);
        if (!(dt > 0) || !Double.isFinite(dt)) throw new IllegalArgumentException("dt must be > 0, got " + dt);
        if (stepsPerCycle < 1) throw new IllegalArgumentException("steps-per-cycle must be >= 1, got " + stepsPerCycle);
    }

    public static Lorenz96Params standard() {
        return new Lorenz96Params(40, 8.0, 0.05, 1);
    }

    /** Time between two analyses. */
    public double cycleTime() {
        return dt * stepsPerCycle;
    }
}
