package dev.exacme.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exacme store doctor} on a PEM store whose key file became world-readable: it names
 * the file mode fix (not {@code store grant}, which file stores refuse), and {@code --fix}
 * applies it and says so. A certificate from a real Pebble, real files and modes.
 */
class StoreDoctorPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path temp;

    @Test
    void aWorldReadableKeyGetsItsChmodNamedAndFixFixesIt() throws Exception {
        var config = temp.resolve("config").toString();
        var issued = CommandRun.of("issue", "--server", PEBBLE.directoryUrl().toString(),
                "--trust", PEBBLE.trustAnchorPem().toString(), "--agree-tos", "--skip-self-check",
                "--http-port", String.valueOf(PEBBLE.httpChallengePort()), "--http-bind", "127.0.0.1",
                "--config-dir", config, "-d", "doctor.exacme.test", "--json");
        assertEquals(0, issued.exitCode(), issued.toString());
        var thumbprint = new ObjectMapper().readTree(issued.out()).get("thumbprint").asText();
        var key = temp.resolve("config/pem/doctor.exacme.test/key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        var owner = Files.getOwner(key).getName();

        var doctor = CommandRun.of("store", "doctor", "--config-dir", config);
        assertEquals(1, doctor.exitCode(), doctor.toString());
        assertTrue(doctor.out().contains("UNFIT  " + thumbprint), doctor.toString());
        assertTrue(doctor.out().contains("fix: run 'chmod 600 " + key + "' as " + owner
                + " (the file's owner) or root, or 'exacme store doctor --fix'"), doctor.toString());
        assertFalse(doctor.out().contains("store grant"), "file stores refuse store grant: " + doctor);

        var fixed = CommandRun.of("store", "doctor", "--fix", "--config-dir", config, "--json");
        assertEquals(0, fixed.exitCode(), fixed.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        var document = new ObjectMapper().readTree(fixed.out());
        assertEquals(1, document.get("fixed").asInt(), document.toString());
        assertEquals(0, document.get("unfit").asInt(), document.toString());
        var certificate = document.get("certificates").get(0);
        assertEquals("fixed", certificate.get("outcome").asText(), certificate.toString());
        assertTrue(certificate.get("remedy").asText().contains("chmod 600 " + key), certificate.toString());
        assertTrue(certificate.get("problems").get(0).asText().contains("everyone on this machine can read"),
                certificate.toString());
        assertTrue(certificate.get("keyAccess").get("fit").asBoolean(), certificate.toString());

        var again = CommandRun.of("store", "doctor", "--fix", "--config-dir", config);
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("ok     " + thumbprint), again.toString());
        assertTrue(again.out().contains("Every private key is fit for use."), again.toString());
    }

    @Test
    void theTextOfFixSaysWhatChanged() throws Exception {
        var config = temp.resolve("config").toString();
        var issued = CommandRun.of("issue", "--server", PEBBLE.directoryUrl().toString(),
                "--trust", PEBBLE.trustAnchorPem().toString(), "--agree-tos", "--skip-self-check",
                "--http-port", String.valueOf(PEBBLE.httpChallengePort()), "--http-bind", "127.0.0.1",
                "--config-dir", config, "-d", "fixtext.exacme.test", "--json");
        assertEquals(0, issued.exitCode(), issued.toString());
        var key = temp.resolve("config/pem/fixtext.exacme.test/key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));

        var fixed = CommandRun.of("store", "doctor", "--fix", "--config-dir", config);
        assertEquals(0, fixed.exitCode(), fixed.toString());
        assertTrue(fixed.out().contains("FIXED  "), fixed.toString());
        assertTrue(fixed.out().contains("was: group "), fixed.toString());
        assertTrue(fixed.out().contains("now: fit for use (" + key + ": rw-------)"), fixed.toString());
        assertTrue(fixed.out().contains("1 key(s) fixed; every private key is fit for use."), fixed.toString());
    }
}
