package dev.exacme.exchange.verify;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.security.auth.module.UnixSystem;
import dev.exacme.store.CertificateBundle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private instance of Debian's Postfix on two loopback ports, run as a child process of
 * the test ({@code master -s}: in the foreground, leader of its own process group, as
 * {@code postfix start-fg} runs it). Everything it writes stays in the given directory:
 * configuration, queue, data, log ({@code maillog}). One port offers STARTTLS with a given
 * certificate chain, the other has TLS switched off.
 *
 * <p>Needs the Debian package {@code postfix} and root (the master binds and drops
 * privileges to the {@code postfix} user). Without them the tests are skipped, or fail
 * when the environment variable {@code CI} is {@code true}.
 */
final class PostfixServer implements AutoCloseable {

    private static final Path POSTFIX = Path.of("/usr/sbin/postfix");
    private static final Path POSTCONF = Path.of("/usr/sbin/postconf");
    private static final Duration STARTUP = Duration.ofSeconds(15);

    private final Process master;
    private final Path directory;
    private final int startTlsPort;
    private final int plainPort;

    private PostfixServer(Process master, Path directory, int startTlsPort, int plainPort) {
        this.master = master;
        this.directory = directory;
        this.startTlsPort = startTlsPort;
        this.plainPort = plainPort;
    }

    /** Starts Postfix in {@code directory} serving {@code bundle} on the STARTTLS port; waits until both ports greet. */
    static PostfixServer start(Path directory, CertificateBundle bundle) throws Exception {
        var masterBinary = requireInstalled();
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        var owner = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix");
        var config = Files.createDirectory(directory.resolve("conf"));
        var queue = Files.createDirectory(directory.resolve("queue"));
        Files.createDirectory(queue.resolve("pid"));
        for (var postfixOwned : List.of(queue.resolve("private"), queue.resolve("public"), directory.resolve("data"))) {
            Files.setOwner(Files.createDirectory(postfixOwned), owner);
        }
        var chainFile = directory.resolve("chain.pem");
        var keyFile = directory.resolve("key.pem");
        Files.writeString(chainFile, pem(bundle), StandardCharsets.US_ASCII);
        Files.writeString(keyFile, pem("PRIVATE KEY", bundle.key().getEncoded()), StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));

        int startTlsPort = freePort();
        int plainPort = freePort();
        Files.writeString(config.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + queue,
                "data_directory = " + directory.resolve("data"),
                "mail_owner = postfix",
                "inet_interfaces = loopback-only",
                "inet_protocols = ipv4",
                "myhostname = mx.postfix-test.example",
                "mydomain = postfix-test.example",
                "mydestination =",
                "alias_maps =",
                "alias_database =",
                "local_recipient_maps =",
                "smtpd_banner = $myhostname ESMTP exacme test",
                "maillog_file = " + directory.resolve("maillog"),
                "maillog_file_prefixes = " + directory,
                "smtpd_tls_cert_file = " + chainFile,
                "smtpd_tls_key_file = " + keyFile,
                "smtpd_tls_security_level = may",
                ""));
        Files.writeString(config.resolve("master.cf"), String.join("\n",
                "127.0.0.1:" + startTlsPort + " inet n - n - - smtpd",
                "127.0.0.1:" + plainPort + " inet n - n - - smtpd -o smtpd_tls_security_level=none",
                "tlsmgr unix - - n 1000? 1 tlsmgr",
                "postlog unix-dgram n - n - 1 postlogd",
                ""));

        var master = new ProcessBuilder(masterBinary.toString(), "-c", config.toString(), "-s")
                .redirectErrorStream(true).redirectOutput(directory.resolve("master.out").toFile()).start();
        var server = new PostfixServer(master, directory, startTlsPort, plainPort);
        try {
            server.awaitGreeting(startTlsPort);
            server.awaitGreeting(plainPort);
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The port that offers STARTTLS with the configured chain. */
    int startTlsPort() {
        return startTlsPort;
    }

    /** The port without TLS: its EHLO reply does not offer STARTTLS. */
    int plainPort() {
        return plainPort;
    }

    private static Path requireInstalled() throws IOException, InterruptedException {
        if (!Files.isExecutable(POSTFIX) || !Files.isExecutable(POSTCONF)) {
            unavailable("Postfix is not installed (" + POSTFIX + " missing): apt-get install postfix");
        }
        if (new UnixSystem().getUid() != 0) {
            unavailable("a private Postfix instance needs root (its master binds and drops privileges to 'postfix')");
        }
        var postconf = new ProcessBuilder(POSTCONF.toString(), "-h", "daemon_directory").redirectErrorStream(true).start();
        var daemonDirectory = new String(postconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (postconf.waitFor() != 0 || !Files.isExecutable(Path.of(daemonDirectory, "master"))) {
            unavailable("Postfix's master daemon was not found (postconf -h daemon_directory said '" + daemonDirectory
                    + "'): apt-get install postfix");
        }
        return Path.of(daemonDirectory, "master");
    }

    private static void unavailable(String why) {
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
    }

    private void awaitGreeting(int port) throws Exception {
        var deadline = Instant.now().plus(STARTUP);
        while (true) {
            if (!master.isAlive()) {
                fail("Postfix's master exited with " + master.exitValue() + ": " + diagnostics());
            }
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                socket.setSoTimeout(2000);
                var greeting = TestTlsServer.readLine(socket.getInputStream());
                if (greeting != null && greeting.startsWith("220 ")) {
                    TestTlsServer.send(socket.getOutputStream(), "QUIT");
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            if (Instant.now().isAfter(deadline)) {
                fail("Postfix did not greet on port " + port + " within " + STARTUP + ": " + diagnostics());
            }
            Thread.sleep(50);
        }
    }

    private String diagnostics() {
        var text = new StringBuilder();
        for (var file : List.of("master.out", "maillog")) {
            try {
                text.append('\n').append(file).append(":\n").append(Files.readString(directory.resolve(file)));
            } catch (IOException e) {
                text.append('\n').append(file).append(": ").append(e.getMessage());
            }
        }
        return text.toString();
    }

    /** Stops the master and every process it started; they are all gone when this returns. */
    @Override
    public void close() throws InterruptedException {
        var children = new ArrayList<>(master.descendants().toList());
        master.destroy();
        if (!master.waitFor(5, TimeUnit.SECONDS)) {
            master.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        for (var child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        for (var child : children) {
            try {
                child.onExit().get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // Reported below if it is still there.
            }
            if (child.isAlive()) {
                fail("Postfix process " + child.pid() + " " + child.info().command().orElse("") + " did not stop");
            }
        }
    }

    private static int freePort() throws IOException {
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static String pem(CertificateBundle bundle) throws CertificateEncodingException {
        var text = new StringBuilder();
        for (var certificate : bundle.chain()) {
            text.append(pem("CERTIFICATE", certificate.getEncoded()));
        }
        return text.toString();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
