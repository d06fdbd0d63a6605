package dev.exacme.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code exacme issue --store ...} and {@code exacme store ...} against a real Pebble. */
class StoreCommandPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path temp;

    private CommandRun issue(String name, String... extra) {
        var args = new ArrayList<>(List.of("issue", "--server", PEBBLE.directoryUrl().toString(),
                "--trust", PEBBLE.trustAnchorPem().toString(), "--agree-tos", "--skip-self-check",
                "--http-port", String.valueOf(PEBBLE.httpChallengePort()), "--http-bind", "127.0.0.1",
                "--config-dir", temp.resolve("config").toString(), "-d", name, "--json"));
        args.addAll(List.of(extra));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private static JsonNode json(CommandRun run) throws Exception {
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void aPfxIssuedThroughTheCliOpensWithItsPasswordAndIsListed() throws Exception {
        var password = Files.writeString(temp.resolve("pfx-password"), "s3cret-pfx-password\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        var pfx = temp.resolve("mail.pfx");

        var run = issue("pfx.exacme.test", "--store", "pfx", "--pfx-file", pfx.toString(),
                "--pfx-password-file", password.toString(), "--friendly-name", "mail for the load balancer");

        assertEquals(0, run.exitCode(), run.toString());
        var installed = json(run).get("installed");
        var keyStore = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(pfx)) {
            keyStore.load(in, "s3cret-pfx-password".toCharArray());
        }
        var alias = keyStore.aliases().nextElement();
        assertEquals("mail for the load balancer", alias, "the friendly name is the PKCS#12 alias");
        var leaf = (X509Certificate) keyStore.getCertificate(alias);
        assertEquals(((PrivateKey) keyStore.getKey(alias, "s3cret-pfx-password".toCharArray())).getAlgorithm(),
                leaf.getPublicKey().getAlgorithm());
        assertEquals(json(run).get("thumbprint").asText(), installed.get("thumbprint").asText());
        assertFalse(run.out().contains("s3cret"), "no password in the output");

        var list = CommandRun.of("store", "list", "--pfx-file", pfx.toString(), "--pfx-password-file",
                password.toString(), "--json");
        assertEquals(0, list.exitCode(), list.toString());
        assertEquals(installed.get("thumbprint").asText(),
                json(list).get("certificates").get(0).get("thumbprint").asText());
    }

    @Test
    void theDefaultPemStoreIsUnderTheConfigDirectoryAndShowReportsItsKey() throws Exception {
        var run = issue("pem.exacme.test");
        assertEquals(0, run.exitCode(), run.toString());
        var thumbprint = json(run).get("thumbprint").asText();
        var directory = temp.resolve("config/pem/pem.exacme.test");
        assertEquals(directory.toString(), json(run).get("installed").get("location").asText());
        assertTrue(Files.exists(directory.resolve("fullchain.pem")));

        var show = CommandRun.of("store", "show", thumbprint.toLowerCase(), "--config-dir",
                temp.resolve("config").toString());
        assertEquals(0, show.exitCode(), show.toString());
        assertTrue(show.out().contains("verdict     fit for use"), show.toString());

        Files.setPosixFilePermissions(directory.resolve("key.pem"), PosixFilePermissions.fromString("rw-r--r--"));
        var unfit = CommandRun.of("store", "show", thumbprint, "--config-dir", temp.resolve("config").toString(),
                "--json");
        assertEquals(1, unfit.exitCode(), unfit.toString());
        assertFalse(json(unfit).get("keyAccess").get("fit").asBoolean());
        var doctor = CommandRun.of("store", "doctor", "--config-dir", temp.resolve("config").toString());
        assertEquals(1, doctor.exitCode(), doctor.toString());
        assertTrue(doctor.out().contains("UNFIT  " + thumbprint + "  pem.exacme.test"), doctor.toString());
        assertTrue(doctor.out().contains("everyone on this machine can read"), doctor.toString());

        var remove = CommandRun.of("store", "remove", thumbprint, "--config-dir", temp.resolve("config").toString());
        assertEquals(0, remove.exitCode(), remove.toString());
        assertFalse(Files.exists(directory));
    }
}
