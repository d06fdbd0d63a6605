package dev.exacme.exchange.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.store.CertificateBundle;
import dev.exacme.store.TestBundles;
import dev.exacme.store.Thumbprint;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link WireProbe} against real TLS servers on loopback sockets. */
class WireProbeTest {

    private static final CertificateBundle MAIL = TestBundles.rsa("mail.example.com", "autodiscover.example.com");
    private static final CertificateBundle FALLBACK = TestBundles.ecdsa("exchange-self-signed.example.com");

    private final WireProbe probe = new WireProbe(Duration.ofSeconds(2), Duration.ofSeconds(2), "probe.example.com");

    @Test
    void readsTheChainTheServerPresents() throws Exception {
        try (var server = TestTlsServer.start(SniKeyManager.single(MAIL), TestTlsServer.IMPLICIT_TLS)) {
            var presented = probe.present(Endpoint.withoutSni("127.0.0.1", server.port(), Protocol.TLS));

            assertEquals(Optional.empty(), presented.failure());
            assertEquals(Optional.of(MAIL.thumbprint()), presented.thumbprint());
            assertEquals(MAIL.chain(), presented.chain());
        }
    }

    @Test
    void choosesTheCertificateBySniAndSendsNoSniWhenAskedNotTo() throws Exception {
        var keys = new SniKeyManager(Map.of("mail.example.com", MAIL), FALLBACK);
        try (var server = TestTlsServer.start(keys, TestTlsServer.IMPLICIT_TLS)) {
            var withSni = probe.present(Endpoint.withSni("127.0.0.1", server.port(), Protocol.TLS, "mail.example.com"));
            var asked = keys.takeRequestedNames();
            var withoutSni = probe.present(Endpoint.withoutSni("127.0.0.1", server.port(), Protocol.TLS));
            var askedWithout = keys.takeRequestedNames();
            var localhost = probe.present(Endpoint.withoutSni("localhost", server.port(), Protocol.TLS));
            var askedLocalhost = keys.takeRequestedNames();

            assertEquals(Optional.of(MAIL.thumbprint()), withSni.thumbprint(), withSni.toString());
            assertFalse(asked.isEmpty());
            assertTrue(asked.stream().allMatch(Optional.of("mail.example.com")::equals), asked.toString());

            assertEquals(Optional.of(FALLBACK.thumbprint()), withoutSni.thumbprint(), withoutSni.toString());
            assertFalse(askedWithout.isEmpty());
            assertTrue(askedWithout.stream().allMatch(Optional::isEmpty), "SNI was sent: " + askedWithout);

            assertEquals(Optional.of(FALLBACK.thumbprint()), localhost.thumbprint(), localhost.toString());
            assertTrue(askedLocalhost.stream().allMatch(Optional::isEmpty), "SNI was sent: " + askedLocalhost);
        }
    }

