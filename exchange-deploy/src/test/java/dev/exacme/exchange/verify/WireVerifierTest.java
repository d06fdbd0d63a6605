package dev.exacme.exchange.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.exchange.verify.Outcome.Status;
import dev.exacme.store.CertificateBundle;
import dev.exacme.store.TestBundles;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link WireVerifier} against real TLS servers on loopback sockets. */
class WireVerifierTest {

    private static final CertificateBundle NEW = TestBundles.rsa("mail.example.com");
    private static final CertificateBundle OLD = TestBundles.rsa("mail.example.com");

    private final WireVerifier verifier = new WireVerifier(
            new WireProbe(Duration.ofSeconds(2), Duration.ofSeconds(2), "probe.example.com"), 4);

    @Test
    void passesWhenTheServerPresentsTheExpectedCertificate() throws Exception {
        try (var server = TestTlsServer.start(SniKeyManager.single(NEW), TestTlsServer.IMPLICIT_TLS)) {
            var verification = verifier.verify(List.of(
                    Endpoint.withSni("127.0.0.1", server.port(), Protocol.TLS, "mail.example.com"),
                    Endpoint.withoutSni("127.0.0.1", server.port(), Protocol.TLS)), NEW.thumbprint());

            assertTrue(verification.allPassed(), verification.describe());
            assertEquals(List.of(Status.OK, Status.OK), verification.outcomes().stream().map(Outcome::status).toList());
        }
    }

    @Test
    void namesTheCertificateSeenWhenItIsTheWrongOne() throws Exception {
        try (var server = TestTlsServer.start(SniKeyManager.single(OLD), TestTlsServer.IMPLICIT_TLS)) {
            var endpoint = Endpoint.withoutSni("127.0.0.1", server.port(), Protocol.TLS);
            var verification = verifier.verify(List.of(endpoint), NEW.thumbprint());

            assertFalse(verification.allPassed());
            var outcome = verification.outcomes().get(0);
            assertEquals(Status.WRONG_CERTIFICATE, outcome.status());
            assertEquals(Optional.of(OLD.thumbprint()), outcome.seen());
            assertEquals(Optional.of("CN=mail.example.com"), outcome.subject());
            assertEquals(endpoint.describe() + ": presents " + OLD.thumbprint() + " (CN=mail.example.com) instead of "
                    + NEW.thumbprint(), outcome.describe(NEW.thumbprint()));
        }
    }

    @Test
    void checksEveryEndpointAndKeepsTheirOrder() throws Exception {
        var keys = new SniKeyManager(Map.of("mail.example.com", NEW), OLD);
        try (var server = TestTlsServer.start(keys, TestTlsServer.IMPLICIT_TLS);
             var silent = TestTlsServer.start(SniKeyManager.single(NEW), TestTlsServer.SILENT)) {
            // Picked after the servers bound theirs: a port freed before could be handed to one of them.
            int closedPort;
            try (var closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = closed.getLocalPort();
            }
            var quick = new WireVerifier(new WireProbe(Duration.ofSeconds(2), Duration.ofMillis(500), "probe.example.com"),
                    3);
            var endpoints = List.of(
                    Endpoint.withSni("127.0.0.1", server.port(), Protocol.TLS, "mail.example.com"),
                    Endpoint.withoutSni("127.0.0.1", server.port(), Protocol.TLS),
                    Endpoint.withoutSni("127.0.0.1", closedPort, Protocol.TLS),
                    Endpoint.withoutSni("127.0.0.1", silent.port(), Protocol.SMTP_STARTTLS),
                    Endpoint.withSni("127.0.0.1", server.port(), Protocol.TLS, "mail.example.com"));

            var verification = quick.verify(endpoints, NEW.thumbprint());

            assertEquals(endpoints, verification.outcomes().stream().map(Outcome::endpoint).toList());
            assertEquals(List.of(Status.OK, Status.WRONG_CERTIFICATE, Status.UNREACHABLE, Status.UNREACHABLE, Status.OK),
                    verification.outcomes().stream().map(Outcome::status).toList());
            assertEquals(3, verification.failures().size());
            assertTrue(verification.outcomes().get(2).reason().orElseThrow().contains("refused"));
            assertTrue(verification.outcomes().get(3).reason().orElseThrow().startsWith("timed out"));
            assertFalse(verification.allPassed());
            assertEquals(5, verification.describe().lines().count());
        }
    }

    @Test
    void nothingToCheckIsNotAPass() {
        var verification = verifier.verify(List.of(), NEW.thumbprint());

        assertFalse(verification.allPassed());
    }

    @Test
    void refusesNonsense() {
        var probe = new WireProbe(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThrows(IllegalArgumentException.class, () -> new WireVerifier(probe, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new WireProbe(Duration.ZERO, Duration.ofSeconds(1), "probe.example.com"));
        assertThrows(IllegalArgumentException.class,
                () -> new WireProbe(Duration.ofSeconds(1), Duration.ofSeconds(1), "two words"));
    }
}
