package dev.exacme.lifecycle.notify;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * An RFC 5322 message with a plain-text UTF-8 body, ready for SMTP {@code DATA}: lines end in
 * CRLF, none is longer than 998 octets, headers carry no line breaks from their values.
 * Dot-stuffing is the transport's business ({@link SmtpClient}).
 *
 * @param from      the sender address
 * @param to        the recipient addresses
 * @param subject   the subject, any Unicode (encoded as an RFC 2047 word if not ASCII)
 * @param body      the body, lines separated by {@code \n}
 * @param date      the Date header
 * @param messageId the Message-ID without angle brackets ({@code unique@host})
 */
public record MailMessage(String from, List<String> to, String subject, String body, ZonedDateTime date,
        String messageId) {

    private static final String CRLF = "\r\n";
    private static final int MAX_LINE = 998;
    private static final int QP_LINE = 76;

    /** Copies the recipients. */
    public MailMessage {
        to = List.copyOf(to);
    }

    /**
     * The message as it goes on the wire (before dot-stuffing).
     *
     * @param eightBitMime whether the server announced 8BITMIME; without it a non-ASCII body
     *                     is sent quoted-printable
     */
    public String render(boolean eightBitMime) {
        var encoding = transferEncoding(eightBitMime);
        var text = new StringBuilder();
        header(text, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).format(date));
        header(text, "From", from);
        header(text, "To", String.join(", ", to));
        header(text, "Subject", encodeHeader(subject));
        header(text, "Message-ID", "<" + messageId + ">");
        header(text, "MIME-Version", "1.0");
        header(text, "Content-Type", "text/plain; charset=UTF-8");
        header(text, "Content-Transfer-Encoding", encoding);
        header(text, "Auto-Submitted", "auto-generated");
        text.append(CRLF);
        var lines = normalizedBody().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break;
            }
            if (encoding.equals("quoted-printable")) {
                quotedPrintable(lines[i], text);
            } else {
                text.append(lines[i]).append(CRLF);
            }
        }
        return text.toString();
    }

    /** {@code 7bit} for short ASCII lines, {@code 8bit} for short lines when the server takes 8BITMIME, else quoted-printable. */
    String transferEncoding(boolean eightBitMime) {
        var body = normalizedBody();
        var shortLines = body.lines().allMatch(line -> line.getBytes(StandardCharsets.UTF_8).length <= MAX_LINE);
        if (!shortLines) {
            return "quoted-printable";
        }
        if (body.chars().allMatch(c -> c < 128)) {
            return "7bit";
        }
        return eightBitMime ? "8bit" : "quoted-printable";
    }

    /** Whether the rendered message needs {@code BODY=8BITMIME} on {@code MAIL FROM}. */
    boolean needs8BitMime(boolean eightBitMime) {
        return transferEncoding(eightBitMime).equals("8bit");
    }

    private String normalizedBody() {
        var normalized = body.replace("\r\n", "\n").replace('\r', '\n');
        return normalized.endsWith("\n") ? normalized : normalized + "\n";
    }

    private static void header(StringBuilder text, String name, String value) {
        text.append(name).append(": ").append(value.replaceAll("[\\r\\n]+", " ")).append(CRLF);
    }

    /** ASCII as it is; anything else as RFC 2047 base64 words short enough for folded lines. */
    static String encodeHeader(String value) {
        var flat = value.replaceAll("[\\r\\n]+", " ");
        if (flat.chars().allMatch(c -> c >= 32 && c < 127)) {
            return flat;
        }
        var words = new StringBuilder();
        var chunk = new StringBuilder();
        for (int i = 0; i < flat.length(); ) {
            int codePoint = flat.codePointAt(i);
            var next = new String(Character.toChars(codePoint));
            if ((chunk + next).getBytes(StandardCharsets.UTF_8).length > 45) {
                appendWord(words, chunk.toString());
                chunk.setLength(0);
            }
            chunk.append(next);
            i += Character.charCount(codePoint);
        }
        appendWord(words, chunk.toString());
        return words.toString();
    }

    private static void appendWord(StringBuilder words, String chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        if (!words.isEmpty()) {
            words.append(CRLF).append(' ');
        }
        words.append("=?UTF-8?B?")
                .append(Base64.getEncoder().encodeToString(chunk.getBytes(StandardCharsets.UTF_8))).append("?=");
    }

    /** One body line as quoted-printable (RFC 2045 6.7), soft-broken at 76 characters. */
    private static void quotedPrintable(String line, StringBuilder text) {
        var bytes = line.getBytes(StandardCharsets.UTF_8);
        var current = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean last = i == bytes.length - 1;
            String encoded;
            if (b == '=' || b < 32 && b != '\t' || b > 126 || last && (b == ' ' || b == '\t')) {
                encoded = String.format(Locale.ROOT, "=%02X", b);
            } else {
                encoded = String.valueOf((char) b);
            }
            if (current.length() + encoded.length() > QP_LINE - 1) {
                text.append(current).append('=').append(CRLF);
                current.setLength(0);
            }
            current.append(encoded);
        }
        text.append(current).append(CRLF);
    }
}
