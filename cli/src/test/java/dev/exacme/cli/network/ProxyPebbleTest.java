package dev.exacme.cli.network;

import dev.exacme.lifecycle.network.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.acme.testing.TinyproxyExtension;
import dev.exacme.cli.CommandRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** exacme between a real Pebble and a real forward proxy that demands basic authentication. */
class ProxyPebbleTest {

    @RegisterExtension
    @Order(2)
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    // Bound before Pebble reserves its ports: it cannot then take the HTTP-01 port Pebble leaves free for the test.
    @RegisterExtension
    @Order(1)
    static final TinyproxyExtension PROXY = TinyproxyExtension.withBasicAuth("alice", "s3cret-pw");

    @TempDir
    Path temp;

    private Path credentials(String content) throws IOException {
        var file = Files.writeString(temp.resolve("proxy-" + content.hashCode()), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private CommandRun issue(String name, String... network) {
        var args = new ArrayList<>(List.of("issue", "-d", name, "--server", PEBBLE.directoryUrl().toString(),
                "--trust", PEBBLE.trustAnchorPem().toString(), "--agree-tos", "--skip-self-check",
                "--http-port", String.valueOf(PEBBLE.httpChallengePort()), "--http-bind", "127.0.0.1",
                "--config-dir", temp.resolve("config").toString(), "--out", temp.resolve("out-" + name).toString()));
        args.addAll(List.of(network));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private static String pebbleConnect() {
        return "CONNECT 127.0.0.1:" + PEBBLE.directoryUrl().getPort();
    }

    private long connectsToPebble() throws IOException {
        return PROXY.connects().stream().filter(line -> line.startsWith(pebbleConnect())).count();
    }

    @Test
    void issuesThroughTheProxy() throws IOException {
        var before = connectsToPebble();
        var run = issue("through.exacme.test", "--proxy", PROXY.url(),
                "--proxy-credentials-file", credentials("alice:s3cret-pw").toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(connectsToPebble() > before, "the proxy tunnelled to Pebble: " + PROXY.connects());
        assertFalse(run.err().contains("s3cret-pw"));
    }

    @Test
    void theNoProxyListGoesAroundIt() throws IOException {
        var before = PROXY.connects().size();
        var run = issue("around.exacme.test", "--proxy", PROXY.url(), "--no-proxy", "127.0.0.0/8");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(before, PROXY.connects().size(), "nothing went through the proxy");
    }

    @Test
    void savedSettingsApplyToLaterRuns() throws IOException {
        var set = CommandRun.of("network", "set", "--proxy", PROXY.url(), "--proxy-credentials-file",
                credentials("alice:s3cret-pw").toString(), "--config-dir", temp.resolve("config").toString());
        assertEquals(0, set.exitCode(), set.toString());
        var show = CommandRun.of("network", "show", "--json", "--server", PEBBLE.directoryUrl().toString(),
                "--config-dir", temp.resolve("config").toString());
        var document = new ObjectMapper().readTree(show.out());
        assertEquals("saved", document.get("source").asText(), show.toString());
        assertEquals("alice", document.get("proxy").get("user").asText());
        assertTrue(document.get("ca").get("viaProxy").asBoolean());
        assertEquals("direct", document.get("dns").asText());
        assertFalse(show.out().contains("s3cret-pw"), "the password is never shown");

        var before = connectsToPebble();
        var run = issue("saved.exacme.test");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(connectsToPebble() > before);
    }

    @Test
    void missingCredentialsExitFourNamingTheProxy() throws IOException {
        var run = issue("nocreds.exacme.test", "--proxy", PROXY.url(), "--json");
        assertEquals(4, run.exitCode(), run.toString());
        assertTrue(run.err().contains("407"), run.err());
        assertTrue(run.err().contains(PROXY.url()), run.err());
        assertFalse(Files.exists(temp.resolve("out-nocreds.exacme.test/key.pem")));
        assertFalse(Files.exists(temp.resolve("config/accounts")), "nothing half done");
    }

    @Test
    void wrongCredentialsExitFour() throws IOException {
        var run = issue("wrong.exacme.test", "--proxy", PROXY.url(), "--proxy-credentials-file",
                credentials("alice:not-it").toString());
        assertEquals(4, run.exitCode(), run.toString());
        assertTrue(run.err().contains("proxy credentials"), run.err());
        assertFalse(run.err().contains("not-it"), "the password is never shown");
    }

    @Test
    void anUnreachableProxyExitsFour() throws IOException {
        int deadPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        var run = issue("deadproxy.exacme.test", "--proxy", "http://127.0.0.1:" + deadPort);
        assertEquals(4, run.exitCode(), run.toString());
        assertTrue(run.err().contains("http://127.0.0.1:" + deadPort), run.err());
    }
}
