package dev.exacme.cli.managed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import dev.exacme.lifecycle.managed.RenewalLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Managed certificates end to end against a real Pebble: add, list, show, renew (not due, forced, failing, locked). */
class ManagedCertificatesPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path temp;

    private Path config() {
        return temp.resolve("config");
    }

    private CommandRun add(String name, String domain) {
        return CommandRun.of("add", "--config-dir", config().toString(), "--json", name, "-d", domain,
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--email", "admin@exacme.test", "--skip-self-check",
                "--http-port", String.valueOf(PEBBLE.httpChallengePort()), "--http-bind", "127.0.0.1",
                "--out", temp.resolve("pem-" + name).toString());
    }

    private CommandRun renew(String... extra) {
        var args = new ArrayList<>(List.of("renew", "--config-dir", config().toString(), "--json"));
        args.addAll(List.of(extra));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private static JsonNode json(CommandRun run) throws Exception {
        return new ObjectMapper().readTree(run.out());
    }

    private static JsonNode row(JsonNode summary, String name) {
        for (var row : summary.get("certificates")) {
            if (row.get("name").asText().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + name + " in " + summary);
    }

    @Test
    void addedCertificatesAreListedShownAndRenewedOnlyWhenDueOrForced() throws Exception {
        var added = add("mail", "mail.managed.exacme.test");
        assertEquals(0, added.exitCode(), added.toString());
        var definitionFile = config().resolve("certificates/mail.json");
        var definition = new ObjectMapper().readTree(Files.readString(definitionFile));
        assertEquals(2, definition.get("schemaVersion").asInt());
        assertEquals("mail.managed.exacme.test", definition.get("identifiers").get(0).asText());
        assertEquals("pem", definition.get("store").get("type").asText());
        assertEquals(temp.resolve("pem-mail").toString(), definition.get("store").get("directory").asText());
        assertFalse(definition.get("challenge").get("selfCheck").asBoolean());
        assertEquals("rsa2048", definition.get("key").get("type").asText(), "defaults are written down");
        assertEquals(PEBBLE.directoryUrl().toString(), definition.get("ca").get("directory").asText());
        assertFalse(definition.toString().contains("config-dir"), "run options are not part of the definition");
        var first = json(added).get("thumbprint").asText();

        var list = CommandRun.of("list", "--config-dir", config().toString());
        assertTrue(list.out().contains("mail") && list.out().contains("installed"), list.toString());
        var show = CommandRun.of("show", "mail", "--config-dir", config().toString(), "--json");
        assertEquals(first, json(show).get("state").get("thumbprint").asText());
        assertEquals("lifetime", json(show).get("state").get("windowSource").asText());

        var notDue = renew();
        assertEquals(0, notDue.exitCode(), notDue.toString());
        assertEquals("not due", row(json(notDue), "mail").get("outcome").asText());
        assertEquals(first, row(json(notDue), "mail").get("thumbprint").asText(), "nothing was ordered");

        var forced = renew("--force");
        assertEquals(0, forced.exitCode(), forced.toString());
        var renewed = row(json(forced), "mail");
        assertEquals("renewed", renewed.get("outcome").asText());
        assertNotEquals(first, renewed.get("thumbprint").asText());
        assertTrue(forced.err().contains("[mail] "), "progress carries the certificate's name: " + forced.err());
        var history = json(CommandRun.of("show", "mail", "--config-dir", config().toString(), "--json"))
                .get("state").get("history");
        var outcomes = new ArrayList<String>();
        history.forEach(attempt -> outcomes.add(attempt.get("outcome").asText()));
        assertEquals(List.of("issued", "installed", "issued", "installed"), outcomes, "each step recorded");
        assertTrue(Files.readString(temp.resolve("pem-mail/cert.pem")).contains("BEGIN CERTIFICATE"));
    }

    @Test
    void oneFailingCertificateAndOneBrokenDefinitionDoNotStopTheOthers() throws Exception {
        for (var name : List.of("one", "two", "three")) {
            var added = add(name, name + ".managed.exacme.test");
            assertEquals(0, added.exitCode(), added.toString());
        }
        // "three" now names a CA where nobody listens, as a definition with a stale server would.
        var file = config().resolve("certificates/three.json");
        var mapper = new ObjectMapper();
        var definition = (ObjectNode) mapper.readTree(Files.readString(file));
        ((ObjectNode) definition.get("ca")).put("directory", "https://127.0.0.1:1/dir");
        Files.writeString(file, definition.toPrettyString());
        var broken = config().resolve("certificates/broken.json");
        Files.writeString(broken, "{ this is not json");
        // A specification that parses but lacks a part: reported with its path, never stopping the others.
        var keyless = (ObjectNode) mapper.readTree(Files.readString(config().resolve("certificates/two.json")));
        keyless.put("name", "keyless");
        keyless.remove("key");
        var keylessFile = config().resolve("certificates/keyless.json");
        Files.writeString(keylessFile, keyless.toPrettyString());
        var brokenBytes = Files.readAllBytes(broken);

        var run = renew("--force", "--concurrency", "3", "--retry-delay", "10ms");

        assertEquals(1, run.exitCode(), run.toString());
        var summary = json(run);
        assertEquals("renewed", row(summary, "one").get("outcome").asText());
        assertEquals("renewed", row(summary, "two").get("outcome").asText());
        assertEquals("failed", row(summary, "three").get("outcome").asText());
        assertEquals("failed", row(summary, "broken").get("outcome").asText());
        assertTrue(row(summary, "broken").get("reason").asText().contains(broken.toString()), summary.toString());
        assertEquals("failed", row(summary, "keyless").get("outcome").asText());
        assertTrue(row(summary, "keyless").get("reason").asText().contains(keylessFile.toString()), summary.toString());
        assertEquals(3, summary.get("failed").asInt());
        var list = CommandRun.of("list", "--config-dir", config().toString());
        assertEquals(1, list.exitCode(), "list says when a file cannot be read: " + list);
        assertArrayEquals(brokenBytes, Files.readAllBytes(broken), "an unreadable definition is left as it is");
        var three = json(CommandRun.of("show", "three", "--config-dir", config().toString(), "--json"));
        var threeHistory = three.get("state").get("history");
        var last = threeHistory.get(threeHistory.size() - 1);
        var failures = new ArrayList<String>();
        threeHistory.forEach(attempt -> {
            if (attempt.get("outcome").asText().equals("failed")) {
                failures.add(attempt.get("message").asText());
            }
        });
        assertEquals(3, failures.size(), "an unreachable CA is tried three times in one run: " + threeHistory);
        assertTrue(run.err().contains("[three] the CA or the network failed for a moment"), run.err());
        assertEquals("failed", last.get("outcome").asText());
        assertFalse(last.get("message").asText().isEmpty());
    }

    @Test
    void whatARunHasNotStartedByItsDeadlineIsLeftToTheNextRun() throws Exception {
        for (var name : List.of("early", "late")) {
            assertEquals(0, add(name, name + ".managed.exacme.test").exitCode());
        }

        // One at a time: "late" starts after "early" has renewed, long after a deadline of 1 ms.
        var run = renew("--force", "--concurrency", "1", "--deadline", "1ms");

        assertEquals(1, run.exitCode(), run.toString());
        var late = row(json(run), "late");
        assertEquals("failed", late.get("outcome").asText());
        assertTrue(late.get("reason").asText().startsWith("not attempted: the run's --deadline passed"), late.toString());
        var next = renew("--force");
        assertEquals(0, next.exitCode(), next.toString());
        assertEquals("renewed", row(json(next), "late").get("outcome").asText());
    }

    @Test
    void aSecondRunWaitsBrieflyThenSaysAnotherRunHoldsTheLock() throws Exception {
        try (var held = RenewalLock.acquire(config().resolve("renew.lock"), Duration.ZERO).orElseThrow()) {
            var started = System.nanoTime();
            var second = renew("--wait", "1s");
            assertEquals(1, second.exitCode(), second.toString());
            assertTrue(second.err().contains("another exacme run"), second.toString());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 900, "it waited");
        }
        var afterwards = renew();
        assertEquals(0, afterwards.exitCode(), afterwards.toString());
    }

    @Test
    void definitionsReferToSecretsByNameAndRunsNeverLeaveThemOnDisk() throws Exception {
        var passwordFile = Files.writeString(temp.resolve("pfx-password"), "p4ss-for-the-pfx");
        Files.setPosixFilePermissions(passwordFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        var set = CommandRun.of("secret", "set", "pfx", "--from-file", passwordFile.toString(), "--config-dir",
                config().toString());
        assertEquals(0, set.exitCode(), set.toString());
        Files.delete(passwordFile);
        var pfx = temp.resolve("mail.pfx");

        var added = CommandRun.of("add", "--config-dir", config().toString(), "--json", "pfx", "-d",
                "pfx.managed.exacme.test", "--server", PEBBLE.directoryUrl().toString(), "--trust",
                PEBBLE.trustAnchorPem().toString(), "--agree-tos", "--skip-self-check",
                "--http-port", String.valueOf(PEBBLE.httpChallengePort()), "--http-bind", "127.0.0.1",
                "--store", "pfx", "--pfx-file", pfx.toString(), "--pfx-password-file", "secret:pfx");
        assertEquals(0, added.exitCode(), added.toString());
        var definition = Files.readString(config().resolve("certificates/pfx.json"));
        assertTrue(definition.contains("\"secret:pfx\""), definition);
        assertFalse(definition.contains("p4ss-for-the-pfx"), "the definition never holds the secret");

        var forced = renew("--force");
        assertEquals(0, forced.exitCode(), forced.toString());
        assertEquals("renewed", row(json(forced), "pfx").get("outcome").asText());
        var keyStore = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(pfx)) {
            keyStore.load(in, "p4ss-for-the-pfx".toCharArray());
        }
        assertFalse(Files.exists(config().resolve("run")), "secrets never pass through files of a run");
        assertFalse(forced.out().contains("p4ss") || forced.err().contains("p4ss"));

        // Someone widens the secrets folder: secrets are refused until 'doctor state --fix' closes it again.
        var secrets = config().resolve("secrets");
        Files.setPosixFilePermissions(secrets, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        var refused = renew("--force");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(row(json(refused), "pfx").get("reason").asText().contains("chmod 700"), refused.toString());
        var doctor = CommandRun.of("doctor", "state", "--config-dir", config().toString(), "--json");
        assertEquals(1, doctor.exitCode(), doctor.toString());
        assertFalse(json(doctor).get("protected").asBoolean());
        var fixed = CommandRun.of("doctor", "state", "--fix", "--config-dir", config().toString());
        assertEquals(0, fixed.exitCode(), fixed.toString());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(secrets)));
        assertEquals(0, renew("--force").exitCode(), "secrets are read again");
    }

    @Test
    void editChangesTheDefinitionAndRevokeAndRemoveEndIt() throws Exception {
        var added = add("edited", "edited.managed.exacme.test");
        assertEquals(0, added.exitCode(), added.toString());

        var edit = CommandRun.of("edit", "--config-dir", config().toString(), "edited", "--key-type", "ec384",
                "--unset", "skip-self-check");
        assertEquals(0, edit.exitCode(), edit.toString());
        var edited = new ObjectMapper().readTree(Files.readString(config().resolve("certificates/edited.json")));
        assertEquals("ec384", edited.get("key").get("type").asText());
        assertTrue(edited.get("challenge").get("selfCheck").asBoolean(), "--skip-self-check is gone");
        assertEquals("edited.managed.exacme.test", edited.get("identifiers").get(0).asText(), "domains kept");
        var badEdit = CommandRun.of("edit", "--config-dir", config().toString(), "edited", "--unset", "nothing-like-it");
        assertEquals(2, badEdit.exitCode(), badEdit.toString());

        var revoke = CommandRun.of("revoke", "edited", "--reason", "superseded", "--config-dir", config().toString());
        assertEquals(0, revoke.exitCode(), revoke.toString());
        var badReason = CommandRun.of("revoke", "edited", "--reason", "boredom", "--config-dir", config().toString());
        assertEquals(2, badReason.exitCode(), badReason.toString());
        assertTrue(badReason.err().contains("keyCompromise"), badReason.toString());
        var shown = json(CommandRun.of("show", "edited", "--config-dir", config().toString(), "--json"));
        var shownHistory = shown.get("state").get("history");
        assertEquals("revoked", shownHistory.get(shownHistory.size() - 1).get("outcome").asText());

        var remove = CommandRun.of("remove", "edited", "--config-dir", config().toString());
        assertEquals(0, remove.exitCode(), remove.toString());
        assertFalse(Files.exists(config().resolve("certificates/edited.json")));
        assertTrue(Files.exists(temp.resolve("pem-edited/cert.pem")), "what is installed stays");
    }

    @Test
    void badInputIsRefused() {
        var badName = CommandRun.of("add", "--config-dir", config().toString(), "mail/../x", "-d", "a.exacme.test");
        assertEquals(2, badName.exitCode(), badName.toString());
        assertTrue(badName.err().contains("cannot name a managed certificate"), badName.toString());

        var badOption = CommandRun.of("add", "--config-dir", config().toString(), "mail", "-d", "a.exacme.test",
                "--no-such-option");
        assertEquals(2, badOption.exitCode(), badOption.toString());
        assertTrue(badOption.err().contains("--no-such-option"), badOption.toString());
        assertFalse(Files.exists(config().resolve("certificates/mail.json")), "nothing kept");

        var renewUnknown = CommandRun.of("renew", "nothing", "--config-dir", config().toString());
        assertEquals(2, renewUnknown.exitCode(), renewUnknown.toString());

        var unknown = CommandRun.of("show", "nothing", "--config-dir", config().toString());
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("no managed certificate named nothing"), unknown.toString());
    }
}
