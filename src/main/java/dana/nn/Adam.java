package dana.nn;

import static dana.nn.Simd.F;
import static dana.nn.Simd.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Adam (Kingma and Ba 2015) with bias correction and optional decoupled weight decay, updating a
 * {@link Parameters} vector in place from its gradients:
 * {@code m <- b1 m + (1-b1) g; v <- b2 v + (1-b2) g^2;
 * p <- p (1 - lr wd) - lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}.
 * The moments are float (like the parameters); the bias corrections are computed in double once per step.
 */
public final class Adam {

    private final AdamConfig config;
    private final Parameters params;
    private final float[] m;
    private final float[] v;
    private long step;

    public Adam(Parameters params, AdamConfig config) {
        this.params = params;
        this.config = config;
        this.m = new float[params.size()];
        this.v = new float[params.size()];
    }

    /** Restores a saved state (see {@link AdamState}); the arrays are copied. */
    public Adam(Parameters params, AdamState state) {
        this(params, state.config());
        if (state.firstMoment().length != params.size() || state.secondMoment().length != params.size()) {
            throw new IllegalArgumentException("optimiser state has " + state.firstMoment().length
                    + " moments, the network has " + params.size() + " parameters");
        }
        System.arraycopy(state.firstMoment(), 0, m, 0, m.length);
        System.arraycopy(state.secondMoment(), 0, v, 0, v.length);
        this.step = state.step();
    }

    public AdamConfig config() {
        return config;
    }

    /** Number of steps taken. */
    public long step() {
        return step;
    }

    /** A copy of the state, for checkpoints. */
    public AdamState state() {
        return new AdamState(config, step, m.clone(), v.clone());
    }

    /** One update with learning rate {@code lr} from the current gradients (left unchanged). */
    public void update(double lr) {
        if (!(lr >= 0) || !Double.isFinite(lr)) throw new IllegalArgumentException("lr must be finite and >= 0, got " + lr);
        step++;
        float b1 = (float) config.beta1();
        float b2 = (float) config.beta2();
        // bias-corrected step: lr / (1 - b1^t) on m, and sqrt(1 - b2^t) folded into the denominator
        double c1 = 1 - Math.pow(config.beta1(), step);
        double c2 = 1 - Math.pow(config.beta2(), step);
        float stepSize = (float) (lr / c1);
        float rootC2 = (float) Math.sqrt(c2);
        float eps = (float) config.epsilon();
        float decay = (float) (1 - lr * config.weightDecay());
        float[] p = params.values();
        float[] g = params.gradients();
        int n = p.length;
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector gv = FloatVector.fromArray(F, g, i);
            FloatVector mv = FloatVector.fromArray(F, m, i).mul(b1).add(gv.mul(1 - b1));
            FloatVector vv = FloatVector.fromArray(F, v, i).mul(b2).add(gv.mul(gv).mul(1 - b2));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector denom = vv.lanewise(VectorOperators.SQRT).div(rootC2).add(eps);
            FloatVector pv = FloatVector.fromArray(F, p, i).mul(decay);
            pv.sub(mv.mul(stepSize).div(denom)).intoArray(p, i);
        }
        for (; i < n; i++) {
            float gi = g[i];
            m[i] = m[i] * b1 + gi * (1 - b1);
            v[i] = v[i] * b2 + gi * gi * (1 - b2);
            float denom = (float) Math.sqrt(v[i]) / rootC2 + eps;
            p[i] = p[i] * decay - m[i] * stepSize / denom;
        }
    }
}
