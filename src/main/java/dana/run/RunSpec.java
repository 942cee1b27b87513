package dana.run;

import dana.filter.MethodSpec;
import dana.model.Lorenz96Params;

/**
 * One twin-experiment run, fully resolved: model, observations, method, length and seed. Two runs with equal
 * specs give identical results, whatever the number of threads.
 *
 * @param obs          observation operator spec ({@code identity | every:K | subset:F | random:F})
 * @param sigma        observation error standard deviation (R = sigma^2 I)
 * @param cycles       analysis cycles after the initial state (statistics use cycles burnIn+1 .. cycles)
 * @param burnIn       cycles left out of the statistics
 * @param initSpread   standard deviation of the perturbations of the truth that form the initial ensemble
 * @param spinUp       cycles integrated to bring the truth onto the attractor before cycle 0
 */
public record RunSpec(Lorenz96Params model, String obs, double sigma, MethodSpec method, int cycles, int burnIn,
                      long seed, double initSpread, int spinUp) {

    public RunSpec {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma: must be > 0 (observation error standard deviation), got " + sigma);
        }
        if (cycles < 1) throw new IllegalArgumentException("cycles: must be >= 1, got " + cycles);
        if (burnIn < 0 || burnIn >= cycles) {
            throw new IllegalArgumentException("burn-in: must be in [0, cycles) = [0, " + cycles + "), got " + burnIn);
        }
        if (!(initSpread >= 0) || !Double.isFinite(initSpread)) {
            throw new IllegalArgumentException("init-spread: must be >= 0, got " + initSpread);
        }
        if (spinUp < 0) throw new IllegalArgumentException("spin-up: must be >= 0, got " + spinUp);
        if (model == null) throw new IllegalArgumentException("model: missing");
        if (method == null) throw new IllegalArgumentException("method: missing; allowed: " + dana.filter.Method.allowed());
        if (obs == null) throw new IllegalArgumentException("obs: missing; allowed: " + dana.obs.ObservationOperators.ALLOWED);
        if (method.lag() > cycles) {
            throw new IllegalArgumentException("lag: the window (" + method.lag()
                    + " cycles) is longer than the run (" + cycles + " cycles)");
        }
        // parsing the operator here rejects e.g. subset:1.5 or every:80 at nx=40 when the spec is built, not
        // halfway through a batch of runs
        dana.obs.ObservationOperators.parse(obs, model.nx(), seed);
    }

    public static RunSpec standard(MethodSpec method, int cycles, int burnIn, long seed) {
        return new RunSpec(Lorenz96Params.standard(), "identity", 1.0, method, cycles, burnIn, seed, 1.0, 1000);
    }

    public RunSpec withSeed(long s) {
        return new RunSpec(model, obs, sigma, method, cycles, burnIn, s, initSpread, spinUp);
    }

    public RunSpec withMethod(MethodSpec m) {
        return new RunSpec(model, obs, sigma, m, cycles, burnIn, seed, initSpread, spinUp);
    }

    public RunSpec withCycles(int c, int b) {
        return new RunSpec(model, obs, sigma, method, c, b, seed, initSpread, spinUp);
    }
}
