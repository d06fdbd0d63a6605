package dev.exacme.lifecycle.importing.certify;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Certify The Web data directory ({@code %ProgramData%\certify}) built for a test: its
 * {@code manageditems.db} created with the SQLite driver exactly as Certify's
 * SQLiteManagedItemStore does (the same CREATE TABLE, WAL mode, one JSON document per row), its
 * {@code cred.db} as SQLiteCredentialStore does, and the JSON settings files beside them.
 *
 * <p>Documents come from {@code src/test/resources/certify/}; {@code {{NAME}}} placeholders in
 * them are replaced by {@link #value(String, String)}, JSON-escaped (so paths with backslashes
 * and quotes stay valid JSON). Public, and in lifecycle's test-jar, for the end-to-end tests that
 * renew an imported definition: see {@link #pebble(Path, String, int, Path)}.
 */
public final class CertifyFixture {

    /** Certify's CREATE TABLE (certify-plugins, SQLiteManagedItemStore.CreateManagedItemsSchema). */
    public static final String MANAGED_ITEM_TABLE =
            "CREATE TABLE manageditem (id TEXT NOT NULL UNIQUE PRIMARY KEY, json TEXT NOT NULL)";

    /** The table of Certify before 2022 (ItemManager), which databases upgraded since still have. */
    public static final String LEGACY_MANAGED_ITEM_TABLE =
            "CREATE TABLE manageditem (id TEXT NOT NULL UNIQUE PRIMARY KEY, parentid TEXT NULL, json TEXT NOT NULL)";

    private static final String CREDENTIAL_TABLE =
            "CREATE TABLE credential (id TEXT NOT NULL UNIQUE PRIMARY KEY, json TEXT NOT NULL, protectedvalue TEXT NOT NULL)";

    private final Path directory;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String[]> items = new ArrayList<>();
    private final List<String[]> credentials = new ArrayList<>();
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, String> texts = new LinkedHashMap<>();
    private String table = MANAGED_ITEM_TABLE;

    private CertifyFixture(Path directory) {
        this.directory = directory;
    }

    /** A data directory to be built in {@code directory} (created if missing). */
    public static CertifyFixture in(Path directory) {
        return new CertifyFixture(directory);
    }

    /**
     * The fixture for a renewal against a local CA (Pebble): one managed certificate for
     * {@code renew.certify.exacme.test} and {@code www.renew.certify.exacme.test}, HTTP-01 through
     * Certify's own challenge server on {@code httpPort}, the custom CA {@code pebble-local} of
     * {@code ca.json} at {@code directoryUrl}, no deployment, exported as PEM files into
     * {@code pemDirectory} (which maps to exacme's PEM store there).
     *
     * @return the {@code manageditems.db} to import
     */
    public static Path pebble(Path directory, String directoryUrl, int httpPort, Path pemDirectory) {
        return in(directory).value("pebble-directory", directoryUrl).value("http-port", Integer.toString(httpPort))
                .value("pem-directory", pemDirectory.toAbsolutePath().toString())
                .item("pebble/renew-local.json").file("ca.json", "pebble/ca.json")
                .file("serviceconfig.json", "pebble/serviceconfig.json").build();
    }

    /** Replaces {@code {{name}}} in every document by {@code value}, JSON-escaped. */
    public CertifyFixture value(String name, String value) {
        values.put(name, value);
        return this;
    }

    /** A managed certificate: the JSON document of {@code resource} (under {@code certify/}), its row id its {@code Id}. */
    public CertifyFixture item(String resource) {
        var json = resource(resource);
        items.add(new String[] {idOf(json, resource), json});
        return this;
    }

    /** A row as it is, for damaged documents and ids that differ from the document's. */
    public CertifyFixture row(String id, String json) {
        items.add(new String[] {id, json});
        return this;
    }

    /** A stored credential's summary row in {@code cred.db}; its protected value is a stand-in. */
    public CertifyFixture credential(String resource) {
        var json = resource(resource);
        try {
            var key = new ObjectMapper().readTree(json).path("StorageKey").asText();
            credentials.add(new String[] {key, json});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A file beside the databases ({@code ca.json}, {@code appsettings.json}, {@code serviceconfig.json}). */
    public CertifyFixture file(String name, String resource) {
        files.put(name, resource);
        return this;
    }

    /** A file beside the databases with this content, as it is. */
    public CertifyFixture text(String name, String content) {
        texts.put(name, content);
        return this;
    }

    /** Builds the table as Certify before 2022 created it, with its {@code parentid} column. */
    public CertifyFixture legacyTable() {
        table = LEGACY_MANAGED_ITEM_TABLE;
        return this;
    }

    /**
     * Writes the directory.
     *
     * @return the {@code manageditems.db}
     */
    public Path build() {
        try {
            Files.createDirectories(directory);
            var database = directory.resolve("manageditems.db");
            try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
                try (var statement = connection.createStatement()) {
                    // Certify's connection string and EnableDBWriteAheadLogging: its databases are in WAL mode.
                    statement.execute("PRAGMA journal_mode=WAL");
                    statement.execute(table);
                }
                for (var item : items) {
                    try (var insert = connection.prepareStatement(
                            "INSERT OR REPLACE INTO manageditem (id, json) VALUES (?, ?)")) {
                        insert.setString(1, item[0]);
                        insert.setString(2, item[1]);
                        insert.executeUpdate();
                    }
                }
            }
            if (!credentials.isEmpty()) {
                try (var connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("cred.db"))) {
                    try (var statement = connection.createStatement()) {
                        statement.execute(CREDENTIAL_TABLE);
                    }
                    for (var credential : credentials) {
                        try (var insert = connection.prepareStatement(
                                "INSERT INTO credential (id, json, protectedvalue) VALUES (?, ?, ?)")) {
                            insert.setString(1, credential[0]);
                            insert.setString(2, credential[1]);
                            // Stands for the DPAPI blob, which the import must never read.
                            insert.setString(3, "AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAA-not-a-real-blob");
                            insert.executeUpdate();
                        }
                    }
                }
            }
            for (var file : files.entrySet()) {
                Files.writeString(directory.resolve(file.getKey()), resource(file.getValue()));
            }
            for (var text : texts.entrySet()) {
                Files.writeString(directory.resolve(text.getKey()), text.getValue());
            }
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot build the Certify database in " + directory, e);
        }
    }

    /** The text of {@code certify/NAME} with the placeholders replaced. */
    public String resource(String name) {
        try (var in = CertifyFixture.class.getResourceAsStream("/certify/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource certify/" + name);
            }
            var text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (var value : values.entrySet()) {
                text = text.replace("{{" + value.getKey() + "}}",
                        new String(JsonStringEncoder.getInstance().quoteAsString(value.getValue())));
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String idOf(String json, String resource) {
        try {
            var id = new ObjectMapper().readTree(json).path("Id").asText();
            return id.isEmpty() ? resource : id;
        } catch (IOException e) {
            return resource;
        }
    }
}
