package dev.exacme.lifecycle.managed;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.storage.PrivateFiles;
import dev.exacme.acme.storage.PrivateFiles.Visibility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The last {@code exacme renew} over every managed certificate, kept in {@code last-renew.json}
 * of the state directory: what tells whether the schedule really runs, whatever scheduler
 * starts it (cron keeps no record a program can read).
 *
 * @param started  when the run started
 * @param finished when it ended
 * @param exitCode its exit code (1 when any certificate failed)
 * @param renewed  certificates renewed or deployed again
 * @param failed   certificates that failed
 */
public record RenewalRun(Instant started, Instant finished, int exitCode, int renewed, int failed) {

    /** The file name in the state directory. */
    public static final String FILE = "last-renew.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the record lives. */
    public static Path file(Path configDirectory) {
        return configDirectory.resolve(FILE);
    }

    /**
     * The last run recorded in {@code configDirectory}, if any.
     *
     * @throws IOException naming the file when it cannot be read; it is left as it is
     */
    public static Optional<RenewalRun> load(Path configDirectory) throws IOException {
        var file = file(configDirectory);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            var node = JSON.readTree(file.toFile());
            return Optional.of(new RenewalRun(Instant.parse(node.get("started").asText()),
                    Instant.parse(node.get("finished").asText()), node.path("exitCode").asInt(),
                    node.path("renewed").asInt(), node.path("failed").asInt()));
        } catch (IOException | DateTimeParseException | NullPointerException e) {
            throw new IOException(file + " cannot be read (" + e.getMessage() + "); the next 'exacme renew'"
                    + " replaces it", e);
        }
    }

    /** Writes the record atomically. */
    public void save(Path configDirectory) throws IOException {
        var node = JSON.createObjectNode();
        node.put("started", started.toString());
        node.put("finished", finished.toString());
        node.put("exitCode", exitCode);
        node.put("renewed", renewed);
        node.put("failed", failed);
        PrivateFiles.write(file(configDirectory), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node),
                Visibility.OWNER_ONLY);
    }
}
