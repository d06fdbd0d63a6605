package dev.exacme.exchange.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.exchange.verify.Outcome.Status;
import dev.exacme.store.CertificateBundle;
import dev.exacme.store.TestBundles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SMTP STARTTLS probe against a real Postfix (Debian package {@code postfix}), as Exchange's receive connectors are reached. */
class PostfixStartTlsTest {

    private static final CertificateBundle SERVED = TestBundles.rsa("mx.postfix-test.example", "mail.example.com");

    @TempDir
    static Path directory;

    private static PostfixServer postfix;

    private final WireProbe probe = new WireProbe(Duration.ofSeconds(2), Duration.ofSeconds(5), "probe.example.com");

    @BeforeAll
    static void startPostfix() throws Exception {
        postfix = PostfixServer.start(directory, SERVED);
    }

    @AfterAll
    static void stopPostfix() throws Exception {
        if (postfix != null) {
            postfix.close();
        }
    }

    @Test
    void seesTheCertificatePostfixPresentsAfterStartTls() {
        var presented = probe.present(Endpoint.withoutSni("127.0.0.1", postfix.startTlsPort(), Protocol.SMTP_STARTTLS));

        assertEquals(Optional.empty(), presented.failure());
        assertEquals(Optional.of(SERVED.thumbprint()), presented.thumbprint());
        assertEquals(SERVED.chain(), presented.chain());
    }

    @Test
    void verifiesWithAndWithoutSni() {
        var verifier = new WireVerifier(probe, 2);
        var verification = verifier.verify(List.of(
                Endpoint.withSni("127.0.0.1", postfix.startTlsPort(), Protocol.SMTP_STARTTLS, "mail.example.com"),
                Endpoint.withoutSni("localhost", postfix.startTlsPort(), Protocol.SMTP_STARTTLS)), SERVED.thumbprint());

        assertTrue(verification.allPassed(), verification.describe());
    }

    @Test
    void reportsStartTlsNotOfferedWhenTlsIsOff() {
        var verification = new WireVerifier(probe, 1).verify(
                List.of(Endpoint.withoutSni("127.0.0.1", postfix.plainPort(), Protocol.SMTP_STARTTLS)), SERVED.thumbprint());

        var outcome = verification.outcomes().get(0);
        assertEquals(Status.UNREACHABLE, outcome.status());
        assertTrue(outcome.reason().orElseThrow().startsWith("STARTTLS not offered: the server's EHLO reply lists"),
                outcome.reason().orElseThrow());
        assertTrue(outcome.reason().orElseThrow().contains("PIPELINING"), outcome.reason().orElseThrow());
    }
}
