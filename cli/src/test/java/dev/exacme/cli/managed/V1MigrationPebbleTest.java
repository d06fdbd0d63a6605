package dev.exacme.cli.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Definitions written by exacme 0.1 (schema 1) become specifications on first read, and renew. */
class V1MigrationPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path temp;

    private String fixture(String name) throws Exception {
        try (var in = Objects.requireNonNull(getClass().getResourceAsStream("/v1/" + name + ".json"))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("https://127.0.0.1:14000/dir", PEBBLE.directoryUrl().toString())
                    .replace("/tmp/pebble-root.pem", PEBBLE.trustAnchorPem().toString())
                    .replace("\"5002\"", "\"" + PEBBLE.httpChallengePort() + "\"")
                    .replace("/tmp/v1/", temp.toString() + "/");
        }
    }

    private JsonNode json(CommandRun run) throws Exception {
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void versionOneFilesAreMigratedKeptAndRenewed() throws Exception {
        var config = temp.resolve("config");
        Files.createDirectories(config.resolve("certificates"));
        for (var name : List.of("mail", "pfx")) {
            Files.writeString(config.resolve("certificates/" + name + ".json"), fixture(name));
        }
        var password = Files.writeString(temp.resolve("password"), "v1-pfx-password");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        assertEquals(0, CommandRun.of("secret", "set", "pfx", "--from-file", password.toString(), "--config-dir",
                config.toString()).exitCode());

        var list = CommandRun.of("list", "--config-dir", config.toString(), "--json");

        assertEquals(0, list.exitCode(), list.toString());
        var mail = new ObjectMapper().readTree(Files.readString(config.resolve("certificates/mail.json")));
        assertEquals(2, mail.get("schemaVersion").asInt());
        assertEquals(List.of("mail.v1.exacme.test", "autodiscover.v1.exacme.test"),
                new ObjectMapper().convertValue(mail.get("identifiers"), List.class), "0.1's repeated names dropped");
        assertEquals("rsa2048", mail.get("key").get("type").asText(), "the default of this release, now written down");
        assertEquals(temp.resolve("pem-mail").toString(), mail.get("store").get("directory").asText());
        assertEquals(fixture("mail"), Files.readString(config.resolve("certificates/mail.v1.json")), "the original kept");
        var pfx = new ObjectMapper().readTree(Files.readString(config.resolve("certificates/pfx.json")));
        assertEquals("secret:pfx", pfx.get("store").get("password").asText());

        var renew = CommandRun.of("renew", "--config-dir", config.toString(), "--json");

        assertEquals(0, renew.exitCode(), renew.toString());
        for (var row : json(renew).get("certificates")) {
            assertEquals("renewed", row.get("outcome").asText(), row.toString());
        }
        var keyStore = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(temp.resolve("pfx.pfx"))) {
            keyStore.load(in, "v1-pfx-password".toCharArray());
        }
        assertTrue(Files.readString(temp.resolve("pem-mail/cert.pem")).contains("BEGIN CERTIFICATE"));
        var again = CommandRun.of("list", "--config-dir", config.toString());
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(fixture("mail"), Files.readString(config.resolve("certificates/mail.v1.json")), "kept as it was");
    }

    @Test
    void twoVersionOneDefinitionsForOneFirstNameGetAStoreEach() throws Exception {
        var config = temp.resolve("config");
        Files.createDirectories(config.resolve("certificates"));
        for (var name : List.of("alpha", "beta")) {
            Files.writeString(config.resolve("certificates/" + name + ".json"), fixture(name));
        }

        var renew = CommandRun.of("renew", "--config-dir", config.toString(), "--json");

        assertEquals(0, renew.exitCode(), renew.toString());
        var alpha = new ObjectMapper().readTree(Files.readString(config.resolve("certificates/alpha.json")));
        var beta = new ObjectMapper().readTree(Files.readString(config.resolve("certificates/beta.json")));
        assertEquals(config.resolve("pem/same.v1.exacme.test").toString(), alpha.get("store").get("directory").asText(),
                "the first keeps the directory 0.1 gave it");
        assertEquals(config.resolve("pem/beta").toString(), beta.get("store").get("directory").asText(),
                "the second no longer replaces the first's files");
        var again = CommandRun.of("renew", "--config-dir", config.toString(), "--json");
        for (var row : json(again).get("certificates")) {
            assertEquals("not due", row.get("outcome").asText(), "they no longer alternate: " + again);
        }
    }
}
