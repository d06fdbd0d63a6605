package dev.exacme.lifecycle.notify;

import static org.junit.jupiter.api.Assertions.fail;

import dev.exacme.acme.testing.PebbleTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A private instance of Debian's Postfix on a loopback port, run as a child process of the
 * test ({@code master -s}, in the foreground), after the example in exchange-deploy's tests.
 * Its smtpd offers STARTTLS with a certificate for 127.0.0.1 and localhost signed by a
 * throwaway root, and AUTH PLAIN and LOGIN after STARTTLS only ({@code smtpd_tls_auth_only}),
 * checked by Cyrus SASL against a {@code sasldb2} with one user; a second port offers only
 * AUTH LOGIN, a third speaks TLS from the first byte (port 465 style). It refuses bare LF line
 * endings ({@code smtpd_forbid_bare_newline = reject}, for every client), so a message it
 * accepts went out with CRLF. Accepted messages stay in its {@code incoming} queue (there is
 * no queue manager), where {@code postcat} reads them.
 *
 * <p>Needs the Debian packages {@code postfix}, {@code libsasl2-modules} and
 * {@code libsasl2-modules-db}, and root.
 */
final class PostfixMailServer implements AutoCloseable {

    static final String REALM = "exacme.test";
    private static final Path POSTCONF = Path.of("/usr/sbin/postconf");
    private static final Path POSTCAT = Path.of("/usr/sbin/postcat");
    private static final Duration STARTUP = Duration.ofSeconds(15);

    private final Process master;
    private final Path directory;
    private final Path config;
    private final int port;
    private final int loginOnlyPort;
    private final int implicitTlsPort;

    private PostfixMailServer(Process master, Path directory, Path config, int port, int loginOnlyPort,
            int implicitTlsPort) {
        this.master = master;
        this.directory = directory;
        this.config = config;
        this.port = port;
        this.loginOnlyPort = loginOnlyPort;
        this.implicitTlsPort = implicitTlsPort;
    }

    /** Starts Postfix with {@code tls} on a free port, {@code user}/{@code password} able to log in. */
    static PostfixMailServer start(Path directory, PebbleTls tls, String user, String password) throws Exception {
        Programs.require(POSTCONF, "postfix");
        Programs.require(POSTCAT, "postfix");
        Programs.requireRoot("a private Postfix instance (its master binds and drops privileges to 'postfix')");
        var postconf = new ProcessBuilder(POSTCONF.toString(), "-h", "daemon_directory").redirectErrorStream(true)
                .start();
        var daemonDirectory = new String(postconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        var masterBinary = Path.of(daemonDirectory, "master");
        if (postconf.waitFor() != 0 || !Files.isExecutable(masterBinary)) {
            Programs.unavailable("Postfix's master daemon was not found: apt-get install postfix");
        }
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        var owner = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix");
        var config = Files.createDirectory(directory.resolve("conf"));
        var queue = Files.createDirectory(directory.resolve("queue"));
        Files.createDirectory(queue.resolve("pid"));
        for (var postfixOwned : List.of(queue.resolve("private"), queue.resolve("public"), queue.resolve("incoming"),
                directory.resolve("data"))) {
            Files.setOwner(Files.createDirectory(postfixOwned), owner);
        }
        var keyFile = directory.resolve("key.pem");
        Files.copy(tls.keyPem(), keyFile);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));

        // Debian's Postfix reads Cyrus configuration from <config_directory>/sasl, whatever
        // cyrus_sasl_config_path says; set both.
        var sasl = Files.createDirectory(config.resolve("sasl"));
        var database = sasl.resolve("sasldb2");
        SaslDatabase.create(database, REALM, user, password);
        Files.setOwner(database, owner);
        // Cyrus reads <smtpd_sasl_path>.conf: one application name per set of mechanisms.
        for (var application : List.of("smtpd:PLAIN LOGIN", "smtpdlogin:LOGIN")) {
            var parts = application.split(":");
            Files.writeString(sasl.resolve(parts[0] + ".conf"), String.join("\n",
                    "pwcheck_method: auxprop",
                    "auxprop_plugin: sasldb",
                    "sasldb_path: " + database,
                    "mech_list: " + parts[1],
                    ""));
        }

