package dana.dan;

import dana.obs.Observation;
import java.util.Arrays;

/**
 * Builds the network input of the learned analysis from a forecast ensemble and the observations of the cycle,
 * adds the network's output to the members ({@link #addIncrements}), and gives the derivatives of both; the one
 * definition shared by the assimilation ({@link DanAnalysis}) and the training (which backpropagates through it). For one sample, with x^f the ensemble mean and R = sigma^2 I:
 * <pre>
 *   channel m < Ne (unless innovation-only): (x^f_m - 2.3) / 3.6       the L96 climatological mean and sd
 *   innovation channel:                      H^T R^-1 (y - H x^f)       zero at unobserved points
 *   precision channel (H != I):              diag(H^T R^-1 H)           1/sigma^2 where observed, else 0
 * </pre>
 * The map is affine in the members: {@link #tangent} is its linear part and {@link #adjoint} the transpose
 * (1/3.6 on the member channels, -H^T R^-1 H spread as 1/Ne over the members on the innovation channel, nothing
 * from the precision channel). Instances hold a scratch mean and are not thread-safe.
 */
public final class DanInput {

    /** Climatological mean and standard deviation of L96 (F = 8), used to standardise the members. */
    public static final double CLIMATE_MEAN = 2.3;
    public static final double CLIMATE_SD = 3.6;

    private final DanLayout layout;
    private final int nx;
    private final double[] mean;

    public DanInput(DanLayout layout, int nx) {
        this.layout = layout;
        this.nx = nx;
        this.mean = new double[nx];
    }

    public DanLayout layout() {
        return layout;
    }

    public int nx() {
        return nx;
    }

    /** Floats of one sample's input: channels x nx. */
    public int sampleSize() {
        return layout.inChannels() * nx;
    }

    /**
     * Writes sample {@code sample} of a batch input {@code out} (layout [batch][channels][nx]) from the forecast
     * members {@code members[off + m nx + i]} and the observations {@code y}.
     */
    public void build(double[] members, int off, Observation y, float[] out, int sample) {
        int ne = layout.members();
        int base = sample * sampleSize();
        meanOf(members, off, ne);
        for (int c = 0; c < layout.memberChannels(); c++) {
            int from = off + c * nx, to = base + c * nx;
            for (int i = 0; i < nx; i++) out[to + i] = (float) ((members[from + i] - CLIMATE_MEAN) / CLIMATE_SD);
        }
        int inn = base + layout.innovationChannel() * nx;
        Arrays.fill(out, inn, inn + nx, 0f);
        double precision = 1.0 / (y.sigma() * y.sigma());
        int[] idx = y.indices();
        double[] v = y.values();
        for (int j = 0; j < idx.length; j++) out[inn + idx[j]] = (float) ((v[j] - mean[idx[j]]) * precision);
        if (layout.precisionChannel()) {
            int pc = inn + nx;
            Arrays.fill(out, pc, pc + nx, 0f);
            for (int k : idx) out[pc + k] = (float) precision;
        }
    }

    /**
     * Writes sample {@code sample} of a batch input from one forecast state {@code x[off .. off + nx)} and a
     * given innovation term {@code zeta[zetaOff .. zetaOff + nx)} (the field H^T R^-1 (y - H x^f)), for a fully
     * observed state (no precision channel). This is the network as a function a_theta(x, zeta) of two
     * independent arguments, which the diagnostics differentiate; {@link #build} is the same map with
     * zeta computed from the observations, and writes the same floats for the same zeta.
     *
     * @throws IllegalStateException when the layout has more than one member or a precision channel
     */
    public void buildFromInnovation(double[] x, int off, double[] zeta, int zetaOff, float[] out, int sample) {
        if (layout.memberChannels() > 1 || layout.precisionChannel()) {
            throw new IllegalStateException("a_theta(x, zeta) is defined here for one state and H = I, not for "
                    + layout.describeChannels());
        }
        int base = sample * sampleSize();
        if (layout.memberChannels() == 1) {
            for (int i = 0; i < nx; i++) out[base + i] = (float) ((x[off + i] - CLIMATE_MEAN) / CLIMATE_SD);
        }
        int inn = base + layout.innovationChannel() * nx;
        for (int i = 0; i < nx; i++) out[inn + i] = (float) zeta[zetaOff + i];
    }

