package dev.exacme.exchange.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The clear-text dialogues that lead to a TLS handshake on SMTP, IMAP and POP3. */
final class StartTls {

    private StartTls() {
    }

    /** Runs the dialogue of {@code protocol}; on return the next bytes are the TLS handshake. */
    static void negotiate(Protocol protocol, PlainLines lines, String ehloName) throws ProbeFailure {
        switch (protocol) {
            case TLS -> {
                // Nothing to say in clear text.
            }
            case SMTP_STARTTLS -> smtp(lines, ehloName);
            case IMAP_STARTTLS -> imap(lines);
            case POP3_STARTTLS -> pop3(lines);
            default -> throw new IllegalStateException("unknown protocol " + protocol);
        }
    }

    private static void smtp(PlainLines lines, String ehloName) throws ProbeFailure {
        var greeting = smtpReply(lines, "the SMTP greeting");
        if (greeting.code() != 220) {
            throw new ProbeFailure("the SMTP greeting was not 220: " + ProbeFailure.quote(greeting.lines().get(0)));
        }
        lines.send("EHLO " + ehloName);
        var ehlo = smtpReply(lines, "the reply to EHLO");
        if (ehlo.code() != 250) {
            throw new ProbeFailure("the server refused EHLO " + ehloName + ": " + ProbeFailure.quote(ehlo.lines().get(0)));
        }
        var extensions = ehlo.texts().subList(1, ehlo.texts().size());
        if (extensions.stream().noneMatch(text -> text.trim().toUpperCase(Locale.ROOT).equals("STARTTLS"))) {
            throw new ProbeFailure("STARTTLS not offered: the server's EHLO reply lists " + (extensions.isEmpty()
                    ? "no extensions" : String.join(", ", extensions)) + " (is TLS configured for this receive connector?)");
        }
        lines.send("STARTTLS");
        var ready = smtpReply(lines, "the reply to STARTTLS");
        if (ready.code() != 220) {
            throw new ProbeFailure("the server refused STARTTLS: " + ProbeFailure.quote(ready.lines().get(0)));
        }
    }

    /** Reads an SMTP reply, following {@code 250-} continuation lines to the final {@code 250 } line. */
    private static SmtpReply smtpReply(PlainLines lines, String waitingFor) throws ProbeFailure {
        var received = new ArrayList<String>();
        Integer code = null;
        while (true) {
            var line = lines.read(received.isEmpty() ? waitingFor : "the rest of " + waitingFor);
            if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)
                    || line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
                throw new ProbeFailure("not an SMTP reply as " + waitingFor + ": " + ProbeFailure.quote(line));
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (code != null && lineCode != code) {
                throw new ProbeFailure("an SMTP reply changed its code from " + code + " to " + lineCode + " in "
                        + waitingFor + ": " + ProbeFailure.quote(line));
            }
            code = lineCode;
            received.add(line);
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new SmtpReply(code, received);
            }
        }
    }

    private record SmtpReply(int code, List<String> lines) {
        List<String> texts() {
            return lines.stream().map(line -> line.length() > 4 ? line.substring(4) : "").toList();
        }
    }

    private static void imap(PlainLines lines) throws ProbeFailure {
        var greeting = lines.read("the IMAP greeting");
        if (!greeting.toUpperCase(Locale.ROOT).startsWith("* OK")) {
            throw new ProbeFailure("the IMAP greeting was not '* OK': " + ProbeFailure.quote(greeting));
        }
        lines.send("a1 STARTTLS");
        while (true) {
            var line = lines.read("the reply to STARTTLS");
            var upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("A1 OK")) {
                return;
            }
            if (upper.startsWith("A1 ")) {
                throw new ProbeFailure("the IMAP server refused STARTTLS: " + ProbeFailure.quote(line));
            }
            // Untagged lines ("* ...") may come first: skip them.
        }
    }

    private static void pop3(PlainLines lines) throws ProbeFailure {
        var greeting = lines.read("the POP3 greeting");
        if (!greeting.startsWith("+OK")) {
            throw new ProbeFailure("the POP3 greeting was not '+OK': " + ProbeFailure.quote(greeting));
        }
        lines.send("STLS");
        var reply = lines.read("the reply to STLS");
        if (!reply.startsWith("+OK")) {
            throw new ProbeFailure("the POP3 server refused STLS: " + ProbeFailure.quote(reply));
        }
    }
}
