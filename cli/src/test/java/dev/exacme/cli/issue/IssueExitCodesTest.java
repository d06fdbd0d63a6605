package dev.exacme.cli.issue;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exacme.acme.fakeca.FakeCa;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.cli.CommandRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a script sees when the CA misbehaves: the documented exit code and a JSON error document. */
class IssueExitCodesTest {

    @RegisterExtension
    static final WireMockExtension WIRE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    private FakeCa fake;

    @BeforeEach
    void serveAHappyCa() {
        fake = new FakeCa(WIRE).happyPath(null);
    }

    private CommandRun issue(String... extra) throws IOException {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var args = new java.util.ArrayList<>(java.util.List.of("issue", "-d", FakeCa.NAME, "--server",
                fake.directoryUrl().toString(), "--agree-tos", "--skip-self-check",
                "--http-port", String.valueOf(port), "--http-bind", "127.0.0.1",
                "--config-dir", temp.resolve("config").toString(), "--out", temp.resolve("out").toString(), "--json"));
        args.addAll(java.util.List.of(extra));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private JsonNode document(CommandRun run) throws IOException {
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void success() throws IOException {
        // The fake CA issues one canned certificate; exacme installs only a certificate that matches its key.
        Files.createDirectories(temp.resolve("out"));
        Files.writeString(temp.resolve("out/key.pem"), PemFormat.privateKey(FakeCa.CERTIFIED_KEY.getPrivate()));
        var run = issue("--reuse-key", "--key-type", "ec256");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("ok", document(run).get("status").asText());
        assertTrue(Files.exists(temp.resolve("out/key.pem")));
    }

    @Test
    void rateLimitedIsThreeWithRetryAfter() throws IOException {
        fake.problem("/order", 429, "rateLimited", "too many new orders recently", Map.of("Retry-After", "120"));
        var run = issue();
        assertEquals(3, run.exitCode(), run.toString());
        var error = document(run);
        assertEquals("error", error.get("status").asText());
        assertEquals("ca-refused", error.get("kind").asText());
        assertEquals("rateLimited", error.get("problem").get("type").asText());
        assertTrue(error.hasNonNull("retryAfter"), error.toString());
        assertTrue(run.err().contains("Try again after"), run.err());
        assertFalse(Files.exists(temp.resolve("out/key.pem")));
    }

    @Test
    void serverErrorIsFour() throws IOException {
        fake.plain("POST", "/order", 503, "text/html", "<html>Service Unavailable</html>");
        var run = issue();
        assertEquals(4, run.exitCode(), run.toString());
        assertEquals("network", document(run).get("kind").asText());
        assertFalse(Files.exists(temp.resolve("out/key.pem")));
    }

    @Test
    void malformedDirectoryIsOne() throws IOException {
        fake.plain("GET", "/dir", 200, "application/json", "{ this is not json");
        var run = issue();
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("failure", document(run).get("kind").asText());
        assertTrue(run.err().contains(fake.directoryUrl().toString()), run.err());
        assertFalse(Files.exists(temp.resolve("out/key.pem")));
    }

    @Test
    void failedValidationIsThree() throws IOException {
        var detail = "Invalid response from http://a.example.com/.well-known/acme-challenge/x: 403";
        fake.authorizationSequence(java.util.List.of(fake.authorization("pending"),
                fake.authorization("invalid", detail)), java.util.List.of());
        fake.challengeAnswers("invalid", detail);
        var run = issue();
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains(detail), run.err());
    }
}
