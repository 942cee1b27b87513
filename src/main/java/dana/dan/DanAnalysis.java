package dana.dan;

import dana.filter.Analysis;
import dana.nn.ResidualCnn;
import dana.obs.Observation;
import org.ejml.data.DMatrixRMaj;

/**
 * The learned analysis x^a_m = x^f_m + a_theta(input)_m for every member m, with the input of {@link DanInput} and
 * the output channels of {@link DanLayout#outChannels}.
 * The network runs in float32; the ensemble stays in double and only the increment is rounded, so the model
 * integration between analyses is exactly that of the classical methods.
 */
public final class DanAnalysis implements Analysis {

    private final ResidualCnn network;
    private final DanInput input;
    private final int nx;
    private final float[] in;
    private final float[] out;

    /** @param network a network whose input and output channels match {@code layout} */
    public DanAnalysis(ResidualCnn network, DanLayout layout, int nx) {
        if (network.config().inChannels() != layout.inChannels()) {
            throw new IllegalArgumentException("network: takes " + network.config().inChannels()
                    + " input channels, the layout needs " + layout.inChannels() + " (" + layout.describeChannels() + ")");
        }
        if (network.config().outChannels() != layout.outChannels()) {
            throw new IllegalArgumentException("network: outputs " + network.config().outChannels()
                    + " channels, the learned analysis with " + layout.describeChannels() + " needs "
                    + layout.outChannels() + " (increment fields)");
        }
        this.network = network;
        this.input = new DanInput(layout, nx);
        this.nx = nx;
        this.in = new float[input.sampleSize()];
        this.out = new float[input.outputSize()];
    }

    @Override
    public int members() {
        return input.layout().members();
    }

    @Override
    public void analyse(DMatrixRMaj ensemble, Observation obs) {
        if (ensemble.numRows != members() || ensemble.numCols != nx) {
            throw new IllegalArgumentException("ensemble is " + ensemble.numRows + " x " + ensemble.numCols
                    + ", the learned analysis expects " + members() + " x " + nx);
        }
        double[] e = ensemble.data;
        input.build(e, 0, obs, in, 0);
        network.infer(in, 1, out);
        input.addIncrements(out, 0, e, 0);
    }
}
