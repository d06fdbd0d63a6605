package dev.exacme.cli.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import dev.exacme.lifecycle.importing.certify.CertifyFixture;
import dev.exacme.store.Thumbprint;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coming from Certify The Web as an administrator would: read the mapping with --dry-run
 * (nothing written), import, point the definition at the local CA's root with edit, renew
 * against Pebble into the PEM files Certify exported; import again (nothing changes); and a
 * certificate Certify already holds is kept until its window, no order at the first renew.
 */
class CertifyImportPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path temp;

    private String config() {
        return temp.resolve("config").toString();
    }

    @Test
    void dryRunImportEditRenewAndImportAgain() throws Exception {
        var pem = temp.resolve("exported");
        var database = CertifyFixture.pebble(temp.resolve("certify"), PEBBLE.directoryUrl().toString(),
                PEBBLE.httpChallengePort(), pem);
        var before = Files.readAllBytes(database);

        var dryRun = CommandRun.of("import", "certify", "--from", database.toString(), "--config-dir", config(),
                "--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun.toString());
        assertTrue(dryRun.out().contains("http-01:" + PEBBLE.httpChallengePort()), dryRun.out());
        assertTrue(dryRun.out().contains("renew.certify.exacme.test,www.renew.certify.exacme.test"), dryRun.out());
        assertTrue(dryRun.out().contains("dry run: nothing written"), dryRun.out());
        assertFalse(Files.exists(temp.resolve("config/certificates")), "a dry run writes nothing");

        var imported = CommandRun.of("import", "certify", "--from", database.toString(), "--config-dir", config(),
                "--json");
        assertEquals(0, imported.exitCode(), imported.toString());
        var document = new ObjectMapper().readTree(imported.out());
        var name = document.get("certificates").get(0).get("name").asText();
        assertEquals("written", document.get("certificates").get(0).get("outcome").asText(), imported.out());
        assertTrue(Files.exists(temp.resolve("config/certificates/" + name + ".json")));
        var listed = CommandRun.of("list", "--config-dir", config());
        assertTrue(listed.out().contains(name), listed.toString());

        var edit = CommandRun.of("edit", "--config-dir", config(), name, "--trust", PEBBLE.trustAnchorPem().toString());
        assertEquals(0, edit.exitCode(), edit.toString());
        var renewed = CommandRun.of("renew", "--config-dir", config());
        assertEquals(0, renewed.exitCode(), renewed.toString());
        var issued = PemFormat.readCertificates(Files.readString(pem.resolve("cert.pem"))).get(0);
        assertTrue(issued.getSubjectAlternativeNames().toString().contains("www.renew.certify.exacme.test"));

        var again = CommandRun.of("import", "certify", "--from", database.toString(), "--config-dir", config());
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("imported before and changed since"), again.out());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(database)), "Certify's database is never written");
    }

    @Test
    void aCertificateCertifyHoldsIsKeptUntilItsWindow() throws Exception {
        var out = temp.resolve("certify-current");
        // Certify's CSRKeyAlg ECDSA256: the key type the imported definition asks for.
        var issue = CommandRun.of("issue", "-d", "renew.certify.exacme.test", "-d", "www.renew.certify.exacme.test",
                "--key-type", "ec256",
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--skip-self-check", "--http-port", String.valueOf(PEBBLE.httpChallengePort()),
                "--config-dir", config(), "--out", out.toString());
        assertEquals(0, issue.exitCode(), issue.toString());
        var current = PemFormat.readCertificates(Files.readString(out.resolve("cert.pem"))).get(0);
        var thumbprint = Thumbprint.of(current).hex();

        var fixture = CertifyFixture.in(temp.resolve("certify")).value("pebble-directory",
                PEBBLE.directoryUrl().toString()).value("http-port", String.valueOf(PEBBLE.httpChallengePort()))
                .value("pem-directory", out.toString())
                .file("ca.json", "pebble/ca.json").file("serviceconfig.json", "pebble/serviceconfig.json");
        var item = (ObjectNode) new ObjectMapper().readTree(fixture.resource("pebble/renew-local.json"));
        item.put("CertificateThumbprintHash", thumbprint.toLowerCase());
        item.put("CertificatePath", out.resolve("cert.pem").toString());
        item.put("DateStart", current.getNotBefore().toInstant().toString());
        item.put("DateExpiry", current.getNotAfter().toInstant().toString());
        var database = fixture.row(item.get("Id").asText(), item.toString()).build();

        var imported = CommandRun.of("import", "certify", "--from", database.toString(), "--config-dir", config());
        assertEquals(0, imported.exitCode(), imported.toString());
        assertTrue(imported.out().contains("keeps " + thumbprint), imported.out());
        var name = new ObjectMapper().readTree(CommandRun.of("list", "--config-dir", config(), "--json").out())
                .findValue("name").asText();
        assertEquals(0, CommandRun.of("edit", "--config-dir", config(), name, "--trust",
                PEBBLE.trustAnchorPem().toString()).exitCode());

        var renew = CommandRun.of("renew", "--config-dir", config());
        assertEquals(0, renew.exitCode(), renew.toString());
        assertTrue(renew.out().contains("not due"), renew.out());
        var state = new ObjectMapper().readTree(Files.readString(temp.resolve("config/state/" + name + ".json")));
        assertEquals(thumbprint, state.get("thumbprint").asText(), "kept: no order at the first renew");
        assertEquals(thumbprint, Thumbprint.of(PemFormat.readCertificates(Files.readString(out.resolve("cert.pem")))
                .get(0)).hex(), "nothing installed: nothing was ordered");
    }
}
