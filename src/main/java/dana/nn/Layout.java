package dana.nn;

/**
 * The parameter layout of a {@link CnnConfig}: per convolution (stem, block b conv s, head) a weight tensor
 * {@code [K][Cin][Cout]} then a bias {@code [Cout]}, back to back. The single source of the tensor names and
 * shapes, used by the network and the file format.
 */
final class Layout {

    private Layout() {
    }

    static Parameters of(CnnConfig config) {
        return build(config, new Parameters.Builder(), null);
    }

    /** Adds the tensors to {@code builder}; when {@code convs} is not null it receives the convolutions. */
    static Parameters build(CnnConfig config, Parameters.Builder builder, Conv1dCircular[] convs) {
        int nf = config.filters();
        int n = config.convolutions();
        add(builder, convs, 0, "stem", config.inChannels(), nf, config.kernel());
        for (int b = 0; b < config.blocks(); b++) {
            for (int s = 0; s < config.layersPerBlock(); s++) {
                add(builder, convs, 1 + b * config.layersPerBlock() + s, "block" + b + ".conv" + s, nf, nf,
                        config.kernel());
            }
        }
        add(builder, convs, n - 1, "head", nf, config.outChannels(), config.headKernel());
        return builder.build();
    }

    private static void add(Parameters.Builder builder, Conv1dCircular[] convs, int index, String name, int cin,
                            int cout, int kernel) {
        int w = builder.add(name + ".weight", kernel, cin, cout);
        int b = builder.add(name + ".bias", cout);
        if (convs != null) convs[index] = new Conv1dCircular(cin, cout, kernel, w, b);
    }
}
