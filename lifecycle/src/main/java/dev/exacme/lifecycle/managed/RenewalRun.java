package dev.exacme.lifecycle.managed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.storage.PrivateFiles;
import dev.exacme.acme.storage.PrivateFiles.Visibility;
import dev.exacme.lifecycle.spec.JsonFile;
import dev.exacme.lifecycle.spec.JsonProblem;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
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
    private static final String ADVICE = "it was left as it is, and since it only records the last 'exacme renew'"
            + " it can be deleted: the next run writes it again";

    /** Where the record lives. */
    public static Path file(Path configDirectory) {
        return configDirectory.resolve(FILE);
    }

    /**
     * The last run recorded in {@code configDirectory}, if any.
     *
     * @throws JsonFile.Unreadable naming the file, the line and what is wrong when it cannot be read; it is
     *                             left as it is, and since it only records a run it can be deleted
     */
    public static Optional<RenewalRun> load(Path configDirectory) throws JsonFile.Unreadable {
        var file = file(configDirectory);
        try {
            var text = JsonFile.text(file);
            var node = JsonFile.object(file, text, "the record of the last run");
            return Optional.of(new RenewalRun(time(file, text, node, "started"), time(file, text, node, "finished"),
                    node.path("exitCode").asInt(), node.path("renewed").asInt(), node.path("failed").asInt()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonFile.Unreadable e) {
            throw e.advised(ADVICE);
        }
    }

    /** The time in {@code field}; missing or not a time is refused where it belongs. */
    private static Instant time(Path file, String text, JsonNode node, String field) throws JsonFile.Unreadable {
        if (!node.hasNonNull(field)) {
            throw new JsonFile.Unreadable(file, JsonProblem.at(JsonProblem.objectStart(text, ""), "the field \""
                    + field + "\" is missing"), ADVICE, null);
        }
        try {
            if (node.get(field).isTextual()) {
                return Instant.parse(node.get(field).asText());
            }
        } catch (DateTimeParseException e) {
            // Refused below, with the other values that are no time.
        }
        throw new JsonFile.Unreadable(file, JsonProblem.at(JsonProblem.objectStart(text, field), field
                + ": must be a time such as \"2026-12-01T18:52:00Z\", not " + node.get(field)), ADVICE, null);
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
