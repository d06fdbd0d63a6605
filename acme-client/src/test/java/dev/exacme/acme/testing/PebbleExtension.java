package dev.exacme.acme.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.ca.AcmeCa;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.ca.CaServer;
import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.keys.PemFormat;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a real Pebble ACME CA (Debian package {@code pebble}) and its companion
 * {@code pebble-challtestsrv} for one test class, on free loopback ports.
 *
 * <p>challtestsrv is Pebble's DNS server: it answers every A query with 127.0.0.1 and no
 * AAAA, so Pebble's validation authority connects to {@link #httpChallengePort()} on this
 * machine for any name. Its own challenge servers are off; the test's HTTP-01 listener or
 * web server binds that port. {@code PEBBLE_VA_NOSLEEP=1} keeps validation immediate.
 *
 * <p>Without the {@code pebble} binary the test class is skipped with an install hint,
 * except under {@code CI=true}, where it fails: CI must never pass by skipping.
 */
public final class PebbleExtension implements BeforeAllCallback, AfterAllCallback {

    private static final String PEBBLE = "/usr/bin/pebble";
    private static final String CHALLTESTSRV = "/usr/bin/pebble-challtestsrv";
    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final int nonceRejectPercent;
    private final int authzReusePercent;
    private final int alternateRoots;
    private final Map<String, String> bindingKeys;
    private final String dnsServer;

    private Path directory;
    private PebbleTls tls;
    private SSLContext sslContext;
    private int listenPort;
    private int managementPort;
    private int httpPort;
    private int tlsAlpnPort;
    private int dnsPort;
    private int challengeManagementPort;
    private final List<Process> processes = new ArrayList<>();

    private PebbleExtension(Builder builder) {
        this.nonceRejectPercent = builder.nonceRejectPercent;
        this.authzReusePercent = builder.authzReusePercent;
        this.alternateRoots = builder.alternateRoots;
        this.bindingKeys = Map.copyOf(builder.bindingKeys);
        this.dnsServer = builder.dnsServer;
    }

    /** A Pebble with nonce rejection and authorization reuse off unless asked for. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options for one Pebble instance. */
    public static final class Builder {
        private int nonceRejectPercent;
        private int authzReusePercent;
        private int alternateRoots;
        private final Map<String, String> bindingKeys = new LinkedHashMap<>();
        private String dnsServer;

        /** {@code PEBBLE_WFE_NONCEREJECT}: percentage of valid nonces refused as badNonce. */
        public Builder nonceRejectPercent(int percent) {
            this.nonceRejectPercent = percent;
            return this;
        }

        /** {@code PEBBLE_AUTHZREUSE}: percentage of valid authorizations reused by new orders. */
        public Builder authzReusePercent(int percent) {
            this.authzReusePercent = percent;
            return this;
        }

        /** {@code PEBBLE_ALTERNATE_ROOTS}: how many alternate chains Pebble offers. */
        public Builder alternateRoots(int count) {
            this.alternateRoots = count;
            return this;
        }

        /** Requires External Account Binding and accepts this key id with this base64url HMAC key. */
        public Builder externalAccountBinding(String keyId, String base64UrlHmacKey) {
            bindingKeys.put(keyId, base64UrlHmacKey);
            return this;
        }

        /**
         * Resolves names through this DNS server ({@code host:port}, e.g. a test BIND)
         * instead of a challtestsrv of its own.
         */
        public Builder dnsServer(String hostPort) {
            this.dnsServer = hostPort;
            return this;
        }

        public PebbleExtension build() {
            return new PebbleExtension(this);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        RequiredProgram.require(Path.of(PEBBLE), "pebble");
        RequiredProgram.require(Path.of(CHALLTESTSRV), "pebble");
        var logs = Path.of("target", "pebble", context.getRequiredTestClass().getSimpleName());
        Files.createDirectories(logs);
        directory = Files.createTempDirectory("exacme-pebble-");
        tls = PebbleTls.generate(directory);
        sslContext = TrustedCertificates.withPemFiles(List.of(tls.rootPem())).sslContext();
        try {
            start(logs);
        } catch (IOException first) {
            // A free port can be taken between choosing and binding it: one more try.
            stop();
            start(logs);
        }
    }

    private void start(Path logs) throws IOException, InterruptedException {
        listenPort = freeTcpPort();
        managementPort = freeTcpPort();
        httpPort = freeTcpPort();
        tlsAlpnPort = freeTcpPort();
        challengeManagementPort = freeTcpPort();
        dnsPort = freeDnsPort();

        var resolver = dnsServer != null ? dnsServer : "127.0.0.1:" + dnsPort;
        var challtestsrv = new ProcessBuilder(CHALLTESTSRV,
                "-management", "127.0.0.1:" + challengeManagementPort,
                "-dns01", "127.0.0.1:" + dnsPort,
                "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "")
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("challtestsrv.log").toFile());
        if (dnsServer == null) {
            processes.add(challtestsrv.start());
        }

        var config = directory.resolve("pebble-config.json");
        Files.writeString(config, pebbleConfig());
        var pebble = new ProcessBuilder(PEBBLE, "-config", config.toString(), "-dnsserver", resolver)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("pebble.log").toFile());
        pebble.environment().put("PEBBLE_VA_NOSLEEP", "1");
        pebble.environment().put("PEBBLE_WFE_NONCEREJECT", String.valueOf(nonceRejectPercent));
        pebble.environment().put("PEBBLE_AUTHZREUSE", String.valueOf(authzReusePercent));
        pebble.environment().put("PEBBLE_ALTERNATE_ROOTS", String.valueOf(alternateRoots));
        processes.add(pebble.start());

