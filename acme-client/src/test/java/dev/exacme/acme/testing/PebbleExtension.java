package dev.exacme.acme.testing;

import dev.exacme.acme.ca.AcmeCa;
import dev.exacme.acme.ca.CaServer;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.network.TrustedCertificates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Pebble ACME CA (Debian package {@code pebble} 2.4.0) with its companion
 * pebble-challtestsrv as DNS server, running for one test class on free loopback ports:
 * <pre>{@code
 * @RegisterExtension
 * static final PebbleExtension PEBBLE = PebbleExtension.builder().build();
 * }</pre>
 *
 * <p>Every name resolves to 127.0.0.1 (and has no IPv6 address), so Pebble's validation
 * authority connects to {@link #httpChallengePort()} or {@link #tlsAlpnPort()} on this
 * machine for whatever name a test orders; the test binds those ports with its own
 * listener. Validation happens without Pebble's random delays, and by default no nonce is
 * refused and no authorization reused, so tests are fast and repeatable.
 *
 * <p>Pebble's HTTPS listeners use a certificate from a root generated for the run
 * ({@link #trustAnchorPem()}), which clients must be told to trust, as for any private CA.
 * Output goes to {@code target/pebble/<test class>/}; a failed start reports the end of it.
 *
 * <p>Without the {@code pebble} package the test class is skipped with an install hint,
 * except under {@code CI=true}, where it fails: CI must never pass by skipping.
 */
public final class PebbleExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    /** Two instances in one test class must not write into the same log files. */
    private static final Set<Path> LOG_DIRECTORIES_IN_USE = ConcurrentHashMap.newKeySet();

    private final PebbleSettings settings;
    private final PortSource portSource;

    /** The test class whose afterAll stops Pebble; nested classes only borrow it. */
    private Class<?> owner;
    private Path logDirectory;
    private PebbleLogs logs;
    private Path workDirectory;
    private PebbleTls tls;
    private SSLContext sslContext;
    private PebblePorts ports;
    private PebbleProcesses processes;

    private PebbleExtension(Builder builder) {
        this.settings = new PebbleSettings(builder.nonceRejectPercent, builder.authzReusePercent,
                builder.alternateRoots, builder.macKeys, Optional.ofNullable(builder.dnsServer),
                Optional.ofNullable(builder.validity));
        this.portSource = builder.portSource;
    }

    /** Options for a Pebble; without any, it refuses no nonce, reuses no authorization and requires no EAB. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options for one Pebble instance. */
    public static final class Builder {
        private int nonceRejectPercent;
        private int authzReusePercent;
        private int alternateRoots;
        private final Map<String, String> macKeys = new LinkedHashMap<>();
        private String dnsServer;
        private java.time.Duration validity;
        private PortSource portSource = PebblePorts::reserve;

        private Builder() {
        }

        /** {@code PEBBLE_WFE_NONCEREJECT}: the percentage of good nonces refused with badNonce (default 0). */
        public Builder nonceRejectPercent(int percent) {
            this.nonceRejectPercent = percent(percent);
            return this;
        }

        /** {@code PEBBLE_AUTHZREUSE}: the percentage of new orders that reuse a valid authorization (default 0). */
        public Builder authzReusePercent(int percent) {
            this.authzReusePercent = percent(percent);
            return this;
        }

        /** {@code PEBBLE_ALTERNATE_ROOTS}: how many alternate chains Pebble offers besides the default one. */
        public Builder alternateRoots(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("alternate roots must not be negative: " + count);
            }
            this.alternateRoots = count;
            return this;
        }

        /**
         * Requires External Account Binding on newAccount, and accepts this key id with this
         * HMAC key (base64url, as a CA hands it out). May be called more than once.
         */
        public Builder externalAccountBinding(String kid, String base64UrlHmacKey) {
            if (kid.isBlank()) {
                throw new IllegalArgumentException("the EAB key id must not be blank");
            }
            // Fails here, naming the key, rather than as an obscure Pebble start-up error.
            Base64.getUrlDecoder().decode(base64UrlHmacKey);
            macKeys.put(kid, base64UrlHmacKey);
            return this;
        }

        /**
         * Resolves names through this DNS server ({@code host:port}, e.g. a test BIND) instead
         * of a challtestsrv of its own, which is then not started.
         */
        public Builder dnsServer(String hostPort) {
            this.dnsServer = hostPort;
            return this;
        }

        /** {@code certificateValidityPeriod}: issued certificates are valid this long (whole seconds). */
        public Builder certificateValidity(java.time.Duration period) {
            if (period.toSeconds() < 1) {
                throw new IllegalArgumentException("a validity of at least one second: " + period);
            }
            this.validity = period;
            return this;
        }

        /** Lets a test hand out ports, e.g. one it holds to provoke a clash. */
        Builder portSource(PortSource source) {
            this.portSource = source;
            return this;
        }

        /** The extension; it starts Pebble when the test class starts. */
        public PebbleExtension build() {
            return new PebbleExtension(this);
        }

        private static int percent(int percent) {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("a percentage must be within 0..100: " + percent);
            }
            return percent;
        }
    }

    /** Chooses the ports for one start. */
    @FunctionalInterface
    interface PortSource {
        PebblePorts next() throws IOException;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (processes != null) {
            // JUnit calls the callbacks of an outer class's extension again for each @Nested
            // class: those share the running instance.
            return;
        }
        RequiredProgram.require(PebbleProcesses.PEBBLE, "pebble");
        if (settings.dnsServer().isEmpty()) {
            RequiredProgram.require(PebbleProcesses.CHALLTESTSRV, "pebble");
        }
        try {
            owner = context.getRequiredTestClass();
            logDirectory = claimLogDirectory(owner);
            logs = PebbleLogs.createIn(logDirectory);
            workDirectory = Files.createTempDirectory("exacme-pebble-");
            tls = PebbleTls.generate(workDirectory);
            sslContext = tls.sslContext();
            try {
                start();
            } catch (PebbleProcesses.StartupFailure failure) {
                if (!failure.portTaken()) {
                    throw failure;
                }
                // Another process bound one of the chosen ports between choosing and binding.
                // New ports once: twice in a row means something else is wrong.
                try {
                    start();
                } catch (PebbleProcesses.StartupFailure again) {
                    again.addSuppressed(failure);
                    throw again;
                }
            }
        } catch (Throwable e) {
            try {
                release();
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void start() throws IOException, InterruptedException {
        var chosen = portSource.next();
        var config = workDirectory.resolve("pebble-config.json");
        Files.writeString(config, settings.configJson(chosen, tls));
        processes = PebbleProcesses.start(settings, chosen, config, tls, logs, STARTUP_TIMEOUT);
        ports = chosen;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (owner == null || owner == context.getRequiredTestClass()) {
            release();
        }
    }

    /** Undoes whatever {@link #beforeAll} got done; JUnit calls afterAll even when beforeAll failed. */
    private void release() throws IOException {
        try {
            if (processes != null) {
                processes.stop();
            }
        } finally {
            owner = null;
            processes = null;
            ports = null;
            if (logDirectory != null) {
                LOG_DIRECTORIES_IN_USE.remove(logDirectory);
                logDirectory = null;
            }
            if (workDirectory != null) {
                deleteRecursively(workDirectory);
                workDirectory = null;
            }
        }
    }

    /** The ACME directory, {@code https://127.0.0.1:PORT/dir}. */
    public URI directoryUrl() {
        return URI.create("https://127.0.0.1:" + running().acme() + "/dir");
    }

    /**
     * The root that signed the certificate of Pebble's HTTPS listeners, as PEM: what a client
     * passes as {@code --trust}. Not the root Pebble issues under; that is {@link #roots()}.
     */
    public Path trustAnchorPem() {
        running();
        return tls.rootPem();
    }

    /** A TLS context trusting {@link #trustAnchorPem()} only, for talking to Pebble directly. */
    public SSLContext sslContext() {
        running();
        return sslContext;
    }

    /** The port Pebble's validation authority connects to for HTTP-01; the test's HTTP-01 listener binds it. */
    public int httpChallengePort() {
        return running().httpChallenge();
    }

    /** The port Pebble's validation authority connects to for TLS-ALPN-01; the test binds it. */
    public int tlsAlpnPort() {
        return running().tlsAlpnChallenge();
    }

    /** Pebble's management interface (HTTPS, same certificate): {@code /roots/N}, {@code /intermediates/N}, ... */
    public URI managementUrl() {
        return URI.create("https://127.0.0.1:" + running().management());
    }

    /**
     * challtestsrv's management interface (plain HTTP): {@code /set-txt}, {@code /add-a}, ...
     *
     * @throws IllegalStateException when Pebble resolves through {@link Builder#dnsServer} instead
     */
    public URI challengeTestServerManagementUrl() {
        var running = running();
        if (settings.dnsServer().isPresent()) {
            throw new IllegalStateException("no challtestsrv runs: Pebble resolves through " + settings.dnsServer().get());
        }
        return URI.create("http://127.0.0.1:" + running.challengeTestServerManagement());
    }

    /** The DNS server Pebble resolves through: challtestsrv's, or the one given to {@link Builder#dnsServer}. */
    public InetSocketAddress dnsServer() {
        var running = running();
        if (settings.dnsServer().isEmpty()) {
            return new InetSocketAddress("127.0.0.1", running.dns());
        }
        var hostPort = settings.dnsServer().get();
        var colon = hostPort.lastIndexOf(':');
        var host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** Pebble's stdout and stderr, headed by the command line and environment it was started with. */
    public Path logFile() {
        running();
        return logs.pebble();
    }

    /** challtestsrv's stdout and stderr. */
    public Path challengeTestServerLogFile() {
        running();
        return logs.challengeTestServer();
    }

    /**
     * The roots Pebble issues under, generated by Pebble at start: the default chain's first,
     * then one per alternate chain. Each start has new ones, so tests must not cache them
     * across classes.
     */
    public List<X509Certificate> roots() throws IOException, InterruptedException {
        return managementCertificates("/roots/");
    }

    /** The intermediates, in the order of {@link #roots()}: the i-th is signed by the i-th root. */
    public List<X509Certificate> intermediates() throws IOException, InterruptedException {
        return managementCertificates("/intermediates/");
    }

    /** A session with this Pebble that trusts {@link #trustAnchorPem()}, as {@code exacme --trust} would. */
    public AcmeCa connect() {
        try {
            return AcmeCa.connect(new CaServer(directoryUrl()),
                    OutboundNetwork.direct(TrustedCertificates.withPemFiles(List.of(trustAnchorPem()))));
        } catch (InvalidRequest e) {
            throw new IllegalStateException("the generated TLS root cannot be read back", e);
        }
    }

    private List<X509Certificate> managementCertificates(String path) throws IOException, InterruptedException {
        var client = HttpClient.newBuilder().sslContext(sslContext()).proxy(HttpClient.Builder.NO_PROXY).build();
        var certificates = new ArrayList<X509Certificate>();
        // Pebble numbers the chains 0..n and answers 404 past the last; asking until then needs
        // no knowledge of how many alternates were configured.
        for (int index = 0; ; index++) {
            var response = client.send(HttpRequest.newBuilder(managementUrl().resolve(path + index)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404 && index > 0) {
                return List.copyOf(certificates);
            }
            if (response.statusCode() != 200) {
                throw new IOException("Pebble's management " + path + index + " answered HTTP " + response.statusCode());
            }
            certificates.addAll(parseCertificates(response.body()));
        }
    }

    private static List<X509Certificate> parseCertificates(byte[] pem) throws IOException {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        } catch (CertificateException e) {
            throw new IOException("Pebble's management interface sent no PEM certificate", e);
        }
    }

    private PebblePorts running() {
        var running = ports;
        if (running == null) {
            throw new IllegalStateException(
                    "Pebble is not running: register the PebbleExtension in a static @RegisterExtension field");
        }
        return running;
    }

    private static Path claimLogDirectory(Class<?> testClass) {
        // Surefire sets basedir to the module, so logs land in that module's target/ whatever
        // the working directory is; an IDE run without it uses the working directory.
        var root = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("pebble").toAbsolutePath();
        // The binary name keeps nested test classes apart: Outer$Nested.
        var name = testClass.getName().substring(testClass.getPackageName().isEmpty() ? 0
                : testClass.getPackageName().length() + 1);
        for (int instance = 1; ; instance++) {
            var candidate = root.resolve(instance == 1 ? name : name + "-" + instance);
            if (LOG_DIRECTORIES_IN_USE.add(candidate)) {
                return candidate;
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> tree = Files.walk(directory)) {
            for (var path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
