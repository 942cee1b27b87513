package dana.nn;

/**
 * Plain double-precision loops for the circular convolution and the whole network, in the external layout
 * {@code [batch][channels][nx]}: the slow, obviously correct definitions the vectorised engine is checked
 * against. Parameters are read from the engine's flat vector through {@link Conv1dCircular#weightIndex}.
 */
final class Reference {

    private Reference() {
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    /** y[b, co, x] = bias[co] + sum_{ci, k} W[co, ci, k] in[b, ci, (x + k - K/2) mod nx]. */
    static double[] conv(Conv1dCircular c, double[] p, double[] in, int batch, int nx) {
        int cin = c.cin(), cout = c.cout(), k = c.kernel(), h = k / 2;
        double[] out = new double[batch * cout * nx];
        for (int b = 0; b < batch; b++) {
            for (int co = 0; co < cout; co++) {
                for (int x = 0; x < nx; x++) {
                    double s = p[c.biasOffset() + co];
                    for (int ci = 0; ci < cin; ci++) {
                        for (int kk = 0; kk < k; kk++) {
                            s += p[c.weightIndex(co, ci, kk)] * in[(b * cin + ci) * nx + Math.floorMod(x + kk - h, nx)];
                        }
                    }
                    out[(b * cout + co) * nx + x] = s;
                }
            }
        }
        return out;
    }

    /** Weight and bias gradients (into grads, at the parameter offsets) and the input gradient of a conv. */
    static double[] convBackward(Conv1dCircular c, double[] p, double[] in, double[] gradOut, int batch, int nx,
                                 double[] grads) {
        int cin = c.cin(), cout = c.cout(), k = c.kernel(), h = k / 2;
        double[] gin = new double[batch * cin * nx];
        for (int b = 0; b < batch; b++) {
            for (int co = 0; co < cout; co++) {
                for (int x = 0; x < nx; x++) {
                    double g = gradOut[(b * cout + co) * nx + x];
                    grads[c.biasOffset() + co] += g;
                    for (int ci = 0; ci < cin; ci++) {
                        for (int kk = 0; kk < k; kk++) {
                            int src = (b * cin + ci) * nx + Math.floorMod(x + kk - h, nx);
                            grads[c.weightIndex(co, ci, kk)] += g * in[src];
                            gin[src] += g * p[c.weightIndex(co, ci, kk)];
                        }
                    }
                }
            }
        }
        return gin;
    }

    static double[] activate(Activation act, double[] z) {
        double[] y = new double[z.length];
        for (int i = 0; i < z.length; i++) y[i] = act.valueScalar(z[i]);
        return y;
    }

    /** The network of {@link CnnConfig}, in double. */
    static double[] network(ResidualCnn net, double[] p, double[] input, int batch, int nx) {
        Conv1dCircular[] convs = net.convolutions();
        CnnConfig cfg = net.config();
        Activation act = cfg.activation();
        double[] h = activate(act, conv(convs[0], p, input, batch, nx));
        for (int b = 0; b < cfg.blocks(); b++) {
            double[] a = h;
            for (int s = 0; s < cfg.layersPerBlock(); s++) {
                a = activate(act, conv(convs[1 + b * cfg.layersPerBlock() + s], p, a, batch, nx));
            }
            for (int i = 0; i < h.length; i++) a[i] += h[i];
            h = a;
        }
        return conv(convs[convs.length - 1], p, h, batch, nx);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double dot(float[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] randomArray(java.util.SplittableRandom rng, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = rng.nextDouble(-1, 1);
        return a;
    }

    static float[] randomFloats(java.util.SplittableRandom rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rng.nextDouble(-1, 1);
        return a;
    }
}
