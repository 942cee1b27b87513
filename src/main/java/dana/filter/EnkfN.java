package dana.filter;

import dana.obs.Observation;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * Finite-size ensemble Kalman filter, EnKF-N (Bocquet 2011; Bocquet, Raanes and Hannart 2015), dual form: the
 * ensemble is taken as a sample of a Gaussian of unknown covariance with a Jeffreys hyperprior, which yields an
 * inflation factor per cycle with no tuning. The inflation l (of the anomalies) minimises the dual cost
 * <pre>
 *   J(t) = sum_i du_i^2 / (t lambda_i + N1) + eN / t + cL ln t,   t = l^2,
 * </pre>
 * where lambda_i are the eigenvalues of S S^T and du_i the innovation in their left singular directions;
 * the analysis is then the ETKF with that inflation. eN = (N+1)/N and cL = N/(N-1) for the Jeffreys prior.
 */
public final class EnkfN implements Analysis {

    /** Hyperprior variants. */
    public enum Variant {
        /** Jeffreys hyperprior as in Bocquet (2011): eN = (N+1)/N, cL = N/(N-1). */
        JEFFREYS("jeffreys", false, 1.0),
        /**
         * The same with the prior mode pulled towards 1 as the observations' weight vanishes (Bocquet et al.
         * 2015, eq. 36, as DAPPER applies it).
         */
        MODE_CORRECTED("mode-corrected", true, 1.0),
        /** Mode-corrected hyperprior whose certainty is doubled (DAPPER's xN = 2). */
        MODE_CORRECTED_X2("mode-corrected-x2", true, 2.0);

        public static final Variant DEFAULT = MODE_CORRECTED_X2;

        private final String cliName;
        private final boolean modeCorrection;
        private final double xn;

        Variant(String cliName, boolean modeCorrection, double xn) {
            this.cliName = cliName;
            this.modeCorrection = modeCorrection;
            this.xn = xn;
        }

        public String cliName() {
            return cliName;
        }

        public static Variant parse(String s) {
            for (Variant v : values()) if (v.cliName.equalsIgnoreCase(s.trim())) return v;
            StringBuilder allowed = new StringBuilder();
            for (Variant v : values()) allowed.append(allowed.length() > 0 ? ", " : "").append(v.cliName);
            throw new IllegalArgumentException("variant: unknown EnKF-N hyperprior '" + s + "'; allowed: " + allowed);
        }
    }

    private final EnsembleSpace space;
    private final Variant variant;
    private final boolean rotate;
    private final SplittableRandom rng;
    private double lastInflation = Double.NaN;

    public EnkfN(int nx, int members, Variant variant, boolean rotate, SplittableRandom rng) {
        this.space = new EnsembleSpace(nx, members);
        this.variant = variant;
        this.rotate = rotate;
        this.rng = rng;
    }

    @Override
    public int members() {
        return space.ne;
    }

    /** The inflation factor l of the last analysis (for diagnostics). */
    public double lastInflation() {
        return lastInflation;
    }

    @Override
    public void analyse(DMatrixRMaj ensemble, Observation obs) {
        EnsembleSpace sp = space;
        sp.center(ensemble, 1.0);
        sp.observe(obs);
        sp.decompose();
        DualCost cost = dualCost(sp.lambda, sp.vb, sp.ne, variant);
        double t = cost.argmin();
        double l = Math.sqrt(t);
        lastInflation = l;
        sp.etkfCoefficients(l);
        if (rotate) sp.rotate(rng);
        // E^a = xbar + W (l A): scale the anomalies by the inflation before applying W
        double[] a = sp.anomalies.data;
        for (int i = 0; i < a.length; i++) a[i] *= l;
        sp.apply(ensemble);
    }

    /**
     * The dual cost for eigenvalues lambda of S S^T and beta = V^T S u; du_i^2 = beta_i^2 / lambda_i, so
     * du_i^2 / (t lambda_i + N1) = beta_i^2 / (lambda_i (t lambda_i + N1)), well defined as beta_i -> 0 with
     * lambda_i (beta_i^2 <= lambda_i |u|^2).
     */
    static DualCost dualCost(double[] lambda, double[] beta, int n, Variant variant) {
        double[] c = hyperpriorCoefficients(lambda, n, variant);
        return new DualCost(lambda, beta, n - 1, c[0], c[1]);
    }

    /**
     * The hyperprior's coefficients {eN, cL} for an ensemble of n members whose normalised observation
     * anomalies S have eigenvalues lambda of S S^T (the mode correction depends on them). Shared with the
     * iterative filters' finite-size variant ({@code EnsembleGaussNewton}).
     */
    static double[] hyperpriorCoefficients(double[] lambda, int n, Variant variant) {
        int n1 = n - 1;
        double eN = (n + 1.0) / n;
        double cL = (double) n / n1;
        if (variant.modeCorrection) {
            double priorMode = eN / cL;
            double iKH = 0;
            for (int i = 0; i < n; i++) iKH += n1 / (lambda[i] + n1);
            iKH /= n;
            double mc = Math.sqrt(Math.pow(priorMode, iKH));
            eN /= mc;
            cL *= mc;
        }
        eN *= variant.xn;
        cL *= variant.xn;
        return new double[] {eN, cL};
    }

    /** J(t) of the class comment, with its first two derivatives, and a safeguarded Newton minimiser. */
    record DualCost(double[] lambda, double[] beta, int n1, double eN, double cL) {

        private static final double TINY = 1e-12;

        double value(double t) {
            double j = eN / t + cL * Math.log(t);
            for (int i = 0; i < lambda.length; i++) {
                if (lambda[i] > TINY) j += beta[i] * beta[i] / (lambda[i] * (t * lambda[i] + n1));
            }
            return j;
        }

        /** dJ/dt = -sum beta^2 / (t lambda + N1)^2 - eN / t^2 + cL / t. */
        double derivative(double t) {
            double d = -eN / (t * t) + cL / t;
            for (int i = 0; i < lambda.length; i++) {
                double q = t * lambda[i] + n1;
                d -= beta[i] * beta[i] / (q * q);
            }
            return d;
        }

        double second(double t) {
            double d = 2 * eN / (t * t * t) - cL / (t * t);
            for (int i = 0; i < lambda.length; i++) {
                double q = t * lambda[i] + n1;
                d += 2 * beta[i] * beta[i] * lambda[i] / (q * q * q);
            }
            return d;
        }

        /**
         * The minimiser over t > 0: J' -> -inf as t -> 0 and J' ~ cL / t > 0 for large t, so a sign change is
         * bracketed; Newton steps are kept inside the bracket, with bisection (in log t) as the fallback.
         * Starts from the prior's mode eN / cL, where the minimum sits when the innovation is small.
         */
        double argmin() {
            double lo = 1e-6, hi = 1.0;
            while (derivative(hi) < 0 && hi < 1e12) hi *= 4;
            while (derivative(lo) > 0 && lo > 1e-300) lo /= 4;
            double t = Math.min(Math.max(eN / cL, lo), hi);
            for (int it = 0; it < 100; it++) {
                double d = derivative(t);
                if (d < 0) lo = t; else hi = t;
                double h = second(t);
                double next = h > 0 ? t - d / h : Double.NaN;
                if (!(next > lo && next < hi)) next = Math.sqrt(lo * hi);
                if (Math.abs(next - t) <= 1e-12 * t) return next;
                t = next;
            }
            return t;
        }
    }
}
