package dev.exacme.acme.network;

import dev.exacme.acme.testing.PebbleTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * An HTTPS server on loopback that answers every request with a script the test writes
 * byte by byte: the misbehaviour of a CA (or a DNS API) that no real server offers, such as
 * trickling a body or streaming one of 100 MB. It uses a throwaway root of its own; clients
 * trust {@link #rootPem()} as a user passes {@code --trust}.
 */
public final class ScriptedTlsServer implements AutoCloseable {

    /** What the server sends after reading one request's headers. */
    @FunctionalInterface
    public interface Script {
        void answer(String requestLine, OutputStream out) throws IOException, InterruptedException;
    }

    private final SSLServerSocket socket;
    private final Path rootPem;
    private final Script script;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private ScriptedTlsServer(SSLServerSocket socket, Path rootPem, Script script) {
        this.socket = socket;
        this.rootPem = rootPem;
        this.script = script;
        this.acceptor = new Thread(this::accept, "scripted-tls-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server with a fresh TLS identity written into {@code directory}. */
    public static ScriptedTlsServer start(Path directory, Script script) throws IOException {
        var tls = PebbleTls.generate(directory);
        try {
            var keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            Certificate certificate;
            try (var in = Files.newInputStream(tls.certificatePem())) {
                certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            keys.setKeyEntry("server", privateKey(tls.keyPem()), new char[0],
                    new Certificate[] {certificate, tls.root()});
            var managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, new char[0]);
            var context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            var server = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return new ScriptedTlsServer(server, tls.rootPem(), script);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up the test server's TLS", e);
        }
    }

    private static java.security.PrivateKey privateKey(Path pem) throws IOException {
        try (Reader reader = Files.newBufferedReader(pem); var parser = new PEMParser(reader)) {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
    }

    /** The URL of {@code path} on this server, by IP as the certificate names it. */
    public URI url(String path) {
        return URI.create("https://127.0.0.1:" + socket.getLocalPort() + path);
    }

    /** The root the server's certificate chains to. */
    public Path rootPem() {
        return rootPem;
    }

    private void accept() {
        while (!socket.isClosed()) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException closed) {
                return;
            }
            connections.add(connection);
            var worker = new Thread(() -> serve(connection), "scripted-tls-connection");
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            var requestLine = readHeaders(connection.getInputStream());
            if (requestLine != null) {
                var out = connection.getOutputStream();
                script.answer(requestLine, out);
                out.flush();
            }
        } catch (IOException | InterruptedException clientGone) {
            // The client hung up, which is what the tests want of it.
        }
    }

    /** Reads up to the blank line ending the headers; returns the request line. */
    private static String readHeaders(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0d0a0d0a) {
                var text = head.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.indexOf("\r\n"));
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (var connection : connections) {
            connection.close();
        }
    }
}
