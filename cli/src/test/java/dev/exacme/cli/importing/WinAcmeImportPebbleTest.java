package dev.exacme.cli.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.keys.PemFormat;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coming from simple-acme (win-acme's successor, which also runs on Linux) as an administrator
 * would: a mistyped --from, the mapping read with --dry-run, the import, the CA's root given with
 * edit, the first renew ordering into exacme's PEM files (win-acme's own are elsewhere), the
 * second renew with nothing due, and --disable-old refused off Windows before anything is written.
 */
class WinAcmeImportPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    private static final String FIXTURE = "/win-acme/simple-acme/localhost14000dir/";

    @TempDir
    Path temp;

    private String config() {
        return temp.resolve("config").toString();
    }

    /** simple-acme's data directory with the renewal pointed at this Pebble and its files under {@code temp}. */
    private Path dataDirectory() throws IOException {
        var server = Files.createDirectories(temp.resolve("simple-acme/localhost14000dir"));
        for (var file : new String[] {"pebble-web.renewal.json", "settings.json", "Registration_v2"}) {
            try (var in = WinAcmeImportPebbleTest.class.getResourceAsStream(FIXTURE + file)) {
                var text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("https://localhost:14000/dir", PEBBLE.directoryUrl().toString())
                        .replace("\"Port\": 5002", "\"Port\": " + PEBBLE.httpChallengePort())
                        .replace("/srv/certificates", temp.resolve("certificates").toString());
                Files.writeString(server.resolve(file), text);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return temp.resolve("simple-acme");
    }

    @Test
    void dryRunImportEditAndTwoRenewals() throws Exception {
        var typo = CommandRun.of("import", "win-acme", "--from", temp.resolve("simple-acmee").toString(),
                "--config-dir", config());
        assertEquals(2, typo.exitCode(), typo.toString());
        assertTrue(typo.err().contains("--from"), typo.err());

        var data = dataDirectory();
        var dryRun = CommandRun.of("import", "win-acme", "--from", data.toString(), "--config-dir", config(),
                "--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun.toString());
        var dryRunJson = CommandRun.of("import", "win-acme", "--from", data.toString(), "--config-dir", config(),
                "--dry-run", "--json");
        assertEquals("import", new com.fasterxml.jackson.databind.ObjectMapper().readTree(dryRunJson.out())
                .get("certificates").get(0).get("outcome").asText(), dryRunJson.out());
        assertTrue(dryRun.out().contains("web.pebble.test,www.pebble.test"), dryRun.out());
        assertTrue(dryRun.out().contains("http-01:" + PEBBLE.httpChallengePort()), dryRun.out());
        assertFalse(Files.exists(temp.resolve("config/certificates")), "a dry run writes nothing");

        var offWindows = CommandRun.of("import", "win-acme", "--from", data.toString(), "--config-dir", config(),
                "--disable-old");
        assertEquals(2, offWindows.exitCode(), offWindows.toString());
        assertTrue(offWindows.err().contains("on Windows"), offWindows.err());
        assertFalse(Files.exists(temp.resolve("config/certificates")), "refused before anything was written");

        var imported = CommandRun.of("import", "win-acme", "--from", data.toString(), "--config-dir", config());
        assertEquals(0, imported.exitCode(), imported.toString());
        assertTrue(imported.out().contains("is not in pem:") && imported.out().contains("the first 'exacme renew'"
                + " orders one"), "win-acme's certificate is not in exacme's PEM files: " + imported.out());
        var definitions = Files.list(temp.resolve("config/certificates")).map(path -> path.getFileName().toString())
                .filter(file -> file.endsWith(".json")).toList();
        assertEquals(1, definitions.size(), definitions.toString());
        var name = definitions.get(0).replaceFirst("\\.json$", "");

        // Pebble's names resolve for the CA only (challtestsrv), not here: no self-check, as on a host without hairpin.
        var edit = CommandRun.of("edit", "--config-dir", config(), name, "--trust", PEBBLE.trustAnchorPem().toString(),
                "--skip-self-check");
        assertEquals(0, edit.exitCode(), edit.toString());
        var first = CommandRun.of("renew", "--config-dir", config());
        assertEquals(0, first.exitCode(), first.toString());
        try (var files = Files.walk(temp.resolve("certificates"))) {
            var certificate = files.filter(path -> path.getFileName().toString().equals("cert.pem")).findFirst()
                    .orElseThrow(() -> new AssertionError("no cert.pem under " + temp.resolve("certificates")));
            var issued = PemFormat.readCertificates(Files.readString(certificate)).get(0);
            assertTrue(issued.getSubjectAlternativeNames().toString().contains("www.pebble.test"));
        }
        var second = CommandRun.of("renew", "--config-dir", config());
        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().contains("not due"), second.out());
    }
}