    /**
     * The linear part of {@link #build}: the change of one sample's input (channels x nx, in double) caused by
     * a change {@code dMembers[off + m nx + i]} of the members.
     */
    public void tangent(double[] dMembers, int off, Observation y, double[] out) {
        Arrays.fill(out, 0, sampleSize(), 0.0);
        for (int c = 0; c < layout.memberChannels(); c++) {
            for (int i = 0; i < nx; i++) out[c * nx + i] = dMembers[off + c * nx + i] / CLIMATE_SD;
        }
        meanOf(dMembers, off, layout.members());
        double precision = 1.0 / (y.sigma() * y.sigma());
        int inn = layout.innovationChannel() * nx;
        for (int k : y.indices()) out[inn + k] = -mean[k] * precision;
    }

    /**
     * Adds to {@code gMembers[off + m nx + i]} the gradient with respect to the members of a loss whose
     * gradient with respect to this sample's input is {@code grad} (sample {@code sample} of a batch, layout
     * [batch][channels][nx]): the transpose of {@link #tangent}.
     */
    public void adjoint(float[] grad, int sample, Observation y, double[] gMembers, int off) {
        int ne = layout.members();
        int base = sample * sampleSize();
        for (int c = 0; c < layout.memberChannels(); c++) {
            for (int i = 0; i < nx; i++) gMembers[off + c * nx + i] += grad[base + c * nx + i] / CLIMATE_SD;
        }
        // the innovation depends on the mean: -H^T R^-1 H, then 1/Ne to each member
        double w = -1.0 / (y.sigma() * y.sigma() * ne);
        int inn = base + layout.innovationChannel() * nx;
        for (int k : y.indices()) {
            double g = grad[inn + k] * w;
            for (int m = 0; m < ne; m++) gMembers[off + m * nx + k] += g;
        }
    }

    /** Floats of one sample's output: one increment field per output channel ({@link DanLayout#outChannels}). */
    public int outputSize() {
        return layout.outChannels() * nx;
    }

    /**
     * The analysis itself: adds to each member {@code members[off + m nx + i]} its increment, channel
     * {@link DanLayout#incrementChannel}(m) of sample {@code sample} of a batch output {@code out}.
     */
    public void addIncrements(float[] out, int sample, double[] members, int off) {
        int base = sample * outputSize();
        for (int m = 0; m < layout.members(); m++) {
            int from = base + layout.incrementChannel(m) * nx, to = off + m * nx;
            for (int i = 0; i < nx; i++) members[to + i] += out[from + i];
        }
    }

    /**
     * The transpose of {@link #addIncrements}: writes into sample {@code sample} of {@code gOut} the gradient with
     * respect to the output of a loss whose gradient with respect to the analysed members is
     * {@code gMembers[off + m nx + i]}: each member's own gradient, or their sum (in double, rounded once) for
     * the one shared increment.
     */
    public void incrementAdjoint(double[] gMembers, int off, float[] gOut, int sample) {
        int base = sample * outputSize(), ne = layout.members();
        if (layout.outChannels() == 1) {
            for (int i = 0; i < nx; i++) {
                double s = 0;
                for (int m = 0; m < ne; m++) s += gMembers[off + m * nx + i];
                gOut[base + i] = (float) s;
            }
        } else {
            for (int j = 0; j < ne * nx; j++) gOut[base + j] = (float) gMembers[off + j];
        }
    }

    private void meanOf(double[] members, int off, int ne) {
        System.arraycopy(members, off, mean, 0, nx);
        for (int m = 1; m < ne; m++) {
            for (int i = 0; i < nx; i++) mean[i] += members[off + m * nx + i];
        }
        if (ne > 1) {
            for (int i = 0; i < nx; i++) mean[i] /= ne;
        }
    }
}
