package dev.exacme.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exacme store doctor} on PEM stores: a key file that became world-readable gets the
 * file mode fix named (not {@code store grant}, which file stores refuse), and {@code --fix}
 * applies it and says so; a key its managed certificate lets a group read ({@code add
 * --key-group}) is fit and keeps that group; a key no definition owns that its group can read
 * is a warning {@code --fix} leaves alone. Certificates from a real Pebble, real files, modes
 * and groups ({@code daemon}, which every Debian system has).
 */
class StoreDoctorPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path temp;

    private static final String GROUP = "daemon";

    private String config() {
        return temp.resolve("config").toString();
    }

    /** {@code exacme issue}: a certificate in {@code <config>/pem/DOMAIN} that no definition owns; its thumbprint. */
    private String issue(String domain) throws Exception {
        var issued = CommandRun.of("issue", "--server", PEBBLE.directoryUrl().toString(),
                "--trust", PEBBLE.trustAnchorPem().toString(), "--agree-tos", "--skip-self-check",
                "--http-port", String.valueOf(PEBBLE.httpChallengePort()), "--http-bind", "127.0.0.1",
                "--config-dir", config(), "-d", domain, "--json");
        assertEquals(0, issued.exitCode(), issued.toString());
        return new ObjectMapper().readTree(issued.out()).get("thumbprint").asText();
    }

    /** {@code exacme add NAME -d DOMAIN --key-group daemon}, and {@code extra} (such as {@code --out DIR}). */
    private void addWithKeyGroup(String name, String domain, String... extra) {
        var args = new ArrayList<>(List.of("add", "--config-dir", config(), "--json", name, "-d", domain,
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--skip-self-check", "--http-port", String.valueOf(PEBBLE.httpChallengePort()),
                "--http-bind", "127.0.0.1", "--key-group", GROUP));
        args.addAll(List.of(extra));
        var added = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, added.exitCode(), added.toString());
    }

    private CommandRun doctor(String... extra) {
        var args = new ArrayList<>(List.of("store", "doctor", "--config-dir", config()));
        args.addAll(List.of(extra));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static String group(Path file) throws Exception {
        return Files.readAttributes(file, PosixFileAttributes.class).group().getName();
    }

    /** Whom the remedy names: the file's owner and root, or root once when root owns it. */
    private static String runAs(Path file) throws Exception {
        var owner = Files.getOwner(file).getName();
        return "root".equals(owner) ? "root" : owner + " (the file's owner) or root";
    }

    @Test
    void aWorldReadableKeyGetsItsChmodNamedAndFixFixesIt() throws Exception {
        var config = config();
        var thumbprint = issue("doctor.exacme.test");
        var key = temp.resolve("config/pem/doctor.exacme.test/key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        var doctor = CommandRun.of("store", "doctor", "--config-dir", config);
        assertEquals(1, doctor.exitCode(), doctor.toString());
        assertTrue(doctor.out().contains("UNFIT  " + thumbprint), doctor.toString());
        assertTrue(doctor.out().contains("fix: run 'chmod 600 " + key + "' as " + runAs(key)
                + ", or 'exacme store doctor --fix'"), doctor.toString());
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
        issue("fixtext.exacme.test");
        var key = temp.resolve("config/pem/fixtext.exacme.test/key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw----r--"));

        var fixed = doctor("--fix");
        assertEquals(0, fixed.exitCode(), fixed.toString());
        assertTrue(fixed.out().contains("FIXED  "), fixed.toString());
        assertTrue(fixed.out().contains("was: everyone on this machine can read " + key), fixed.toString());
        assertTrue(fixed.out().contains("now: fit for use (" + key + ": rw-------)"), fixed.toString());
        assertTrue(fixed.out().contains("1 key(s) fixed; every private key is fit for use.\n"), fixed.toString());
    }

    @Test
    void aKeyTheDefinitionLetsItsGroupReadIsFitAndFixKeepsTheGroup() throws Exception {
        var out = temp.resolve("kg");
        addWithKeyGroup("kg", "kg.exacme.test", "--out", out.toString());
        var key = out.resolve("key.pem");
        assertEquals("rw-r-----", mode(key));
        assertEquals(GROUP, group(key));

        var doctor = doctor("--out", out.toString(), "--json");
        assertEquals(0, doctor.exitCode(), doctor.toString());
        var document = new ObjectMapper().readTree(doctor.out());
        var certificate = document.get("certificates").get(0);
        assertEquals("fit", certificate.get("outcome").asText(), certificate.toString());
        assertEquals(0, certificate.get("keyAccess").get("problems").size(), certificate.toString());
        assertEquals(0, certificate.get("keyAccess").get("warnings").size(), certificate.toString());
        assertEquals(0, document.get("unfit").asInt(), document.toString());
        assertEquals(0, document.get("warned").asInt(), document.toString());

        var fix = doctor("--out", out.toString(), "--fix");
        assertEquals(0, fix.exitCode(), fix.toString());
        assertTrue(fix.out().contains("Every private key is fit for use.\n"), fix.toString());
        assertEquals("rw-r-----", mode(key), "--fix must not take the key from the service's group");
        assertEquals(GROUP, group(key));

        // Opened to everyone, the fix is the definition's mode and group, not owner-only.
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        var unfit = doctor("--out", out.toString());
        assertEquals(1, unfit.exitCode(), unfit.toString());
        assertTrue(unfit.out().contains("fix: run 'chgrp " + GROUP + " " + key + " && chmod 640 " + key + "' as "
                + runAs(key) + ", or 'exacme store doctor --fix'"), unfit.toString());
        var fixed = doctor("--out", out.toString(), "--fix");
        assertEquals(0, fixed.exitCode(), fixed.toString());
        assertTrue(fixed.out().contains("now: fit for use (" + key + ": rw-r-----)"), fixed.toString());
        assertEquals("rw-r-----", mode(key));
        assertEquals(GROUP, group(key));
    }

    @Test
    void everyPemDirectoryUnderTheConfigIsCheckedAgainstItsOwnDefinition() throws Exception {
        addWithKeyGroup("grouped", "grouped.exacme.test");
        var grouped = temp.resolve("config/pem/grouped/key.pem");
        assertEquals("rw-r-----", mode(grouped));
        assertEquals(GROUP, group(grouped));
        // A second certificate beside it, no definition's, made group-readable by hand.
        var loose = issue("loose.exacme.test");
        var looseKey = temp.resolve("config/pem/loose.exacme.test/key.pem");
        Files.setPosixFilePermissions(looseKey, PosixFilePermissions.fromString("rw-r-----"));

        var doctor = doctor("--json");
        assertEquals(0, doctor.exitCode(), doctor.toString());
        var document = new ObjectMapper().readTree(doctor.out());
        assertEquals("fit", entry(document, "grouped.exacme.test").get("outcome").asText(), document.toString());
        assertEquals("warning", entry(document, "loose.exacme.test").get("outcome").asText(), document.toString());
        assertEquals(loose, entry(document, "loose.exacme.test").get("thumbprint").asText());

        var fix = doctor("--fix");
        assertEquals(0, fix.exitCode(), fix.toString());
        assertEquals("rw-r-----", mode(grouped));
        assertEquals(GROUP, group(grouped));
        assertEquals("rw-r-----", mode(looseKey), "a group nobody named is warned about, not taken away");

        // The definition's group taken off its key is put back, never the key made owner-only.
        Files.setPosixFilePermissions(grouped, PosixFilePermissions.fromString("rw-------"));
        var missing = doctor();
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.out().contains("group " + GROUP + " cannot read " + grouped), missing.toString());
        assertEquals(0, doctor("--fix").exitCode());
        assertEquals("rw-r-----", mode(grouped));
        assertEquals(GROUP, group(grouped));
    }

    @Test
    void aGroupReadableKeyNoDefinitionOwnsIsAWarningThatFixLeaves() throws Exception {
        var thumbprint = issue("loose.exacme.test");
        var key = temp.resolve("config/pem/loose.exacme.test/key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        var group = group(key);

        var doctor = doctor();
        assertEquals(0, doctor.exitCode(), doctor.toString());
        assertTrue(doctor.out().contains("WARN   " + thumbprint + "  loose.exacme.test\n"), doctor.toString());
        assertTrue(doctor.out().contains("warning: group " + group + " can read " + key + " (mode rw-r-----)"),
                doctor.toString());
        assertTrue(doctor.out().contains("give --key-group " + group + "; if none does, run 'chmod 600 " + key + "'"),
                doctor.toString());
        assertTrue(doctor.out().contains("Every private key is fit for use. 1 key(s) with a warning, which --fix"
                + " leaves as they are.\n"), doctor.toString());

        var fix = doctor("--fix", "--json");
        assertEquals(0, fix.exitCode(), fix.toString());
        assertEquals("rw-r-----", mode(key));
        var document = new ObjectMapper().readTree(fix.out());
        assertEquals("ok", document.get("status").asText(), document.toString());
        assertEquals(0, document.get("fixed").asInt(), document.toString());
        assertEquals(1, document.get("warned").asInt(), document.toString());
        var certificate = document.get("certificates").get(0);
        assertEquals("warning", certificate.get("outcome").asText(), certificate.toString());
        assertTrue(certificate.get("keyAccess").get("fit").asBoolean(), certificate.toString());
        assertTrue(certificate.get("keyAccess").get("warnings").get(0).asText().startsWith("group " + group
                + " can read " + key), certificate.toString());

        var show = CommandRun.of("store", "show", thumbprint, "--config-dir", config());
        assertEquals(0, show.exitCode(), show.toString());
        assertTrue(show.out().contains("  warning     group " + group + " can read " + key), show.toString());

        // Named with --key-group, that group is what is expected, and the key is simply fit.
        var named = doctor("--key-group", group);
        assertEquals(0, named.exitCode(), named.toString());
        assertTrue(named.out().contains("ok     " + thumbprint), named.toString());
    }

    private static JsonNode entry(JsonNode document, String domain) {
        for (var certificate : document.get("certificates")) {
            if (certificate.get("domains").get(0).asText().equals(domain)) {
                return certificate;
            }
        }
        throw new AssertionError("no " + domain + " in " + document);
    }
}
