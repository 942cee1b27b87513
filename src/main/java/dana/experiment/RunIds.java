package dana.experiment;

import dana.filter.EnkfN;
import dana.filter.IterativeSpec;
import dana.filter.Method;
import dana.filter.MethodSpec;
import dana.model.Lorenz96Params;
import dana.nn.NetworkFile;
import dana.var.FourDVarConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Readable ids for runs that have none, made of the method and the settings that differ from neutral ones,
 * e.g. {@code etkf-ne20-i1.02-rot}, {@code 3dvar-a0.015}, {@code letkf-ne10-i1.03-r4}, {@code enkf-n-ne40-obs-every4}.
 */
final class RunIds {

    private RunIds() {
    }

    static String auto(MethodSpec m, Lorenz96Params model, String obs, double sigma) {
        List<String> parts = new ArrayList<>();
        parts.add(m.method().cliName());
        if (m.method().isEnsemble() || m.method() == Method.DAN) parts.add("ne" + m.members());
        if (m.method() == Method.DAN) parts.add(NetworkFile.nameOf(m.network()).replaceFirst("^dan-", ""));
        boolean usesInflation = m.method() == Method.ETKF || m.method() == Method.ENKF || m.method() == Method.LETKF
                || m.method().isIterative();
        if (usesInflation && m.inflation() != 1.0) parts.add("i" + compact(m.inflation()));
        if ((m.method() == Method.ETKF || m.method() == Method.ENKF_N) && m.rotate()) parts.add("rot");
        if (m.method() == Method.LETKF && Double.isFinite(m.radius())) parts.add("r" + compact(m.radius()));
        if (m.method() == Method.VAR3D || m.method() == Method.VAR4D || (m.method() == Method.OI && m.alpha() != MethodSpec.defaultAlpha(Method.OI))) {
            parts.add("a" + compact(m.alpha()));
        }
        if (m.method() == Method.ENKF_N && !m.variant().equalsIgnoreCase(EnkfN.Variant.DEFAULT.cliName())) {
            parts.add(m.variant().toLowerCase());
        }
        if (m.method().isIterative()) {
            IterativeSpec it = m.iterative();
            if (!m.variant().equalsIgnoreCase(MethodSpec.NO_HYPERPRIOR)) parts.add("n-" + m.variant().toLowerCase());
            if (m.method() == Method.IENKS) parts.add("L" + it.lag() + "S" + it.shift() + (it.mda() ? "-mda" : ""));
            if (it.iterations() != IterativeSpec.DEFAULT_ITERATIONS) parts.add("it" + it.iterations());
            if (it.tolerance() != IterativeSpec.DEFAULT_TOLERANCE) parts.add("tol" + compact(it.tolerance()));
            if (it.bundle()) parts.add("bundle" + (it.epsilon() != IterativeSpec.DEFAULT_EPSILON ? compact(it.epsilon()) : ""));
        }
        if (m.method() == Method.VAR4D) {
            FourDVarConfig v = m.variational();
            parts.add("L" + v.lag() + "S" + v.shift());
            if (v.outerLoops() != FourDVarConfig.DEFAULT_OUTER_LOOPS) parts.add("it" + v.outerLoops());
            if (v.innerIterations() != FourDVarConfig.DEFAULT_INNER_ITERATIONS) parts.add("cg" + v.innerIterations());
            if (v.tolerance() != FourDVarConfig.DEFAULT_TOLERANCE) parts.add("tol" + compact(v.tolerance()));
        }
        // the model and observation settings appear only when they leave the standard configuration
        Lorenz96Params std = Lorenz96Params.standard();
        if (model.nx() != std.nx()) parts.add("nx" + model.nx());
        if (model.forcing() != std.forcing()) parts.add("F" + compact(model.forcing()));
        if (model.dt() != std.dt()) parts.add("dt" + compact(model.dt()));
        if (model.stepsPerCycle() != std.stepsPerCycle()) parts.add("spc" + model.stepsPerCycle());
        if (!obs.trim().equalsIgnoreCase("identity")) parts.add("obs-" + obs.trim().toLowerCase().replace(":", ""));
        if (sigma != 1.0) parts.add("sigma" + compact(sigma));
        return sanitize(String.join("-", parts));
    }

    /** 1.02 -> "1.02", 4.0 -> "4", 0.015 -> "0.015": the shortest exact decimal, never in E notation. */
    static String compact(double v) {
        if (!Double.isFinite(v)) return v > 0 ? "inf" : v < 0 ? "-inf" : "nan";
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static String sanitize(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