    @Test
    void reportsARefusedConnection() throws Exception {
        int port;
        try (var closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        var presented = probe.present(Endpoint.withoutSni("127.0.0.1", port, Protocol.TLS));

        assertTrue(presented.thumbprint().isEmpty());
        assertTrue(presented.failure().orElseThrow().contains("refused"), presented.failure().orElseThrow());
        assertTrue(presented.failure().orElseThrow().contains(String.valueOf(port)), presented.failure().orElseThrow());
    }

    @Test
    void reportsAServerThatNeverAnswersWithinTheReadTimeout() throws Exception {
        var quick = new WireProbe(Duration.ofSeconds(2), Duration.ofMillis(300), "probe.example.com");
        try (var server = TestTlsServer.start(SniKeyManager.single(MAIL), TestTlsServer.SILENT)) {
            for (var protocol : List.of(Protocol.TLS, Protocol.SMTP_STARTTLS)) {
                var presented = assertTimeoutPreemptively(Duration.ofSeconds(5),
                        () -> quick.present(Endpoint.withoutSni("127.0.0.1", server.port(), protocol)));

                var failure = presented.failure().orElseThrow();
                assertTrue(failure.startsWith("timed out: no answer within 300 ms"), failure);
                assertTrue(failure.contains(protocol == Protocol.TLS ? "TLS handshake" : "SMTP greeting"), failure);
            }
        }
    }

    @Test
    void reportsAnUnknownHost() {
        var presented = probe.present(Endpoint.withoutSni("no-such-host.invalid", 443, Protocol.TLS));

        assertTrue(presented.failure().orElseThrow().contains("does not resolve"), presented.failure().orElseThrow());
    }

    @Test
    void reportsAServerThatSpeaksNoTls() throws Exception {
        TestTlsServer.Dialogue http = (in, out) -> {
            TestTlsServer.send(out, "HTTP/1.1 400 Bad Request", "");
            return false;
        };
        try (var server = TestTlsServer.start(SniKeyManager.single(MAIL), http)) {
            var failure = probe.present(Endpoint.withoutSni("127.0.0.1", server.port(), Protocol.TLS)).failure()
                    .orElseThrow();

            assertTrue(failure.startsWith("the TLS"), failure);
        }
    }

    @Test
    void followsMultiLineEhloRepliesToStartTls() throws Exception {
        TestTlsServer.Dialogue smtp = (in, out) -> {
            TestTlsServer.send(out, "220-mx.example.com ESMTP", "220 second greeting line");
            var ehlo = TestTlsServer.readLine(in);
            if (!"EHLO probe.example.com".equals(ehlo)) {
                TestTlsServer.send(out, "500 unexpected " + ehlo);
                return false;
            }
            TestTlsServer.send(out, "250-mx.example.com", "250-PIPELINING", "250-SIZE 10240000", "250-starttls",
                    "250 8BITMIME");
            if (!"STARTTLS".equals(TestTlsServer.readLine(in))) {
                return false;
            }
            TestTlsServer.send(out, "220 2.0.0 Ready to start TLS");
            return true;
        };
        try (var server = TestTlsServer.start(SniKeyManager.single(MAIL), smtp)) {
            var presented = probe.present(Endpoint.withoutSni("127.0.0.1", server.port(), Protocol.SMTP_STARTTLS));

            assertEquals(Optional.of(MAIL.thumbprint()), presented.thumbprint(), presented.toString());
        }
    }

    @Test
    void quotesAGreetingThatIsNot220() throws Exception {
        TestTlsServer.Dialogue refusing = (in, out) -> {
            TestTlsServer.send(out, "554 5.7.1 mx.example.com no service for you");
            return false;
        };
        try (var server = TestTlsServer.start(SniKeyManager.single(MAIL), refusing)) {
            var failure = probe.present(Endpoint.withoutSni("127.0.0.1", server.port(), Protocol.SMTP_STARTTLS))
                    .failure().orElseThrow();

            assertEquals("the SMTP greeting was not 220: '554 5.7.1 mx.example.com no service for you'", failure);
        }
    }

    @Test
    void reportsAServerThatHangsUpMidDialogue() throws Exception {
        TestTlsServer.Dialogue hangsUp = (in, out) -> {
            TestTlsServer.send(out, "220 mx.example.com ESMTP");
            TestTlsServer.readLine(in);
            out.write("250-mx.example.com\r\n250-PIPE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            return false;
        };
        try (var server = TestTlsServer.start(SniKeyManager.single(MAIL), hangsUp)) {
            var failure = probe.present(Endpoint.withoutSni("127.0.0.1", server.port(), Protocol.SMTP_STARTTLS))
                    .failure().orElseThrow();

            assertEquals("the server closed the connection while we waited for the rest of the reply to EHLO"
                    + " (after the partial line '250-PIPE')", failure);
        }
    }

    @Test
    void reportsStartTlsNotOfferedWithTheExtensionsThatAre() throws Exception {
        TestTlsServer.Dialogue plainOnly = (in, out) -> {
            TestTlsServer.send(out, "220 mx.example.com ESMTP");
            TestTlsServer.readLine(in);
            TestTlsServer.send(out, "250-mx.example.com Hello", "250-SIZE 36700160", "250 AUTH NTLM");
            TestTlsServer.readLine(in);
            return false;
        };
        try (var server = TestTlsServer.start(SniKeyManager.single(MAIL), plainOnly)) {
            var failure = probe.present(Endpoint.withoutSni("127.0.0.1", server.port(), Protocol.SMTP_STARTTLS))
                    .failure().orElseThrow();

            assertTrue(failure.startsWith("STARTTLS not offered: the server's EHLO reply lists SIZE 36700160, AUTH NTLM"),
                    failure);
        }
    }

    @Test
    void upgradesImapAndPop3() throws Exception {
        TestTlsServer.Dialogue imap = (in, out) -> {
            TestTlsServer.send(out, "* OK The Microsoft Exchange IMAP4 service is ready.");
            if (!"a1 STARTTLS".equals(TestTlsServer.readLine(in))) {
                return false;
            }
            TestTlsServer.send(out, "a1 OK Begin TLS negotiation now.");
            return true;
        };
        TestTlsServer.Dialogue pop3 = (in, out) -> {
            TestTlsServer.send(out, "+OK The Microsoft Exchange POP3 service is ready.");
            if (!"STLS".equals(TestTlsServer.readLine(in))) {
                return false;
            }
            TestTlsServer.send(out, "+OK Begin TLS negotiation.");
            return true;
        };
        try (var imapServer = TestTlsServer.start(SniKeyManager.single(MAIL), imap);
             var pop3Server = TestTlsServer.start(SniKeyManager.single(MAIL), pop3)) {
            var viaImap = probe.present(Endpoint.withSni("127.0.0.1", imapServer.port(), Protocol.IMAP_STARTTLS,
                    "mail.example.com"));
            var viaPop3 = probe.present(Endpoint.withoutSni("127.0.0.1", pop3Server.port(), Protocol.POP3_STARTTLS));

            assertEquals(Optional.of(MAIL.thumbprint()), viaImap.thumbprint(), viaImap.toString());
            assertEquals(Optional.of(MAIL.thumbprint()), viaPop3.thumbprint(), viaPop3.toString());
        }
    }

    @Test
    void quotesAnImapRefusal() throws Exception {
        TestTlsServer.Dialogue refusing = (in, out) -> {
            TestTlsServer.send(out, "* OK ready");
            TestTlsServer.readLine(in);
            TestTlsServer.send(out, "* BYE shutting down", "a1 BAD Command received in Invalid state.");
            return false;
        };
        try (var server = TestTlsServer.start(SniKeyManager.single(MAIL), refusing)) {
            var failure = probe.present(Endpoint.withoutSni("127.0.0.1", server.port(), Protocol.IMAP_STARTTLS))
                    .failure().orElseThrow();

            assertEquals("the IMAP server refused STARTTLS: 'a1 BAD Command received in Invalid state.'", failure);
        }
    }

    @Test
    void thumbprintIsTheOneWindowsShows() throws Exception {
        try (var server = TestTlsServer.start(SniKeyManager.single(FALLBACK), TestTlsServer.IMPLICIT_TLS)) {
            var presented = probe.present(Endpoint.withoutSni("127.0.0.1", server.port(), Protocol.TLS));

            assertEquals(Thumbprint.of(FALLBACK.leaf()), presented.thumbprint().orElseThrow());
        }
    }
}
