package dev.exacme.exchange.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A real TLS server on 127.0.0.1 and a free port: runs a clear-text dialogue (none, or a
 * scripted STARTTLS exchange), then a JSSE handshake with the certificates of a key manager,
 * such as a {@link SniKeyManager} (which records the SNI names clients request).
 */
public final class TestTlsServer implements AutoCloseable {

    /** What the server says before TLS. */
    public interface Dialogue {
        /** Talks in clear text; returns whether to go on with a TLS handshake. */
        boolean talk(InputStream in, OutputStream out) throws IOException;
    }

    /** Implicit TLS: no clear text. */
    public static final Dialogue IMPLICIT_TLS = (in, out) -> true;

    /** Accepts and never says a word, until the client hangs up. */
    static final Dialogue SILENT = (in, out) -> {
        in.transferTo(OutputStream.nullOutputStream());
        return false;
    };

    private final ServerSocket listener;
    private final SSLContext context;
    private final Dialogue dialogue;
    private final ExecutorService connections = Executors.newCachedThreadPool(task -> {
        var thread = new Thread(task, "test-tls-server");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<Throwable> problems = new CopyOnWriteArrayList<>();

    private TestTlsServer(KeyManager keys, Dialogue dialogue) throws IOException, GeneralSecurityException {
        this.context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {keys}, null, null);
        this.dialogue = dialogue;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        connections.execute(this::accept);
    }

    /** A server choosing its certificate with {@code keys}. */
    public static TestTlsServer start(KeyManager keys, Dialogue dialogue) throws Exception {
        return new TestTlsServer(keys, dialogue);
    }

    /** The port it listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Server-side failures, for diagnosing a test. */
    List<Throwable> problems() {
        return new ArrayList<>(problems);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                var socket = listener.accept();
                open.add(socket);
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            if (!dialogue.talk(socket.getInputStream(), socket.getOutputStream())) {
                return;
            }
            try (var tls = (SSLSocket) context.getSocketFactory().createSocket(socket, null, false)) {
                tls.setUseClientMode(false);
                tls.startHandshake();
                // Wait for the client to hang up, as servers do.
                tls.getInputStream().read();
            }
        } catch (IOException | RuntimeException e) {
            problems.add(e);
        } finally {
            open.remove(socket);
        }
    }

    /** Reads one clear-text line without its CRLF, byte by byte so nothing of TLS is read ahead; null at EOF. */
    static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                var text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return null;
    }

    /** Writes lines, each followed by CRLF. */
    static void send(OutputStream out, String... lines) throws IOException {
        for (var line : lines) {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (var socket : open) {
            socket.close();
        }
        connections.shutdownNow();
    }
}
