package dev.exacme.lifecycle.notify;

import java.io.IOException;

/**
 * The SMTP server refused a step, or the dialogue could not go on. The message names the
 * server, the step and the server's reply; it never holds a password, not even encoded.
 */
public final class SmtpFailure extends IOException {

    private static final long serialVersionUID = 1L;

    private final int replyCode;

    /** A failure with the server's reply code, or 0 if there was no reply. */
    public SmtpFailure(String message, int replyCode) {
        super(message);
        this.replyCode = replyCode;
    }

    /** A failure caused by another one (TLS, the network). */
    public SmtpFailure(String message, Throwable cause) {
        super(message, cause);
        this.replyCode = 0;
    }

    /** The server's reply code, or 0. */
    public int replyCode() {
        return replyCode;
    }
}