        awaitDirectory(logs);
    }

    private String pebbleConfig() throws IOException {
        var settings = new LinkedHashMap<String, Object>();
        settings.put("listenAddress", "127.0.0.1:" + listenPort);
        settings.put("managementListenAddress", "127.0.0.1:" + managementPort);
        settings.put("certificate", tls.certificatePem().toString());
        settings.put("privateKey", tls.keyPem().toString());
        settings.put("httpPort", httpPort);
        settings.put("tlsPort", tlsAlpnPort);
        settings.put("ocspResponderURL", "");
        settings.put("externalAccountBindingRequired", !bindingKeys.isEmpty());
        settings.put("externalAccountMACKeys", new HashMap<>(bindingKeys));
        return new ObjectMapper().writeValueAsString(Map.of("pebble", settings));
    }

    private void awaitDirectory(Path logs) throws IOException, InterruptedException {
        var client = HttpClient.newBuilder().sslContext(sslContext).connectTimeout(Duration.ofSeconds(2)).build();
        var deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            for (var process : processes) {
                if (!process.isAlive()) {
                    throw new IOException("Pebble or challtestsrv exited at startup (code " + process.exitValue()
                            + "):\n" + tail(logs));
                }
            }
            try {
                var response = client.send(HttpRequest.newBuilder(directoryUrl()).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(50);
        }
        throw new IOException("Pebble did not answer at " + directoryUrl() + " within " + STARTUP.toSeconds()
                + " s:\n" + tail(logs));
    }

    private static String tail(Path logs) throws IOException {
        var text = new StringBuilder();
        for (var name : List.of("pebble.log", "challtestsrv.log")) {
            var file = logs.resolve(name);
            if (Files.exists(file)) {
                var lines = Files.readAllLines(file);
                text.append("--- ").append(name).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())))
                        .append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    private void stop() throws InterruptedException {
        for (var process : processes) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        for (var process : processes) {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        processes.clear();
    }

    /** The ACME directory URL. */
    public URI directoryUrl() {
        return URI.create("https://127.0.0.1:" + listenPort + "/dir");
    }

    /** The root that signed Pebble's HTTPS certificate: what a client passes as {@code --trust}. */
    public Path trustAnchorPem() {
        return tls.rootPem();
    }

    /** A session with this Pebble, trusting its TLS root, as {@code exacme --trust} would. */
    public AcmeCa connect() {
        try {
            return AcmeCa.connect(new CaServer(directoryUrl()), OutboundNetwork.direct(TrustedCertificates.withPemFiles(List.of(tls.rootPem()))));
        } catch (InvalidRequest e) {
            throw new IllegalStateException("the generated root cannot be read", e);
        }
    }

    /** An SSL context that trusts Pebble's HTTPS listeners. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** The port Pebble's validation authority connects to for HTTP-01. */
    public int httpChallengePort() {
        return httpPort;
    }

    /** The port Pebble's validation authority connects to for TLS-ALPN-01. */
    public int tlsAlpnPort() {
        return tlsAlpnPort;
    }

    /** Pebble's management interface (roots, intermediates, certificate status). */
    public URI managementUrl() {
        return URI.create("https://127.0.0.1:" + managementPort);
    }

    /** challtestsrv's management interface (set-txt, add-a, ...). */
    public URI challengeTestServerManagementUrl() {
        return URI.create("http://127.0.0.1:" + challengeManagementPort);
    }

    /** The roots Pebble issues under: the default one first, then the alternates. */
    public List<X509Certificate> roots() throws IOException, InterruptedException {
        return fetchAll("/roots/");
    }

    /** The intermediates, in the same order as {@link #roots()}. */
    public List<X509Certificate> intermediates() throws IOException, InterruptedException {
        return fetchAll("/intermediates/");
    }

    private List<X509Certificate> fetchAll(String path) throws IOException, InterruptedException {
        var client = HttpClient.newBuilder().sslContext(sslContext).build();
        var result = new ArrayList<X509Certificate>();
        for (int i = 0; i <= alternateRoots; i++) {
            var response = client.send(HttpRequest.newBuilder(managementUrl().resolve(path + i)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(path + i + " answered " + response.statusCode());
            }
            result.addAll(PemFormat.readCertificates(response.body()));
        }
        return result;
    }

    private static int freeTcpPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeDnsPort() throws IOException {
        // DNS listens on UDP and TCP: the port must be free for both.
        for (int attempt = 0; attempt < 20; attempt++) {
            try (var udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                var port = udp.getLocalPort();
                try (var tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // Try another.
                }
            }
        }
        throw new IOException("no loopback port free for both UDP and TCP");
    }
}
