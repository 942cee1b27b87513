package dana.train;

/** Training files for the tests: a tiny network on the standard L96 set-up, a few seconds per run. */
final class TinyConfigs {

    private TinyConfigs() {
    }

    /** The tiny config's YAML; {@code training} is added to the training section, {@code rest} at the end. */
    static String yaml(long steps, String training, String rest) {
        return """
                name: tiny
                network: {filters: 8, blocks: 1, layers_per_block: 2, kernel: 5, head_kernel: 5}
                training:
                  pool: 256
                  batch: 32
                  niter: 3
                  steps: %d
                  learning_rate: {peak: 3e-3, warmup: 10, floor: 1e-4}
                  threads: 2
                %s
                validation: {every: 0, cycles: 600, burn_in: 100, seeds: [101]}
                checkpoint_every: 10
                %s
                """.formatted(steps, training.isEmpty() ? "" : "  " + training, rest);
    }

    /** The tiny config trained at several grid sizes, {@code sizes} as written in the file (e.g. "[20, 40, 80]"). */
    static String multiYaml(long steps, String sizes) {
        return yaml(steps, "", "").replace("name: tiny\n", "name: tiny\nmodel: {nx: " + sizes + "}\n")
                .replace("validation: {every: 0", "validation: {nx: 40, every: 0");
    }

    static TrainConfig multi(long steps) {
        return TrainConfigParser.parse(multiYaml(steps, "[20, 40, 80]"), "tiny-multi.yaml");
    }

    static TrainConfig config(long steps) {
        return TrainConfigParser.parse(yaml(steps, "", ""), "tiny.yaml");
    }

    /** The tiny config with one text replaced (e.g. "batch: 32" by "batch: 16"). */
    static TrainConfig with(long steps, String from, String to) {
        String y = yaml(steps, "", "");
        if (!y.contains(from)) throw new IllegalArgumentException("no '" + from + "' in the tiny config");
        return TrainConfigParser.parse(y.replace(from, to), "tiny.yaml");
    }
}
