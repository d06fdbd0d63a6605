package dev.exacme.cli.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code exacme issue} end to end against a real Pebble, as a script would run it. */
class IssueCommandPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path temp;

    private CommandRun issue(Path out, String... extra) {
        var args = new ArrayList<>(List.of("issue", "--server", PEBBLE.directoryUrl().toString(),
                "--trust", PEBBLE.trustAnchorPem().toString(), "--agree-tos", "--skip-self-check", "--email", "admin@exacme.test",
                "--http-port", String.valueOf(PEBBLE.httpChallengePort()), "--http-bind", "127.0.0.1",
                "--config-dir", temp.resolve("config").toString(), "--out", out.toString(), "--json"));
        args.addAll(List.of(extra));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private static JsonNode json(CommandRun run) throws Exception {
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void writesAVerifiableChainAndAMatchingOwnerOnlyKey() throws Exception {
        var out = temp.resolve("out");
        var run = issue(out, "-d", "cli.exacme.test", "-d", "www.cli.exacme.test", "--key-type", "ec256");
        assertEquals(0, run.exitCode(), run.toString());
        var result = json(run);
        assertEquals("ok", result.get("status").asText());
        assertTrue(result.get("account").get("created").asBoolean());
        assertTrue(run.err().contains("Validating cli.exacme.test"), "progress on stderr: " + run.err());

        var leaf = PemFormat.readCertificates(Files.readString(out.resolve("cert.pem")));
        var chain = PemFormat.readCertificates(Files.readString(out.resolve("chain.pem")));
        var full = PemFormat.readCertificates(Files.readString(out.resolve("fullchain.pem")));
        assertEquals(1, leaf.size());
        assertFalse(chain.isEmpty());
        var joined = new ArrayList<>(leaf);
        joined.addAll(chain);
        assertEquals(joined, full);

        var key = PemFormat.readKeyPair(Files.readString(out.resolve("key.pem")));
        assertEquals(key.getPublic(), leaf.get(0).getPublicKey());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("key.pem"))));
        assertEquals(result.get("serial").asText(), leaf.get(0).getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));

        var anchors = new HashSet<TrustAnchor>();
        PEBBLE.roots().forEach(root -> anchors.add(new TrustAnchor(root, null)));
        var parameters = new PKIXParameters(anchors);
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(full),
                parameters);
    }

    @Test
    void aSecondRunReusesTheAccountAndReuseKeyKeepsTheKey() throws Exception {
        var out = temp.resolve("again");
        var first = issue(out, "-d", "again.exacme.test");
        assertEquals(0, first.exitCode(), first.toString());
        var firstKey = Files.readString(out.resolve("key.pem"));

        var second = issue(out, "-d", "again.exacme.test", "--reuse-key");
        assertEquals(0, second.exitCode(), second.toString());
        assertFalse(json(second).get("account").get("created").asBoolean());
        assertEquals(json(first).get("account").get("url"), json(second).get("account").get("url"));
        assertEquals(firstKey, Files.readString(out.resolve("key.pem")));
        assertNotEquals(json(first).get("serial"), json(second).get("serial"));

        var third = issue(out, "-d", "again.exacme.test");
        assertEquals(0, third.exitCode(), third.toString());
        assertNotEquals(firstKey, Files.readString(out.resolve("key.pem")), "a fresh key unless asked to reuse");
    }

    @Test
    void readableTextForPeople() {
        var out = temp.resolve("text");
        var args = new ArrayList<>(List.of("issue", "--server", PEBBLE.directoryUrl().toString(),
                "--trust", PEBBLE.trustAnchorPem().toString(), "--agree-tos", "--skip-self-check",
                "--http-port", String.valueOf(PEBBLE.httpChallengePort()), "--http-bind", "127.0.0.1",
                "--config-dir", temp.resolve("config").toString(), "--out", out.toString(), "-d", "text.exacme.test"));
        var run = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("Certificate issued for text.exacme.test"), run.out());
        assertTrue(run.out().contains(out.toAbsolutePath().toString()), run.out());
    }

    @Test
    void aFailedValidationExitsThreeAndWritesNothing() throws Exception {
        var out = temp.resolve("failed");
        // Listening on another port than the one Pebble checks: validation must fail.
        int otherPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            otherPort = socket.getLocalPort();
        }
        var run = CommandRun.of("issue", "--server", PEBBLE.directoryUrl().toString(),
                "--trust", PEBBLE.trustAnchorPem().toString(), "--agree-tos", "--skip-self-check", "--http-port", String.valueOf(otherPort),
                "--http-bind", "127.0.0.1", "--config-dir", temp.resolve("config").toString(),
                "--out", out.toString(), "-d", "nobody-answers.exacme.test", "--json");
        assertEquals(3, run.exitCode(), run.toString());
        assertEquals("ca-refused", json(run).get("kind").asText());
        assertTrue(run.err().contains("nobody-answers.exacme.test"), run.err());
        assertFalse(Files.exists(out.resolve("key.pem")));
    }
}
