package dev.exacme.exchange.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The clear-text lines before STARTTLS. Reads byte by byte, never ahead, so that nothing of
 * the TLS handshake that follows is swallowed. Lines end in CRLF (a bare LF is accepted).
 */
final class PlainLines {

    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private final OutputStream out;
    private final Duration readTimeout;

    PlainLines(InputStream in, OutputStream out, Duration readTimeout) {
        this.in = in;
        this.out = out;
        this.readTimeout = readTimeout;
    }

    /** Sends {@code line} followed by CRLF. */
    void send(String line) throws ProbeFailure {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new ProbeFailure("the server closed the connection before it received " + ProbeFailure.quote(line)
                    + " (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads one line without its line end.
     *
     * @param waitingFor what the line is, for messages: "the SMTP greeting"
     */
    String read(String waitingFor) throws ProbeFailure {
        var line = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new ProbeFailure("the server closed the connection while we waited for " + waitingFor
                            + (line.size() > 0 ? " (after the partial line " + ProbeFailure.quote(text(line)) + ")" : ""));
                }
                if (b == '\n') {
                    var text = text(line);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                if (line.size() >= MAX_LINE) {
                    throw new ProbeFailure("the server sent a line longer than " + MAX_LINE + " bytes as " + waitingFor
                            + ": " + ProbeFailure.quote(text(line)));
                }
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new ProbeFailure("timed out: no answer within " + WireProbe.words(readTimeout) + " while we waited for "
                    + waitingFor);
        } catch (IOException e) {
            throw new ProbeFailure("the connection failed while we waited for " + waitingFor + ": " + e.getMessage());
        }
    }

    private static String text(ByteArrayOutputStream line) {
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
