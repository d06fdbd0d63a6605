package dev.exacme.lifecycle.notify;

import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.lifecycle.notify.NotificationSettings.Security;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP client (RFC 5321) for notification mail: one message per connection.
 *
 * <ul>
 *   <li>{@link Security#STARTTLS}: plain connection, {@code EHLO}, {@code STARTTLS}, TLS
 *       handshake, {@code EHLO} again. A server that does not offer STARTTLS is refused,
 *       never silently used in clear.</li>
 *   <li>{@link Security#TLS}: TLS from the first byte (port 465).</li>
 *   <li>{@link Security#NONE}: no encryption; a password is then refused before connecting.</li>
 * </ul>
 * The server's certificate is verified against the Java runtime's roots plus any added
 * ({@link TrustedCertificates}), and its name against the host name exacme connected to.
 * Authentication is {@code AUTH PLAIN}, or {@code AUTH LOGIN} if the server offers only
 * that, and only over TLS. The message goes with {@code DATA}, dot-stuffed, lines ending in
 * CRLF. Every read and write has a timeout. No password, not even base64-encoded, ever
 * appears in a message or an exception.
 */
public final class SmtpClient {

    /** How long a connection, a handshake or any one reply may take by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final int MAX_LINE = 4096;
    private static final int MAX_REPLY_LINES = 200;
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");

    private final String host;
    private final int port;
    private final Security security;
    private final TrustedCertificates trust;
    private final Duration timeout;

    /**
     * A client for one server.
     *
     * @param host     the server's host name (also the name its certificate must carry)
     * @param port     its port
     * @param security how the connection is protected
     * @param trust    the roots its certificate may chain to
     * @param timeout  the limit for connecting and for every reply
     */
    public SmtpClient(String host, int port, Security security, TrustedCertificates trust, Duration timeout) {
        this.host = host;
        this.port = port;
        this.security = security;
        this.trust = trust;
        this.timeout = timeout;
    }

    /**
     * Delivers one message to every recipient in its {@code To}.
     *
     * @param message     the message; its From and To are also the envelope
     * @param credentials who to log in as, if the server needs it
     * @return what happened, in words: recipients, server, TLS version, user
     * @throws SmtpFailure if the server refused a step (a recipient included), or TLS failed;
     *                     also when only some recipients were refused, after delivering to the others
     * @throws IOException if the connection failed or timed out
     */
    public String send(MailMessage message, Optional<SmtpCredentials> credentials) throws IOException {
        if (credentials.isPresent() && security == Security.NONE) {
            throw new SmtpFailure("exacme refuses to send the SMTP password of '" + credentials.get().username()
                    + "' to " + server() + " over an unencrypted connection; use --smtp-security starttls "
                    + "(or tls for port 465), or no --smtp-user", 0);
        }
        try (var connection = new Connection(connect())) {
            return dialogue(connection, message, credentials);
        } catch (SocketTimeoutException e) {
            throw new SmtpFailure("SMTP server " + server() + " did not answer within " + timeout.toSeconds()
                    + " s", e);
        }
    }

    private Socket connect() throws IOException {
        var socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
            socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
        } catch (IOException e) {
            socket.close();
            throw new SmtpFailure("cannot connect to SMTP server " + server() + ": " + e.getMessage(), e);
        }
        return security == Security.TLS ? startTls(socket) : socket;
    }

    private String dialogue(Connection connection, MailMessage message, Optional<SmtpCredentials> credentials)
            throws IOException {
        connection.expect(connection.read(), "greeting", 220);
        var extensions = connection.ehlo(heloName(connection.socket));
        if (security == Security.STARTTLS) {
            if (!extensions.containsKey("STARTTLS")) {
                throw new SmtpFailure("SMTP server " + server() + " does not offer STARTTLS; exacme does not send "
                        + "mail in clear when the security is starttls (use --smtp-security tls for port 465, or "
                        + "none to allow an unencrypted connection without a password)", 0);
            }
            connection.expect(connection.command("STARTTLS"), "STARTTLS", 220);
            if (connection.input.available() > 0) {
                throw new SmtpFailure("SMTP server " + server() + " sent data after its STARTTLS reply, before TLS; "
                        + "refusing the connection (a possible injection)", 0);
            }
            connection.upgrade(startTls(connection.socket));
            extensions = connection.ehlo(heloName(connection.socket));
        }
        var secure = connection.socket instanceof SSLSocket;
        var summary = new StringBuilder();
        if (credentials.isPresent()) {
            if (!secure) {
                throw new SmtpFailure("exacme refuses to send the SMTP password over an unencrypted connection", 0);
            }
            authenticate(connection, extensions, credentials.get());
        }
        var eightBit = extensions.containsKey("8BITMIME");
        var from = "MAIL FROM:<" + message.from() + ">" + (message.needs8BitMime(eightBit) ? " BODY=8BITMIME" : "");
        connection.expect(connection.command(from), "MAIL FROM:<" + message.from() + ">", 250);
        var accepted = new ArrayList<String>();
        var refused = new ArrayList<String>();
        for (var recipient : message.to()) {
            var reply = connection.command("RCPT TO:<" + recipient + ">");
            if (reply.code() == 250 || reply.code() == 251) {
                accepted.add(recipient);
            } else {
                refused.add(recipient + " (" + reply + ")");
            }
        }
        if (accepted.isEmpty()) {
            connection.quit();
            throw new SmtpFailure("SMTP server " + server() + " refused every recipient: " + String.join(", ", refused),
                    0);
        }
        connection.expect(connection.command("DATA"), "DATA", 354);
        connection.data(message.render(eightBit));
        connection.expect(connection.read(), "the message (end of DATA)", 250);
        connection.quit();
        summary.append("delivered to ").append(String.join(", ", accepted)).append(" through ").append(server())
                .append(secure ? " (" + ((SSLSocket) connection.socket).getSession().getProtocol() + ")"
                        : " (unencrypted)");
        credentials.ifPresent(login -> summary.append(" as ").append(login.username()));
        if (!refused.isEmpty()) {
            throw new SmtpFailure(summary + "; but the server refused " + String.join(", ", refused), 0);
        }
        return summary.toString();
    }

    private void authenticate(Connection connection, Map<String, String> extensions, SmtpCredentials credentials)
            throws IOException {
        var offered = extensions.containsKey("AUTH") ? extensions.get("AUTH").toUpperCase(Locale.ROOT) : "";
        var mechanisms = List.of(offered.split("\\s+"));
        var who = "'" + credentials.username() + "'";
        if (mechanisms.contains("PLAIN")) {
            var token = base64("\0" + credentials.username() + "\0" + credentials.password());
            var reply = connection.command("AUTH PLAIN " + token);
            if (reply.code() == 334) {
                reply = connection.command(token);
            }
            expectLogin(reply, who);
        } else if (mechanisms.contains("LOGIN")) {
            connection.expect(connection.command("AUTH LOGIN"), "AUTH LOGIN", 334);
            connection.expect(connection.command(base64(credentials.username())), "AUTH LOGIN (user name)", 334);
            expectLogin(connection.command(base64(credentials.password())), who);
        } else if (offered.isBlank()) {
            throw new SmtpFailure("SMTP server " + server() + " does not offer authentication (no AUTH in its EHLO "
                    + "reply); remove --smtp-user, or check that this is the submission port", 0);
        } else {
            throw new SmtpFailure("SMTP server " + server() + " offers AUTH " + offered.trim() + "; exacme supports "
                    + "PLAIN and LOGIN (over TLS)", 0);
        }
    }

    private void expectLogin(Reply reply, String who) throws SmtpFailure {
        if (reply.code() != 235) {
            throw new SmtpFailure("SMTP server " + server() + " refused the login of " + who + ": " + reply
                    + "; check the user and the password secret", reply.code());
        }
    }

    private SSLSocket startTls(Socket plain) throws IOException {
        try {
            var tls = (SSLSocket) trust.sslContext().getSocketFactory().createSocket(plain, host, port, true);
            var parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.setSoTimeout(Math.toIntExact(timeout.toMillis()));
            tls.startHandshake();
            return tls;
        } catch (SSLException e) {
            plain.close();
            throw new SmtpFailure("TLS with SMTP server " + server() + " failed: " + e.getMessage()
                    + " (a private relay's root can be added with --smtp-trust PEM)", e);
        }
    }

    private String server() {
        return host + ":" + port;
    }

    /** The name for EHLO: this host's name if it is a domain name, else the address literal. */
    static String heloName(Socket socket) {
        var name = Notification.localHostName();
        if (HOST_NAME.matcher(name).matches()) {
            return name;
        }
        var address = socket.getLocalAddress();
        return address instanceof Inet6Address ? "[IPv6:" + address.getHostAddress().replaceAll("%.*", "") + "]"
                : "[" + address.getHostAddress() + "]";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** One reply: the code and its lines' texts. */
    record Reply(int code, List<String> lines) {
        @Override
        public String toString() {
            return code + " " + String.join(" / ", lines).strip();
        }
    }

    /** The socket and its buffered streams; replaced as a whole by STARTTLS. */
    private final class Connection implements AutoCloseable {
        private Socket socket;
        private InputStream input;
        private OutputStream output;

        Connection(Socket socket) throws IOException {
            upgrade(socket);
        }

        void upgrade(Socket newSocket) throws IOException {
            socket = newSocket;
            input = new BufferedInputStream(newSocket.getInputStream());
            output = new BufferedOutputStream(newSocket.getOutputStream());
        }

        Map<String, String> ehlo(String name) throws IOException {
            var reply = command("EHLO " + name);
            expect(reply, "EHLO", 250);
            var extensions = new LinkedHashMap<String, String>();
            for (var line : reply.lines().subList(1, reply.lines().size())) {
                var parts = line.strip().split("[ =]", 2);
                var keyword = parts[0].toUpperCase(Locale.ROOT);
                var parameters = parts.length > 1 ? parts[1] : "";
                extensions.merge(keyword, parameters, (a, b) -> a + " " + b);
            }
            return extensions;
        }

        Reply command(String line) throws IOException {
            output.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            output.flush();
            return read();
        }

        /** Sends the message dot-stuffed (RFC 5321 4.5.2) and the terminating dot. */
        void data(String rendered) throws IOException {
            var lines = rendered.split("\r\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i == lines.length - 1 && lines[i].isEmpty()) {
                    break;
                }
                var line = lines[i].startsWith(".") ? "." + lines[i] : lines[i];
                output.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            output.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            output.flush();
        }

        void quit() {
            try {
                command("QUIT");
            } catch (IOException e) {
                // The message is delivered or refused already; the goodbye does not matter.
            }
        }

        Reply read() throws IOException {
            var texts = new ArrayList<String>();
            int code = -1;
            while (texts.size() < MAX_REPLY_LINES) {
                var line = readLine();
                if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)
                        || line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
                    throw new SmtpFailure("SMTP server " + server() + " sent a line that is not an SMTP reply: "
                            + abbreviate(line), 0);
                }
                var lineCode = Integer.parseInt(line.substring(0, 3));
                if (code != -1 && lineCode != code) {
                    throw new SmtpFailure("SMTP server " + server() + " mixed reply codes " + code + " and "
                            + lineCode + " in one reply", 0);
                }
                code = lineCode;
                texts.add(line.length() > 4 ? line.substring(4) : "");
                if (line.length() == 3 || line.charAt(3) == ' ') {
                    return new Reply(code, List.copyOf(texts));
                }
            }
            throw new SmtpFailure("SMTP server " + server() + " sent a reply of more than " + MAX_REPLY_LINES
                    + " lines", 0);
        }

        void expect(Reply reply, String step, int code) throws SmtpFailure {
            if (reply.code() != code) {
                throw new SmtpFailure("SMTP server " + server() + " refused " + step + ": " + reply, reply.code());
            }
        }

        private String readLine() throws IOException {
            var bytes = new ByteArrayOutputStream();
            while (true) {
                int b = input.read();
                if (b == -1) {
                    throw new SmtpFailure("SMTP server " + server() + " closed the connection"
                            + (bytes.size() > 0 ? " in the middle of a line" : ""), 0);
                }
                if (b == '\n') {
                    var line = bytes.toString(StandardCharsets.UTF_8);
                    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                }
                if (bytes.size() >= MAX_LINE) {
                    throw new SmtpFailure("SMTP server " + server() + " sent a line longer than " + MAX_LINE
                            + " bytes", 0);
                }
                bytes.write(b);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String abbreviate(String line) {
        var printable = line.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
    }
}
