package dev.exacme.lifecycle.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.acme.testing.PebbleTls;
import dev.exacme.lifecycle.notify.NotificationSettings.Security;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail submitted to a real Postfix on loopback: STARTTLS (or implicit TLS) with a
 * certificate verified against an added root, then AUTH PLAIN or LOGIN checked by Cyrus SASL.
 */
class PostfixSubmissionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String USER = "alice";
    private static final String PASSWORD = "c0rrect-Horse-b4ttery";

    @TempDir
    static Path directory;
    private static PostfixMailServer postfix;
    private static PebbleTls tls;

    @BeforeAll
    static void startPostfix() throws Exception {
        // Postfix's daemons run as 'postfix' and must reach their directory.
        Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        tls = PebbleTls.generate(Files.createDirectory(directory.resolve("tls")));
        var postfixDirectory = Files.createDirectory(directory.resolve("postfix"));
        postfix = PostfixMailServer.start(postfixDirectory, tls, USER, PASSWORD);
    }

    @AfterAll
    static void stopPostfix() throws Exception {
        if (postfix != null) {
            postfix.close();
        }
    }

    private int before;

    @BeforeEach
    void countQueued() throws Exception {
        before = postfix.messages().size();
    }

    private static TrustedCertificates trustingTheTestRoot() throws Exception {
        return TrustedCertificates.withPemFiles(List.of(tls.rootPem()));
    }

    private static MailMessage message(String id) {
        return new MailMessage("exacme@corp.example", List.of("admins@corp.example"),
                "exacme: 1 of 1 certificate failed to renew on exchange01",
                "Certificate  Result\nmail         failed\n.dot line\n\n  exacme renew mail --force\n",
                ZonedDateTime.now(), id + "@corp.example");
    }

    @Test
    void submitsWithStartTlsAndAuthPlain() throws Exception {
        var client = new SmtpClient("127.0.0.1", postfix.port(), Security.STARTTLS, trustingTheTestRoot(), TIMEOUT);

        var result = client.send(message("plain.1"), Optional.of(new SmtpCredentials(USER, PASSWORD)));

        assertTrue(result.matches("delivered to admins@corp.example through 127.0.0.1:\\d+ \\(TLSv1\\.[23]\\) as alice"),
                result);
        var queued = postfix.messages();
        assertEquals(before + 1, queued.size(), postfix.log());
        var mail = queued.stream().filter(text -> text.contains("plain.1@corp.example")).findFirst().orElseThrow();
        assertTrue(mail.contains("Subject: exacme: 1 of 1 certificate failed to renew on exchange01\n"), mail);
        assertTrue(mail.contains("\n.dot line\n"), mail);
        assertTrue(mail.contains("exacme renew mail --force"), mail);
        // "ESMTPSA": Postfix received it over TLS ("S") from an authenticated client ("A").
        assertTrue(mail.contains(" with ESMTPSA id "), mail);
        assertTrue(postfix.log().contains("sasl_method=PLAIN, sasl_username=alice"), postfix.log());
    }

    @Test
    void fallsBackToAuthLoginWhenOnlyThatIsOffered() throws Exception {
        var client = new SmtpClient("127.0.0.1", postfix.loginOnlyPort(), Security.STARTTLS, trustingTheTestRoot(),
                TIMEOUT);

        client.send(message("login.1"), Optional.of(new SmtpCredentials(USER, PASSWORD)));

        assertEquals(before + 1, postfix.messages().size(), postfix.log());
        assertTrue(postfix.log().contains("sasl_method=LOGIN, sasl_username=alice"), postfix.log());
    }

    @Test
    void submitsWithImplicitTls() throws Exception {
        var client = new SmtpClient("127.0.0.1", postfix.implicitTlsPort(), Security.TLS, trustingTheTestRoot(),
                TIMEOUT);

        var result = client.send(message("implicit.1"), Optional.of(new SmtpCredentials(USER, PASSWORD)));

        assertTrue(result.contains("(TLSv1."), result);
        assertEquals(before + 1, postfix.messages().size(), postfix.log());
    }

    @Test
    void reportsAWrongPasswordWithoutRepeatingIt() throws Exception {
        var client = new SmtpClient("127.0.0.1", postfix.port(), Security.STARTTLS, trustingTheTestRoot(), TIMEOUT);

        var failure = assertThrows(SmtpFailure.class, () -> client.send(message("wrong.1"),
                Optional.of(new SmtpCredentials(USER, "Wr0ng-pa55word"))));

        assertTrue(failure.getMessage().contains("refused the login of 'alice': 535"), failure.getMessage());
        assertFalse(failure.getMessage().contains("Wr0ng"), failure.getMessage());
        assertFalse(failure.getMessage().contains(java.util.Base64.getEncoder()
                .encodeToString("\0alice\0Wr0ng-pa55word".getBytes())), failure.getMessage());
        assertEquals(before, postfix.messages().size());
    }

    @Test
    void refusesAServerCertificateItDoesNotTrust() throws Exception {
        var client = new SmtpClient("127.0.0.1", postfix.port(), Security.STARTTLS, TrustedCertificates.systemDefault(),
                TIMEOUT);

        var failure = assertThrows(SmtpFailure.class, () -> client.send(message("untrusted.1"),
                Optional.of(new SmtpCredentials(USER, PASSWORD))));

        assertTrue(failure.getMessage().contains("TLS with SMTP server 127.0.0.1:"), failure.getMessage());
        assertTrue(failure.getMessage().contains("--smtp-trust"), failure.getMessage());
        assertEquals(before, postfix.messages().size());
    }
}
