package dev.exacme.cli.managed;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.storage.PrivateFiles;
import dev.exacme.acme.storage.PrivateFiles.Visibility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The managed certificates under a configuration directory: definitions in
 * {@code certificates/NAME.json}, state in {@code state/NAME.json} and the current certificate
 * in {@code state/NAME.pem}. Every write is atomic; a file that cannot be read is reported with
 * its path and never overwritten.
 */
public final class ManagedCertificates {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();

    private final Path definitions;
    private final Path states;

    /** The managed certificates of {@code configDirectory}. */
    public ManagedCertificates(Path configDirectory) {
        this.definitions = configDirectory.resolve("certificates");
        this.states = configDirectory.resolve("state");
    }

    /** A file that exists but cannot be used: reported, left as it is. */
    public static final class UnreadableFile extends Exception {
        /** {@code file} could not be read for {@code reason}. */
        public UnreadableFile(Path file, String reason, Throwable cause) {
            super(file + " cannot be read (" + reason + "); it was left as it is: fix or remove it.", cause);
        }
    }

    /** One managed certificate, or the file of one that cannot be read. */
    public sealed interface Entry {
        /** The certificate's name. */
        String name();
    }

    /** A managed certificate and its state. */
    public record Managed(CertificateDefinition definition, CertificateState state) implements Entry {
        @Override
        public String name() {
            return definition.name();
        }
    }

    /** A definition or state file that cannot be read. */
    public record Broken(String name, UnreadableFile problem) implements Entry {
    }

    Path definitionFile(String name) {
        return definitions.resolve(name + ".json");
    }

    Path stateFile(String name) {
        return states.resolve(name + ".json");
    }

    /** Where the current certificate of {@code name} is kept (PEM). */
    public Path certificateFile(String name) {
        return states.resolve(name + ".pem");
    }

    /** Every managed certificate by name, the unreadable ones included as {@link Broken}. */
    public List<Entry> list() throws IOException {
        if (!Files.isDirectory(definitions)) {
            return List.of();
        }
        var entries = new ArrayList<Entry>();
        try (Stream<Path> files = Files.list(definitions)) {
            for (var file : files.filter(path -> path.getFileName().toString().endsWith(".json")).sorted().toList()) {
                var name = file.getFileName().toString().replaceFirst("\\.json$", "");
                try {
                    entries.add(new Managed(definition(name).orElseThrow(), state(name)));
                } catch (UnreadableFile e) {
                    entries.add(new Broken(name, e));
                }
            }
        }
        return entries;
    }

    /** The definition of {@code name}, empty if there is none. */
    public Optional<CertificateDefinition> definition(String name) throws UnreadableFile {
        var file = definitionFile(name);
        try {
            var definition = JSON.readValue(Files.readString(file), CertificateDefinition.class);
            if (definition.schemaVersion() != CertificateDefinition.SCHEMA_VERSION) {
                throw new UnreadableFile(file, "schemaVersion " + definition.schemaVersion() + "; this exacme reads "
                        + CertificateDefinition.SCHEMA_VERSION, null);
            }
            if (!definition.name().equals(name) || definition.domains().isEmpty()) {
                throw new UnreadableFile(file, "its name must be " + name + " and it needs at least one domain", null);
            }
            return Optional.of(definition);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UnreadableFile(file, e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** The definition of {@code name}, which must exist. */
    public CertificateDefinition require(String name) throws InvalidRequest, UnreadableFile {
        return definition(CertificateDefinition.checkName(name)).orElseThrow(() -> new InvalidRequest("no managed"
                + " certificate named " + name + " in " + definitions + "; 'exacme list' shows them."));
    }

    /** The state of {@code name}; empty state when it has none yet. */
    public CertificateState state(String name) throws UnreadableFile {
        var file = stateFile(name);
        try {
            return JSON.readValue(Files.readString(file), CertificateState.class);
        } catch (NoSuchFileException e) {
            return CertificateState.empty();
        } catch (IOException e) {
            throw new UnreadableFile(file, e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** Writes a definition atomically. */
    public void save(CertificateDefinition definition) throws IOException {
        PrivateFiles.write(definitionFile(definition.name()), JSON.writeValueAsString(definition), Visibility.OWNER_ONLY);
    }

    /** Writes a state atomically. */
    public void save(String name, CertificateState state) throws IOException {
        PrivateFiles.write(stateFile(name), JSON.writeValueAsString(state), Visibility.OWNER_ONLY);
    }

    /** Keeps the current certificate (public data) for renewal information and {@code replaces}. */
    public void saveCertificate(String name, String pem) throws IOException {
        PrivateFiles.write(certificateFile(name), pem, Visibility.PUBLIC_READ);
    }

    /** Forgets a managed certificate: definition, state and kept certificate. */
    public void remove(String name) throws IOException {
        Files.deleteIfExists(definitionFile(name));
        Files.deleteIfExists(stateFile(name));
        Files.deleteIfExists(certificateFile(name));
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
