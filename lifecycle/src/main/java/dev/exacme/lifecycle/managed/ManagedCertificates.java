package dev.exacme.lifecycle.managed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.storage.PrivateFiles;
import dev.exacme.acme.storage.PrivateFiles.Visibility;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.JsonFile;
import dev.exacme.lifecycle.spec.JsonProblem;
import dev.exacme.lifecycle.spec.ManagedName;
import dev.exacme.lifecycle.spec.SpecJson;
import dev.exacme.lifecycle.spec.StoreSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The managed certificates under a state directory: specifications in
 * {@code certificates/NAME.json}, state in {@code state/NAME.json} and the current certificate
 * in {@code state/NAME.pem}. Every write is atomic; a file that cannot be read is reported with
 * its path and never overwritten. A version 1 definition is migrated when first read, the
 * original kept as {@code certificates/NAME.v1.json}.
 */
public final class ManagedCertificates {

    private static final ObjectMapper JSON = SpecJson.MAPPER;
    private static final String V1_SUFFIX = ".v1.json";

    /** A part every definition has, and what it is, for the message when it is missing. */
    private record Part(String field, String meaning) {
    }

    private static final List<Part> REQUIRED_PARTS = List.of(new Part("name", "the certificate's name"),
            new Part("identifiers", "the DNS names"), new Part("ca", "the CA and the account"),
            new Part("challenge", "how control of the names is proved"), new Part("key", "the certificate key"),
            new Part("store", "where the certificate is installed"),
            new Part("timeout", "the longest wait for validation"));

    private final Path definitions;
    private final Path states;
    private final V1Definition.Migration migration;

    /** The managed certificates of {@code configDirectory}; version 1 files are turned into specifications by {@code migration}. */
    public ManagedCertificates(Path configDirectory, V1Definition.Migration migration) {
        this.definitions = configDirectory.resolve("certificates");
        this.states = configDirectory.resolve("state");
        this.migration = migration;
    }

    /**
     * A file that exists but cannot be used: reported as {@code PATH:LINE:COLUMN: what is wrong}
     * (the line when it is known), left as it is.
     */
    public static final class UnreadableFile extends Exception {

        private final transient Path file;
        private final int line;

        /** {@code file} could not be read for {@code reason}, at no particular place. */
        public UnreadableFile(Path file, String reason, Throwable cause) {
            this(file, new JsonProblem(0, 0, reason), cause);
        }

        /** {@code file} could not be read for {@code problem}. */
        public UnreadableFile(Path file, JsonProblem problem, Throwable cause) {
            super(problem.at(file) + "; it was left as it is: fix or remove it.", cause);
            this.file = file;
            this.line = problem.line();
        }

        /** The file that cannot be read. */
        public Path file() {
            return file;
        }

        /** The line the problem is on, from 1; 0 when it is not known. */
        public int line() {
            return line;
        }
    }

    /** One managed certificate, or the file of one that cannot be read. */
    public sealed interface Entry {
        /** The certificate's name. */
        String name();
    }

    /** A managed certificate and its state. */
    public record Managed(CertificateSpec spec, CertificateState state) implements Entry {
        @Override
        public String name() {
            return spec.name();
        }
    }

    /** A definition or state file that cannot be read. */
    public record Broken(String name, UnreadableFile problem) implements Entry {
    }

