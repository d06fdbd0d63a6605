package dev.exacme.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.exacme.cli.distribution.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The result contract, checked: every {@code --json} output of a test run is one JSON document
 * that the repository's {@code schema/result.schema.json} accepts (validated by networknt's
 * draft 2020-12 validator). The commands seen are remembered, so that a test can tell which
 * commands' documents were checked.
 */
public final class ResultSchema {

    /** The schema file, at the repository root. */
    public static final Path FILE = RepositoryRoot.find().resolve("schema/result.schema.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Set<String>> SEEN = new ConcurrentHashMap<>();
    private static Schema schema;

    private ResultSchema() {
    }

    private static synchronized Schema schema() {
        if (schema == null) {
            try {
                schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                        .getSchema(Files.readString(FILE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }

    /** Fails unless {@code run}'s stdout is exactly one document the schema accepts; returns it. */
    public static JsonNode check(CommandRun run) {
        JsonNode document;
        try {
            var parser = JSON.createParser(run.out());
            document = JSON.readTree(parser);
            if (document == null || parser.nextToken() != null) {
                throw new AssertionError("--json printed " + (document == null ? "no document" : "more than one")
                        + ":\n" + run);
            }
        } catch (IOException e) {
            throw new AssertionError("--json printed something that is not JSON: " + e.getMessage() + "\n" + run, e);
        }
        var errors = schema().validate(document);
        if (!errors.isEmpty()) {
            throw new AssertionError(FILE.getFileName() + " refuses the document: " + errors + "\n" + run);
        }
        if (document.path("exitCode").asInt(-1) != run.exitCode()) {
            throw new AssertionError("exitCode " + document.path("exitCode") + " but the process exits "
                    + run.exitCode() + "\n" + run);
        }
        SEEN.computeIfAbsent(document.path("command").asText(), command -> ConcurrentHashMap.newKeySet())
                .add(document.path("status").asText());
        record(document);
        return document;
    }

    /** The commands whose documents were checked in this JVM, with the statuses seen. */
    public static Map<String, Set<String>> seen() {
        var copy = new java.util.TreeMap<String, Set<String>>();
        SEEN.forEach((command, statuses) -> copy.put(command, new TreeSet<>(statuses)));
        return copy;
    }

    /** Keeps one example of each command and status under target/result-documents, for the README and reviews. */
    private static void record(JsonNode document) {
        var directory = Path.of("target", "result-documents");
        var name = (document.path("command").asText().isEmpty() ? "exacme" : document.path("command").asText()
                .replace(' ', '-')) + "." + document.path("status").asText() + ".json";
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(name), document.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