        int port = Programs.freePort();
        int loginOnlyPort = Programs.freePort();
        int implicitTlsPort = Programs.freePort();
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
                "mynetworks = 127.0.0.0/8",
                "smtpd_banner = $myhostname ESMTP exacme notify test",
                "maillog_file = " + directory.resolve("maillog"),
                "maillog_file_prefixes = " + directory,
                "smtpd_tls_cert_file = " + tls.certificatePem(),
                "smtpd_tls_key_file = " + keyFile,
                "smtpd_tls_security_level = may",
                "smtpd_tls_auth_only = yes",
                "smtpd_sasl_auth_enable = yes",
                "smtpd_sasl_type = cyrus",
                "smtpd_sasl_path = smtpd",
                "cyrus_sasl_config_path = " + sasl,
                "smtpd_sasl_local_domain = " + REALM,
                "smtpd_sasl_security_options = noanonymous",
                "smtpd_forbid_bare_newline = reject",
                "smtpd_forbid_bare_newline_exclusions =",
                ""));
        Files.writeString(config.resolve("master.cf"), String.join("\n",
                "127.0.0.1:" + port + " inet n - n - - smtpd",
                "127.0.0.1:" + loginOnlyPort + " inet n - n - - smtpd -o smtpd_sasl_path=smtpdlogin",
                "127.0.0.1:" + implicitTlsPort + " inet n - n - - smtpd -o smtpd_tls_wrappermode=yes",
                "cleanup unix n - n - 0 cleanup",
                "rewrite unix - - n - - trivial-rewrite",
                "anvil unix - - n - 1 anvil",
                "tlsmgr unix - - n 1000? 1 tlsmgr",
                "postlog unix-dgram n - n - 1 postlogd",
                ""));

        var master = new ProcessBuilder(masterBinary.toString(), "-c", config.toString(), "-s")
                .redirectErrorStream(true).redirectOutput(directory.resolve("master.out").toFile()).start();
        var server = new PostfixMailServer(master, directory, config, port, loginOnlyPort, implicitTlsPort);
        try {
            server.awaitGreeting(port);
            server.awaitGreeting(loginOnlyPort);
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** STARTTLS, then AUTH PLAIN or LOGIN. */
    int port() {
        return port;
    }

    /** STARTTLS, then AUTH LOGIN only. */
    int loginOnlyPort() {
        return loginOnlyPort;
    }

    /** TLS from the first byte (smtpd_tls_wrappermode), then AUTH PLAIN or LOGIN. */
    int implicitTlsPort() {
        return implicitTlsPort;
    }

    /** The queued messages as {@code postcat -bh} shows them: headers and body, lines ending in LF. */
    List<String> messages() throws Exception {
        var messages = new ArrayList<String>();
        try (var files = Files.list(directory.resolve("queue").resolve("incoming"))) {
            for (var file : (Iterable<Path>) files::iterator) {
                var postcat = new ProcessBuilder(POSTCAT.toString(), "-c", config.toString(), "-bh", file.toString())
                        .redirectErrorStream(true).start();
                var text = new String(postcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (postcat.waitFor() != 0) {
                    fail("postcat " + file + " failed: " + text);
                }
                messages.add(text);
            }
        }
        return messages;
    }

    /** The mail log, for messages of failed tests. */
    String log() {
        try {
            return Files.readString(directory.resolve("maillog"));
        } catch (IOException e) {
            return "(no maillog: " + e.getMessage() + ")";
        }
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
                var greeting = new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII);
                if (greeting.equals("220 ")) {
                    socket.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
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
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() throws InterruptedException {
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
            } catch (ExecutionException | TimeoutException e) {
                // Reported below if it is still there.
            }
            if (child.isAlive()) {
                fail("Postfix process " + child.pid() + " " + child.info().command().orElse("") + " did not stop");
            }
        }
    }
}
