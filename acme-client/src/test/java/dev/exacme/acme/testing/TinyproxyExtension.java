package dev.exacme.acme.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real forward proxy for one test class: Debian's {@code tinyproxy} on a free loopback
 * port, optionally with basic authentication, logging every CONNECT so that tests can see
 * which connections went through it.
 */
public final class TinyproxyExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Path TINYPROXY = Path.of("/usr/bin/tinyproxy");

    private final String user;
    private final String password;
    private Path directory;
    private Process process;
    private int port;

    private TinyproxyExtension(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** A proxy that lets every loopback client through. */
    public static TinyproxyExtension open() {
        return new TinyproxyExtension(null, null);
    }

    /** A proxy that demands basic authentication with this user and password. */
    public static TinyproxyExtension withBasicAuth(String user, String password) {
        return new TinyproxyExtension(user, password);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        RequiredProgram.require(TINYPROXY, "tinyproxy-bin");
        directory = Files.createTempDirectory("exacme-tinyproxy-");
        // tinyproxy drops root privileges to nobody, who must still write the log.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var root = "root".equals(System.getProperty("user.name"));
        var config = new StringBuilder()
                .append(root ? "User nobody\nGroup nogroup\n" : "")
                .append("Port ").append(port).append('\n')
                .append("Listen 127.0.0.1\nTimeout 30\nMaxClients 20\nAllow 127.0.0.1\nDisableViaHeader Yes\n")
                .append("LogFile \"").append(log()).append("\"\nLogLevel Connect\n");
        if (user != null) {
            config.append("BasicAuth ").append(user).append(' ').append(password).append('\n');
        }
        var file = directory.resolve("tinyproxy.conf");
        Files.writeString(file, config);
        Files.writeString(log(), "");
        Files.setPosixFilePermissions(log(), PosixFilePermissions.fromString("rw-rw-rw-"));
        process = new ProcessBuilder(TINYPROXY.toString(), "-d", "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("stdout").toFile()).start();
        awaitListening();
    }

    private void awaitListening() throws IOException, InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("tinyproxy exited: " + Files.readString(directory.resolve("stdout")));
            }
            try (var probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("tinyproxy did not listen on port " + port);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    private Path log() {
        return directory.resolve("tinyproxy.log");
    }

    /**
     * Every request line the proxy received so far, CONNECT or plain (a proxied {@code http://}
     * GET logs as {@code GET http://127.0.0.1:8080/x.crl HTTP/1.1}).
     */
    public List<String> requests() throws IOException {
        return Files.readAllLines(log()).stream().filter(line -> line.contains(": Request ("))
                .map(line -> line.substring(line.indexOf("): ", line.indexOf(": Request (")) + 3)).toList();
    }

    /** The CONNECT requests the proxy received so far, e.g. {@code CONNECT 127.0.0.1:14000 HTTP/1.1}. */
    public List<String> connects() throws IOException {
        // Lines look like "CONNECT   Nov 24 23:03:25.784 [17389]: Request (file descriptor 5): CONNECT host:port
        // HTTP/1.1": the first word is the log level, the request follows "Request (...): ".
        return Files.readAllLines(log()).stream().filter(line -> line.contains(": Request ("))
                .map(line -> line.substring(line.indexOf("): ", line.indexOf(": Request (")) + 3))
                .filter(line -> line.startsWith("CONNECT ")).toList();
    }
}
