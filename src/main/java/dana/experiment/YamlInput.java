package dana.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reading the YAML files a user writes (experiments, trainings, sweeps), with the one-line errors they share: a
 * missing or unreadable file, and a YAML syntax error with its line and column. A key given twice is an error
 * (strict duplicate detection), not a silent overwrite.
 */
public final class YamlInput {

    private static final ObjectMapper YAML = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private YamlInput() {
    }

    /**
     * The text of {@code file}.
     *
     * @param kind what the file is, for messages ("experiment", "training", "sweep")
     */
    public static String read(Path file, String kind) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such " + kind + " file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the " + kind + " file (" + e.getMessage() + ")");
        }
    }

    /** The YAML document as a tree (null or a missing node for an empty one). */
    public static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            String msg = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").trim();
            throw new IllegalArgumentException("invalid YAML" + where + ": " + msg);
        }
    }
}
