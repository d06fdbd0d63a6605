package dev.exacme.lifecycle.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.lifecycle.notify.NotificationSettings.Security;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mail delivered to Postfix's smtp-sink, a real SMTP server without TLS, on loopback. */
class SmtpSinkDeliveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    @Test
    void deliversTheNotificationMailWithHeadersTableReasonsAndRetryCommand() throws Exception {
        try (var sink = SmtpSink.start(directory)) {
            var notification = new Notification("exchange01.corp.example", Instant.parse("2025-03-01T03:00:00Z"),
                    List.of(CertificateOutcome.failed("mail", "order invalid: DNS problem: NXDOMAIN looking up TXT\n"
                                    + ".a line that starts with a dot"),
                            CertificateOutcome.renewed("owa", "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678",
                                    "2025-05-30T03:00:00Z"),
                            CertificateOutcome.notDue("autodiscover", "00FF", "2025-04-01T00:00:00Z")), false);
            var content = MailContent.of(notification);
            var message = new MailMessage("exacme@corp.example", List.of("admins@corp.example", "oncall@corp.example"),
                    content.subject(), content.body(), ZonedDateTime.of(2025, 3, 1, 4, 0, 0, 0, ZoneOffset.ofHours(1)),
                    "exacme.1234@exchange01.corp.example");

            var result = new SmtpClient("127.0.0.1", sink.port(), Security.NONE, TrustedCertificates.systemDefault(),
                    TIMEOUT).send(message, Optional.empty());

            assertTrue(result.contains("admins@corp.example, oncall@corp.example"), result);
            assertTrue(result.contains("unencrypted"), result);
            var received = sink.messages();
            assertEquals(1, received.size());
            var mail = received.get(0);
            assertTrue(mail.contains("X-Mail-Args: <exacme@corp.example>\n"), mail);
            assertTrue(mail.contains("X-Rcpt-Args: <admins@corp.example>\nX-Rcpt-Args: <oncall@corp.example>\n"),
                    mail);
            assertTrue(mail.contains("\nDate: Sat, 1 Mar 2025 04:00:00 +0100\n"), mail);
            assertTrue(mail.contains("\nFrom: exacme@corp.example\n"), mail);
            assertTrue(mail.contains("\nTo: admins@corp.example, oncall@corp.example\n"), mail);
            assertTrue(mail.contains("\nSubject: exacme: 1 of 3 certificates failed to renew on "
                    + "exchange01.corp.example\n"), mail);
            assertTrue(mail.contains("\nMessage-ID: <exacme.1234@exchange01.corp.example>\n"), mail);
            assertTrue(mail.contains("\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
                    + "Content-Transfer-Encoding: 7bit\n"), mail);
            var body = mail.substring(mail.indexOf("\n\n", mail.indexOf("Content-Transfer-Encoding")) + 2);
            assertTrue(body.contains("Certificate   Result   Expires               Thumbprint\n"
                    + "mail          failed   -                     -\n"
                    + "owa           renewed  2025-05-30T03:00:00Z  A1B2C3D4E5F60718293A4B5C6D7E8F9012345678\n"
                    + "autodiscover  not due  2025-04-01T00:00:00Z  00FF\n"), body);
            assertTrue(body.contains("  mail:\n    order invalid: DNS problem: NXDOMAIN looking up TXT\n"
                    + "    .a line that starts with a dot\n"), body);
            assertTrue(body.contains("\n  exacme renew mail --force\n"), body);
        }
    }

    @Test
    void dotStuffsLinesThatStartWithADot() throws Exception {
        try (var sink = SmtpSink.start(directory)) {
            // A server removes the first dot of a line that starts with one: a line only arrives
            // whole if the client doubled it, and a lone "." would end the message early.
            var message = new MailMessage("exacme@corp.example", List.of("admins@corp.example"), "dots",
                    "first\n.hidden unless stuffed\n.\n..two dots\nlast\n", ZonedDateTime.now(), "dots.1@corp.example");

            new SmtpClient("127.0.0.1", sink.port(), Security.NONE, TrustedCertificates.systemDefault(), TIMEOUT)
                    .send(message, Optional.empty());

            var mail = sink.messages().get(0);
            assertTrue(mail.endsWith("\nfirst\n.hidden unless stuffed\n.\n..two dots\nlast\n\n"), mail);
        }
    }

    @Test
    void sendsUtf8AsEightBitWhenTheServerTakesIt() throws Exception {
        try (var sink = SmtpSink.start(directory)) {
            var message = new MailMessage("exacme@corp.example", List.of("admins@corp.example"),
                    "Zertifikat für Büro", "Grüße\n", ZonedDateTime.now(), "utf8.1@corp.example");

            new SmtpClient("127.0.0.1", sink.port(), Security.NONE, TrustedCertificates.systemDefault(), TIMEOUT)
                    .send(message, Optional.empty());

            var mail = sink.messages().get(0);
            assertTrue(mail.contains("X-Mail-Args: <exacme@corp.example> BODY=8BITMIME\n"), mail);
            assertTrue(mail.contains("Content-Transfer-Encoding: 8bit\n"), mail);
            assertTrue(mail.contains("Subject: =?UTF-8?B?WmVydGlmaWthdCBmw7xyIELDvHJv?=\n"), mail);
            assertTrue(mail.contains("\n\nGrüße\n"), mail);
        }
    }

    @Test
    void refusesToSendAPasswordWithoutTls() throws Exception {
        try (var sink = SmtpSink.start(directory)) {
            var message = new MailMessage("exacme@corp.example", List.of("admins@corp.example"), "s", "b\n",
                    ZonedDateTime.now(), "pw.1@corp.example");
            var client = new SmtpClient("127.0.0.1", sink.port(), Security.NONE, TrustedCertificates.systemDefault(),
                    TIMEOUT);

            var failure = assertThrows(SmtpFailure.class, () -> client.send(message,
                    Optional.of(new SmtpCredentials("alice", "Sup3r-Secret-pw"))));

            assertTrue(failure.getMessage().contains("refuses to send the SMTP password of 'alice'"),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains("--smtp-security starttls"), failure.getMessage());
            assertFalse(failure.getMessage().contains("Sup3r"), failure.getMessage());
            assertTrue(sink.messages().isEmpty());
        }
    }

    @Test
    void refusesAServerWithoutStartTlsWhenStartTlsIsAsked() throws Exception {
        // smtp-sink offers AUTH PLAIN LOGIN in clear but no STARTTLS: no silent downgrade.
        try (var sink = SmtpSink.start(directory)) {
            var message = new MailMessage("exacme@corp.example", List.of("admins@corp.example"), "s", "b\n",
                    ZonedDateTime.now(), "tls.1@corp.example");
            var client = new SmtpClient("127.0.0.1", sink.port(), Security.STARTTLS,
                    TrustedCertificates.systemDefault(), TIMEOUT);

            var failure = assertThrows(SmtpFailure.class, () -> client.send(message,
                    Optional.of(new SmtpCredentials("alice", "Sup3r-Secret-pw"))));

            assertTrue(failure.getMessage().contains("does not offer STARTTLS"), failure.getMessage());
            assertFalse(failure.getMessage().contains("Sup3r"), failure.getMessage());
            assertTrue(sink.messages().isEmpty());
        }
    }

    @Test
    void reportsARefusedRecipient() throws Exception {
        try (var sink = SmtpSink.start(directory, "-f", "RCPT")) {
            var message = new MailMessage("exacme@corp.example", List.of("nobody@corp.example"), "s", "b\n",
                    ZonedDateTime.now(), "rcpt.1@corp.example");
            var client = new SmtpClient("127.0.0.1", sink.port(), Security.NONE, TrustedCertificates.systemDefault(),
                    TIMEOUT);

            var failure = assertThrows(SmtpFailure.class, () -> client.send(message, Optional.empty()));

            assertTrue(failure.getMessage().contains("refused every recipient: nobody@corp.example (500"),
                    failure.getMessage());
            assertTrue(sink.messages().isEmpty());
        }
    }
}