    /** The specification file of {@code name}. */
    public Path definitionFile(String name) {
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
            for (var file : files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.endsWith(V1_SUFFIX)).sorted().toList()) {
                var name = file.replaceFirst("\\.json$", "");
                try {
                    entries.add(new Managed(spec(name).orElseThrow(), state(name)));
                } catch (UnreadableFile e) {
                    entries.add(new Broken(name, e));
                }
            }
        }
        return entries;
    }

    /** The specification of {@code name}, empty if there is none; a version 1 file is migrated first. */
    public Optional<CertificateSpec> spec(String name) throws UnreadableFile {
        var file = definitionFile(name);
        String text;
        try {
            text = JsonFile.text(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonFile.Unreadable e) {
            throw new UnreadableFile(file, e.problem(), e);
        }
        if (text.isBlank()) {
            throw new UnreadableFile(file, new JsonProblem(1, 1, "the file is empty"), null);
        }
        try {
            var tree = JSON.readTree(text);
            if (tree == null || !tree.isObject()) {
                throw new UnreadableFile(file, JsonProblem.at(JsonProblem.objectStart(text, ""),
                        "a definition is one JSON object in { }"), null);
            }
            var version = tree.path("schemaVersion").asInt(0);
            var spec = switch (version) {
                case 1 -> migrate(name, file, text);
                case CertificateSpec.SCHEMA_VERSION -> {
                    missingPart(file, text, tree);
                    // Unknown fields are refused: a misspelt "deployment" must not silently drop the deployment.
                    yield JSON.readerFor(CertificateSpec.class)
                            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).<CertificateSpec>readValue(text);
                }
                default -> throw new UnreadableFile(file, JsonProblem.at(JsonProblem.objectStart(text,
                        tree.has("schemaVersion") ? "schemaVersion" : ""), (tree.has("schemaVersion")
                        ? "schemaVersion " + tree.get("schemaVersion") : "no schemaVersion") + "; this exacme reads 1"
                        + " and " + CertificateSpec.SCHEMA_VERSION), null);
            };
            if (!name.equals(spec.name())) {
                throw new UnreadableFile(file, JsonProblem.at(JsonProblem.objectStart(text, "name"),
                        "name: must be \"" + name + "\", the file's name"), null);
            }
            return Optional.of(spec.validated());
        } catch (InvalidRequest e) {
            throw new UnreadableFile(file, e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new UnreadableFile(file, JsonProblem.of(e, text), e);
        } catch (IOException | RuntimeException e) {
            // A record's own check failing outside the parser's reach: its words, without the Java type.
            throw new UnreadableFile(file, SpecJson.describe(e), e);
        }
    }

    /**
     * Refuses a definition without one of the parts every certificate needs, naming it where it
     * belongs: without this, the part would be read as nothing and refused later without a place.
     */
    private static void missingPart(Path file, String text, JsonNode tree) throws UnreadableFile {
        for (var part : REQUIRED_PARTS) {
            if (!tree.hasNonNull(part.field())) {
                throw new UnreadableFile(file, JsonProblem.at(JsonProblem.objectStart(text, ""), "the field \""
                        + part.field() + "\" (" + part.meaning() + ") is missing from the definition"), null);
            }
        }
    }

    private CertificateSpec migrate(String name, Path file, String text) throws IOException, InvalidRequest,
            UnreadableFile {
        // Read from the text rather than the tree, so that a damaged field is reported with its line.
        var v1 = JSON.readValue(text, V1Definition.class);
        if (!name.equals(v1.name()) || v1.domains().isEmpty()) {
            throw new UnreadableFile(file, "its name must be " + name + " and it needs at least one domain", null);
        }
        var spec = ownStore(migration.migrate(v1).validated(), file);
        var kept = definitions.resolve(name + V1_SUFFIX);
        if (!Files.exists(kept)) {
            // The text as read (a byte order mark or UTF-16 gone), so that the kept original reads as UTF-8.
            PrivateFiles.write(kept, text, Visibility.OWNER_ONLY);
        }
        save(spec);
        return spec;
    }

    /**
     * {@code spec} with a store of its own. Version 1 put PEM files of certificates with the same
     * first name into one directory, where they replaced each other at every renewal; the first
     * migrated keeps it, a later one gets {@code pem/NAME}. Any other shared store is refused.
     */
    private CertificateSpec ownStore(CertificateSpec spec, Path file) throws IOException, UnreadableFile {
        var owner = ownerOf(spec.store().location(), spec.name());
        if (owner.isEmpty()) {
            return spec;
        }
        var pem = definitions.getParent().resolve("pem");
        if (spec.store() instanceof StoreSpec.Pem store && Path.of(store.directory()).getParent().equals(pem)) {
            return new CertificateSpec(spec.schemaVersion(), spec.name(), spec.identifiers(), spec.ca(),
                    spec.challenge(), spec.key(), new StoreSpec.Pem(pem.resolve(spec.name()).toString(),
                    store.keyGroup()), spec.deployments(), spec.timeout(), spec.friendlyName(), spec.created());
        }
        throw new UnreadableFile(file, "its store " + spec.store().location() + " is also managed certificate "
                + owner.get() + "'s; give one of them its own (exacme edit NAME --out DIR)", null);
    }

    /**
     * The managed certificate already in schema 2 whose store is {@code location}, other than
     * {@code except}; version 1 files are passed over, so that a migration can ask it.
     */
    private Optional<String> ownerOf(String location, String except) throws IOException {
        if (location.isEmpty() || !Files.isDirectory(definitions)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(definitions)) {
            for (var file : files.filter(path -> path.toString().endsWith(".json")
                    && !path.toString().endsWith(V1_SUFFIX)).sorted().toList()) {
                try {
                    var tree = JSON.readTree(JsonFile.text(file));
                    if (tree.path("schemaVersion").asInt() != CertificateSpec.SCHEMA_VERSION) {
                        continue;
                    }
                    var other = JSON.treeToValue(tree, CertificateSpec.class);
                    if (!other.name().equals(except) && other.store().location().equals(location)) {
                        return Optional.of(other.name());
                    }
                } catch (IOException | RuntimeException e) {
                    // A damaged file is reported by list(); it owns nothing here.
                }
            }
        }
        return Optional.empty();
    }

    /** The specification of {@code name}, which must exist. */
    public CertificateSpec require(String name) throws InvalidRequest, UnreadableFile {
        return spec(ManagedName.check(name)).orElseThrow(() -> new InvalidRequest("no managed"
                + " certificate named " + name + " in " + definitions + "; 'exacme list' shows them."));
    }

    /** The state of {@code name}; empty state when it has none yet. */
    public CertificateState state(String name) throws UnreadableFile {
        var file = stateFile(name);
        try {
            return JsonFile.value(file, JsonFile.text(file), JSON.readerFor(CertificateState.class));
        } catch (NoSuchFileException e) {
            return CertificateState.empty();
        } catch (JsonFile.Unreadable e) {
            throw new UnreadableFile(file, e.problem(), e);
        }
    }

    /**
     * The managed certificate, other than {@code except}, whose store writes to the same place
     * as {@code spec}'s, if any: a store location belongs to one definition.
     */
    public Optional<String> sharingStore(CertificateSpec spec, String except) throws IOException {
        // Listing migrates what is still version 1, so that its stores count too.
        list();
        return ownerOf(spec.store().location(), except);
    }

    /** Writes a specification atomically. */
    public void save(CertificateSpec spec) throws IOException {
        PrivateFiles.write(definitionFile(spec.name()), JSON.writeValueAsString(spec), Visibility.OWNER_ONLY);
    }

    /** Writes a state atomically. */
    public void save(String name, CertificateState state) throws IOException {
        PrivateFiles.write(stateFile(name), JSON.writeValueAsString(state), Visibility.OWNER_ONLY);
    }

    /** Keeps the current certificate (public data) for renewal information and {@code replaces}. */
    public void saveCertificate(String name, String pem) throws IOException {
        PrivateFiles.write(certificateFile(name), pem, Visibility.PUBLIC_READ);
    }

    /** Forgets a managed certificate: specification, state, kept certificate and migrated original. */
    public void remove(String name) throws IOException {
        Files.deleteIfExists(definitionFile(name));
        Files.deleteIfExists(definitions.resolve(name + V1_SUFFIX));
        Files.deleteIfExists(stateFile(name));
        Files.deleteIfExists(certificateFile(name));
    }
}
