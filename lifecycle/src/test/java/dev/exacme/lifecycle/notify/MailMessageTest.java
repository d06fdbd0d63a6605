package dev.exacme.lifecycle.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RFC 5322 rendering: CRLF, headers, encodings. */
class MailMessageTest {

    private static MailMessage message(String subject, String body) {
        return new MailMessage("exacme@corp.example", List.of("a@corp.example", "b@corp.example"), subject, body,
                ZonedDateTime.of(2025, 3, 1, 3, 0, 0, 0, ZoneOffset.UTC), "id.1@corp.example");
    }

    @Test
    void everyLineEndsInCrlf() {
        var rendered = message("s", "one\ntwo\r\nthree\rfour").render(true);
        assertEquals("Date: Sat, 1 Mar 2025 03:00:00 GMT\r\n"
                + "From: exacme@corp.example\r\n"
                + "To: a@corp.example, b@corp.example\r\n"
                + "Subject: s\r\n"
                + "Message-ID: <id.1@corp.example>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 7bit\r\n"
                + "Auto-Submitted: auto-generated\r\n"
                + "\r\n"
                + "one\r\ntwo\r\nthree\r\nfour\r\n", rendered);
        assertFalse(rendered.replace("\r\n", "").contains("\n"));
        assertFalse(rendered.replace("\r\n", "").contains("\r"));
    }

    @Test
    void aLineBreakInTheSubjectCannotInjectAHeader() {
        var rendered = message("renewed\r\nBcc: attacker@example.org", "b").render(true);
        assertTrue(rendered.contains("Subject: renewed Bcc: attacker@example.org\r\n"), rendered);
        assertFalse(rendered.contains("\r\nBcc:"), rendered);
    }

    @Test
    void nonAsciiBodyIsQuotedPrintableWithout8BitMime() {
        var rendered = message("s", "Grüße = Größe\n").render(false);
        assertTrue(rendered.contains("Content-Transfer-Encoding: quoted-printable\r\n"), rendered);
        assertTrue(rendered.endsWith("\r\n\r\nGr=C3=BC=C3=9Fe =3D Gr=C3=B6=C3=9Fe\r\n"), rendered);
    }

    @Test
    void longLinesAreQuotedPrintableWithSoftBreaks() {
        var rendered = message("s", "x".repeat(1200) + "\n").render(true);
        assertTrue(rendered.contains("Content-Transfer-Encoding: quoted-printable\r\n"), rendered);
        var body = rendered.substring(rendered.indexOf("\r\n\r\n") + 4);
        for (var line : body.split("\r\n")) {
            assertTrue(line.length() <= 76, line);
        }
        assertEquals("x".repeat(1200), body.replace("=\r\n", "").strip());
    }

    @Test
    void nonAsciiSubjectIsAnEncodedWord() {
        assertEquals("=?UTF-8?B?WmVydGlmaWthdCBmw7xyIELDvHJv?=", MailMessage.encodeHeader("Zertifikat für Büro"));
        assertEquals("plain", MailMessage.encodeHeader("plain"));
    }
}
