package dev.exacme.cli.managed;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exacme.acme.fakeca.FakeCa;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.cli.CommandRun;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exacme renew} following a CA's renewal information (RFC 9773), which Pebble 2.4 does
 * not offer: a WireMock CA suggests windows before, around and after now.
 */
class RenewalInformationRenewTest {

    @RegisterExtension
    static final WireMockExtension WIRE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    private FakeCa fake;

    @BeforeEach
    void aCaWithRenewalInformation() {
        fake = new FakeCa(WIRE).happyPath(null);
    }

    private String config() {
        return temp.resolve("config").toString();
    }

    private CommandRun add() throws Exception {
        return add("fake", temp.resolve("out"));
    }

    private CommandRun add(String name, Path out) throws Exception {
        // The fake CA certifies one key: the PEM store's key.pem, reused.
        Files.createDirectories(out);
        Files.writeString(out.resolve("key.pem"), PemFormat.privateKey(FakeCa.CERTIFIED_KEY.getPrivate()));
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return CommandRun.of("add", "--config-dir", config(), "--json", name, "-d", FakeCa.NAME,
                "--server", fake.directoryUrl().toString(), "--agree-tos", "--skip-self-check",
                "--http-port", String.valueOf(port), "--http-bind", "127.0.0.1", "--out", out.toString(),
                "--reuse-key", "--key-type", "ec256");
    }

    private JsonNode renew() throws Exception {
        WIRE.resetScenarios();
        var run = CommandRun.of("renew", "--config-dir", config(), "--json");
        return new ObjectMapper().readTree(run.out()).get("certificates").get(0);
    }

    @Test
    void aWindowAheadIsWaitedForAndItsRetryAfterHonouredAWindowPassedRenews() throws Exception {
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        fake.renewalInformation(now.plus(30, ChronoUnit.DAYS), now.plus(32, ChronoUnit.DAYS), 3600, null);
        var added = add();
        assertEquals(0, added.exitCode(), added.toString());

        var ahead = renew();
        assertEquals("not due", ahead.get("outcome").asText(), ahead.toString());
        var minutes = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC);
        assertTrue(ahead.get("reason").asText().contains("(ari window " + minutes.format(now.plus(30, ChronoUnit.DAYS))),
                ahead.toString());
        assertEquals(1, fake.renewalInformationRequests());

        // Retry-After of an hour: the next run does not ask again, and keeps its chosen time.
        fake.renewalInformation(now.minus(2, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS), 3600, null);
        var cached = renew();
        assertEquals("not due", cached.get("outcome").asText(), cached.toString());
        assertEquals(1, fake.renewalInformationRequests(), "Retry-After honoured");

        // Once the CA may be asked again, a window already passed (as after a revocation) means now.
        var state = Path.of(config(), "state", "fake.json");
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(Files.readString(state));
        node.put("checkAfter", now.minus(1, ChronoUnit.MINUTES).toString());
        Files.writeString(state, node.toPrettyString());
        var passed = renew();
        assertEquals("renewed", passed.get("outcome").asText(), passed.toString());
        assertTrue(passed.get("reason").asText().contains("ari window"), passed.toString());
        assertEquals(2, fake.renewalInformationRequests());
        assertTrue(fake.payloads("/order").get(1).has("replaces"), "the renewal names what it replaces");
    }

    @Test
    void aWindowEndingBeforeTheNextDailyRunIsRenewedNow() throws Exception {
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        fake.renewalInformation(now.plus(2, ChronoUnit.HOURS), now.plus(3, ChronoUnit.HOURS), 3600, null);
        var added = add();
        assertEquals(0, added.exitCode(), added.toString());

        var soon = renew();

        assertEquals("renewed", soon.get("outcome").asText(), soon.toString());
        assertTrue(soon.get("reason").asText().contains("before the next scheduled run"), soon.toString());
    }

    @Test
    void manyCertificatesAreLookedUpOverAFewSessionsNotOnePerCertificate() throws Exception {
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        fake.renewalInformation(now.plus(30, ChronoUnit.DAYS), now.plus(32, ChronoUnit.DAYS), 3600, null);
        for (var i = 1; i <= 6; i++) {
            WIRE.resetScenarios();
            var added = add("many" + i, temp.resolve("out" + i));
            assertEquals(0, added.exitCode(), added.toString());
        }
        WIRE.resetRequests();

        var run = CommandRun.of("renew", "--config-dir", config(), "--json", "--concurrency", "2");

        assertEquals(0, run.exitCode(), run.toString());
        var rows = new ObjectMapper().readTree(run.out()).get("certificates");
        assertEquals(6, rows.size(), run.out());
        rows.forEach(row -> assertEquals("not due", row.get("outcome").asText(), row.toString()));
        assertEquals(6, fake.renewalInformationRequests(), "each certificate asked about once");
        var directoryReads = WIRE.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/dir"))).size();
        assertTrue(directoryReads >= 1 && directoryReads <= 2, "one session per look-up at a time, each reading the"
                + " directory once: " + directoryReads);
        assertTrue(fake.payloads("/order").isEmpty(), "nothing ordered");
        assertTrue(run.err().contains("asking the CA for renewal information of 6 certificates (2 at a time) ..."),
                run.err());
    }
}
