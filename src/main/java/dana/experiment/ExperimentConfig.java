package dana.experiment;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An experiment, resolved: its configurations (grid entries expanded, defaults and {@code --short} applied),
 * the seeds each configuration runs with, the reference values to print beside the results and the plots of a
 * result against a parameter ({@code plots}).
 *
 * @param shortened true when the file's {@code short} block was applied
 */
public record ExperimentConfig(String name, String description, List<Long> seeds, List<RunConfig> runs,
                               List<Expectation> expectations, List<PlotSpec> plots, boolean shortened) {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public ExperimentConfig {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: must be letters, digits, '.', '_' or '-' (it names the results directory), got '" + name + "'");
        }
        description = description == null ? "" : description;
        if (seeds == null || seeds.isEmpty()) throw new IllegalArgumentException("seeds: needs at least one seed");
        if (new HashSet<>(seeds).size() != seeds.size()) throw new IllegalArgumentException("seeds: must be distinct, got " + seeds);
        if (runs == null || runs.isEmpty()) throw new IllegalArgumentException("runs: needs at least one run");
        Set<String> ids = new HashSet<>();
        for (RunConfig r : runs) {
            if (!ids.add(r.id())) throw new IllegalArgumentException("runs: id '" + r.id() + "' is used twice; ids must be unique");
        }
        seeds = List.copyOf(seeds);
        runs = List.copyOf(runs);
        expectations = expectations == null ? List.of() : List.copyOf(expectations);
        plots = plots == null ? List.of() : List.copyOf(plots);
        Set<String> files = new HashSet<>();
        for (PlotSpec p : plots) {
            if (!files.add(p.file())) throw new IllegalArgumentException("plots: file '" + p.file() + "' is used twice");
            // the per-configuration plots share the directory
            for (RunConfig r : runs) {
                if (p.file().equals("rmse-" + r.id() + ".png") || p.file().equals("hovmoller-" + r.id() + ".png")) {
                    throw new IllegalArgumentException("plots: file '" + p.file() + "' is the name of a plot of configuration " + r.id());
                }
            }
            if (p.file().equals("rmse-by-config.png")) {
                throw new IllegalArgumentException("plots: file 'rmse-by-config.png' is the name of the comparison plot");
            }
        }
    }

    /** Total analysis cycles of the experiment (every configuration with every seed). */
    public long totalCycles() {
        long c = 0;
        for (RunConfig r : runs) c += (long) r.cycles() * seeds.size();
        return c;
    }
}
