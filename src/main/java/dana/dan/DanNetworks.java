package dana.dan;

import dana.nn.Activation;
import dana.nn.CnnConfig;
import dana.nn.EngineOptions;
import dana.nn.NetworkFile;
import dana.obs.ObservationOperator;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract between a network file and the runs that use it: the metadata the trainer writes about the
 * input convention, and the check that a file fits a run (its input channels against the requested ensemble
 * size, the variant it was trained as and the run's observation operator). Every failure is an
 * {@link IllegalArgumentException} whose one-line message starts with the file name.
 */
public final class DanNetworks {

    /** Metadata keys written by the trainer. */
    public static final String VARIANT = "dan.variant";
    public static final String MEMBERS = "dan.members";
    public static final String PRECISION_CHANNEL = "dan.precision_channel";

    private DanNetworks() {
    }

    /** A network file checked against a run, with the layout the run will feed it. */
    public record Loaded(Path file, NetworkFile.Contents contents, DanLayout layout) {
        /** The analysis for a state of dimension {@code nx}, inferring on one thread (batch = one state). */
        public DanAnalysis analysis(int nx) {
            return new DanAnalysis(contents.toNetwork(EngineOptions.defaults().withThreads(1)), layout, nx);
        }
    }

    /** The metadata describing {@code layout}, to store in the network file. */
    public static Map<String, String> metadata(DanLayout layout) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(VARIANT, layout.variant().cliName());
        m.put(MEMBERS, Integer.toString(layout.members()));
        m.put(PRECISION_CHANNEL, Boolean.toString(layout.precisionChannel()));
        return m;
    }

    /** Reads a network file; any failure is one line naming the file. */
    public static NetworkFile.Contents read(Path file) {
        try {
            return NetworkFile.read(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such network file");
        } catch (IOException e) {
            // FileFormatException messages already start with the file and are one line
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IllegalArgumentException(msg.startsWith(file.toString()) ? msg
                    : file + ": cannot read the network file (" + msg + ")");
        }
    }

    /**
     * Reads {@code file} and checks it against a run.
     *
     * @param members the requested ensemble size, or null for the one the network was trained with
     * @param h       the run's observation operator (decides the precision channel)
     */
    public static Loaded load(Path file, Integer members, ObservationOperator h) {
        NetworkFile.Contents c = read(file);
        CnnConfig cfg = c.config();
        DanVariant variant = variant(file, c);
        boolean precision = DanLayout.needsPrecisionChannel(h);
        int ne = members != null ? members : defaultMembers(file, c, variant, precision);
        if (ne < 1) throw new IllegalArgumentException("members: the learned analysis needs >= 1 member, got " + ne);
        DanLayout layout = new DanLayout(ne, variant, precision);
        if (cfg.inChannels() != layout.inChannels()) {
            throw new IllegalArgumentException(file + ": the network takes " + cfg.inChannels()
                    + " input channels, but dan with " + ne + (ne == 1 ? " member" : " members") + " (variant "
                    + variant.cliName() + ", obs " + h.spec() + ") needs " + layout.inChannels() + " ("
                    + layout.describeChannels() + ")" + trainedWith(c));
        }
        if (cfg.outChannels() != layout.outChannels()) {
            throw new IllegalArgumentException(file + ": the network outputs " + cfg.outChannels()
                    + " increment field(s), but dan with " + layout.describeChannels() + " needs "
                    + layout.outChannels() + (layout.outChannels() == 1 ? "" : " (one per member)")
                    + (cfg.outChannels() == 1 ? "; a network trained with members > 1 before per-member increments"
                    + " (2026-11-29) shares one increment between its members: retrain it" : ""));
        }
        return new Loaded(file, c, layout);
    }

    /** The ensemble size a network was trained with: its metadata, else what its channel count implies. */
    static int defaultMembers(Path file, NetworkFile.Contents c, DanVariant variant, boolean precision) {
        String m = c.metadata().get(MEMBERS);
        if (m != null) {
            try {
                return Integer.parseInt(m.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": metadata " + MEMBERS + " is not a whole number: '" + m + "'");
            }
        }
        if (!variant.seesMembers()) return 1;
        return c.config().inChannels() - 1 - (precision ? 1 : 0);
    }

    /** The variant recorded in the file; files without the key are full networks (linear if their activation is). */
    static DanVariant variant(Path file, NetworkFile.Contents c) {
        String v = c.metadata().get(VARIANT);
        if (v == null) return c.config().activation() == Activation.IDENTITY ? DanVariant.LINEAR : DanVariant.FULL;
        try {
            return DanVariant.parse(v, "metadata " + VARIANT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    private static String trainedWith(NetworkFile.Contents c) {
        Map<String, String> m = c.metadata();
        if (!m.containsKey(MEMBERS)) return "";
        return "; it was trained with " + m.get(MEMBERS) + (m.get(MEMBERS).equals("1") ? " member" : " members")
                + (Boolean.parseBoolean(m.get(PRECISION_CHANNEL)) ? " and a precision channel (obs not the identity)"
                : " and no precision channel (obs identity)");
    }
}
