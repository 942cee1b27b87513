package dana.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dana.filter.Method;
import dana.filter.MethodSpec;
import dana.model.Lorenz96Params;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every filter works with every observation operator: a short run (600 cycles, 200 burn-in) must stay finite
 * and beat the climatology (3.6). The ensemble filters must track the truth (aRMSE < 1) when every other, or a
 * random three quarters, of the variables are observed; OI and 3D-Var, whose static B cannot fill large gaps,
 * must beat climatology clearly (< 3). The bounds are loose on purpose: this is a wiring test, the accuracy is
 * pinned by ClassicalTableTest. (With a random half of the variables, gaps of 4-5 unobserved points make global
 * Ne = 20 filters lose track in some seeds; that is the filters', not the wiring's, limit.)
 */
class EveryOperatorTest {

    static final Runner RUNNER = new Runner();

    static List<Object[]> cases() {
        double inf = Double.POSITIVE_INFINITY;
        List<MethodSpec> methods = List.of(
                new MethodSpec(Method.OI, 1, 1.0, false, inf, 1.0, null),
                new MethodSpec(Method.VAR3D, 1, 1.0, false, inf, 0.05, null),
                new MethodSpec(Method.ETKF, 20, 1.08, true, inf, 1.0, null),
                new MethodSpec(Method.ENKF, 40, 1.06, false, inf, 1.0, null),
                new MethodSpec(Method.ENKF_N, 20, 1.0, false, inf, 1.0, null),
                new MethodSpec(Method.LETKF, 10, 1.08, false, 3.0, 1.0, null));
        List<Object[]> out = new ArrayList<>();
        for (MethodSpec m : methods) {
            for (String obs : new String[] {"identity", "every:2", "subset:0.75", "random:0.75"}) {
                double bound = m.method().isEnsemble() ? 1.0 : 3.0;
                out.add(new Object[] {m.describe() + " / " + obs, m, obs, bound});
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tracksTheTruth(String name, MethodSpec method, String obs, double bound) {
        RunSpec spec = new RunSpec(Lorenz96Params.standard(), obs, 1.0, method, 600, 200, 3, 1.0, 500);
        RunResult r = RUNNER.run(spec, 1, Progress.NONE);
        assertFalse(r.diverged(), name + " diverged at " + r.divergedAtCycle());
        assertTrue(r.rmseA() < bound, name + ": aRMSE " + r.rmseA() + " >= " + bound);
    }
}
