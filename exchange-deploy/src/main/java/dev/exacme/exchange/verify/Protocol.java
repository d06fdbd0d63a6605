package dev.exacme.exchange.verify;

/** How a TLS session is reached on an endpoint. */
public enum Protocol {
    /** TLS from the first byte: HTTPS (443), IMAPS (993), POP3S (995), SMTPS (465). */
    TLS("tls"),
    /** SMTP (25, 587): greeting 220, {@code EHLO}, {@code STARTTLS}, 220, then the handshake. */
    SMTP_STARTTLS("smtp+starttls"),
    /** IMAP (143): greeting {@code * OK}, {@code a1 STARTTLS}, {@code a1 OK}, then the handshake. */
    IMAP_STARTTLS("imap+starttls"),
    /** POP3 (110): greeting {@code +OK}, {@code STLS}, {@code +OK}, then the handshake. */
    POP3_STARTTLS("pop3+starttls");

    private final String scheme;

    Protocol(String scheme) {
        this.scheme = scheme;
    }

    /** A short lower-case name for messages, such as {@code smtp+starttls}. */
    public String scheme() {
        return scheme;
    }
}
