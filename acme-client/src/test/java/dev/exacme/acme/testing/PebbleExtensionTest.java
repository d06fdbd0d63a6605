package dev.exacme.acme.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.TestAbortedException;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The Pebble fixture itself: what every Pebble test relies on, checked against the real binaries. */
class PebbleExtensionTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void directoryListsTheAcmeResources() throws Exception {
        var directory = directory(PEBBLE);

        for (var resource : List.of("newNonce", "newAccount", "newOrder")) {
            var url = directory.path(resource).asText();
            assertTrue(url.startsWith("https://127.0.0.1:" + PEBBLE.directoryUrl().getPort() + "/"), resource + ": " + url);
        }
        assertFalse(directory.path("meta").path("externalAccountRequired").asBoolean(true));
    }

    @Test
    void rootsAreSelfSignedCaCertificates() throws Exception {
        var roots = PEBBLE.roots();

        assertEquals(1, roots.size(), "no alternate roots unless asked for");
        var root = roots.get(0);
        assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal());
        root.verify(root.getPublicKey());
        assertTrue(root.getBasicConstraints() >= 0, "a CA certificate");
        assertNotEquals(readPem(PEBBLE.trustAnchorPem()).getSubjectX500Principal(), root.getSubjectX500Principal(),
                "Pebble issues under its own root, not under the one securing its listeners");
    }

    @Test
    void intermediateIsSignedByTheRoot() throws Exception {
        var intermediates = PEBBLE.intermediates();

        assertEquals(1, intermediates.size());
        assertEquals(PEBBLE.roots().get(0).getSubjectX500Principal(), intermediates.get(0).getIssuerX500Principal());
        intermediates.get(0).verify(PEBBLE.roots().get(0).getPublicKey());
    }

    @Test
    void trustAnchorIsASelfSignedCaForTheListenersOnly() throws Exception {
        var anchor = readPem(PEBBLE.trustAnchorPem());

        anchor.verify(anchor.getPublicKey());
        assertTrue(anchor.getBasicConstraints() >= 0);
        var withoutTrust = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        assertThrows(IOException.class, () -> withoutTrust.send(HttpRequest.newBuilder(PEBBLE.directoryUrl()).build(),
                HttpResponse.BodyHandlers.discarding()), "the JDK's default trust store must not accept Pebble");
    }

    @Test
    void pebbleRunsWithoutItsRandomDefaults() throws Exception {
        var log = Files.readString(PEBBLE.logFile());

        assertTrue(log.startsWith("$ PEBBLE_VA_NOSLEEP=1 "), log);
        assertTrue(log.contains("Disabling random VA sleeps"), log);
        assertTrue(log.contains("Configured to reject 0% of good nonces"), log);
        assertTrue(log.contains("authz reuse for each identifier 0% of the time"), log);
    }

    @Test
    void everyNameResolvesToLoopbackIpv4Only() throws Exception {
        var a = query("anything.example.test.", Type.A);
        var aaaa = query("anything.example.test.", Type.AAAA);

        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), a.getSection(Section.ANSWER).stream()
                .map(record -> ((ARecord) record).getAddress()).toList());
        assertEquals(List.of(), aaaa.getSection(Section.ANSWER), "Pebble must never try ::1");
    }

    @Test
    void challengeTestServerServesTxtRecordsSetThroughItsManagement() throws Exception {
        var http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        var response = http.send(HttpRequest.newBuilder(PEBBLE.challengeTestServerManagementUrl().resolve("/set-txt"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"host\":\"_acme-challenge.txt.example.test.\",\"value\":\"digest-value\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        var txt = query("_acme-challenge.txt.example.test.", Type.TXT).getSection(Section.ANSWER);
        assertEquals(List.of(List.of("digest-value")), txt.stream().map(record -> ((TXTRecord) record).getStrings()).toList());
    }

    @Test
    void challengePortsAreLeftToTheTest() throws Exception {
        // challtestsrv's own HTTP-01 and TLS-ALPN-01 servers are off, so the test can bind these.
        try (var http = new ServerSocket(PEBBLE.httpChallengePort(), 1, InetAddress.getLoopbackAddress());
             var tls = new ServerSocket(PEBBLE.tlsAlpnPort(), 1, InetAddress.getLoopbackAddress())) {
            assertNotEquals(http.getLocalPort(), tls.getLocalPort());
        }
    }

    @Test
    void aMissingPebbleSkipsWithTheInstallHintOrFailsUnderCi() {
        var missing = Path.of("/nonexistent/pebble");

        var refusal = assertThrows(RuntimeException.class, () -> RequiredProgram.require(missing, "pebble"));

        assertEquals("true".equals(System.getenv("CI")) ? IllegalStateException.class : TestAbortedException.class,
                refusal.getClass());
        assertTrue(refusal.getMessage().contains("apt-get install pebble"), refusal.getMessage());
    }

    /** An instance that requires External Account Binding. */
    @Nested
    class WithExternalAccountBinding {

        @RegisterExtension
        static final PebbleExtension EAB_PEBBLE = PebbleExtension.builder()
                .externalAccountBinding("kid-1", "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W")
                .build();

        @Test
        void directoryRequiresAnExternalAccount() throws Exception {
            var directory = directory(EAB_PEBBLE);

            assertTrue(directory.path("meta").path("externalAccountRequired").asBoolean(false), directory.toString());
            assertNotEquals(PEBBLE.directoryUrl(), EAB_PEBBLE.directoryUrl());
        }
    }

    /** Starts and stops driven by hand, to see what JUnit's own calls cannot show. */
    @Nested
    class Lifecycle {

        @Test
        void afterAllStopsBothProcessesAndFreesTheirPorts() throws Exception {
            var pebble = PebbleExtension.builder().build();
            pebble.beforeAll(contextFor(Lifecycle.class));
            var endpoints = List.of(pebble.directoryUrl(), pebble.managementUrl(), pebble.challengeTestServerManagementUrl());
            endpoints.forEach(endpoint -> assertTrue(accepts(endpoint), endpoint.toString()));

            pebble.afterAll(contextFor(Lifecycle.class));

            endpoints.forEach(endpoint -> assertFalse(accepts(endpoint), endpoint + " still open"));
            assertThrows(IllegalStateException.class, pebble::directoryUrl);
        }

        @Test
        void startsAgainOnNewPortsWhenOneWasTaken() throws Exception {
            var calls = new AtomicInteger();
            try (var thief = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                var pebble = PebbleExtension.builder().portSource(() -> {
                    var fresh = PebblePorts.reserve();
                    return calls.incrementAndGet() > 1 ? fresh : new PebblePorts(fresh.acme(), thief.getLocalPort(),
                            fresh.httpChallenge(), fresh.tlsAlpnChallenge(), fresh.dns(),
                            fresh.challengeTestServerManagement());
                }).build();
                try {
                    pebble.beforeAll(contextFor(Lifecycle.class));

                    assertEquals(2, calls.get());
                    assertNotEquals(thief.getLocalPort(), pebble.managementUrl().getPort());
                    assertTrue(Files.readString(pebble.logFile()).contains("address already in use"));
                    assertEquals(1, pebble.roots().size());
                } finally {
                    pebble.afterAll(contextFor(Lifecycle.class));
                }
            }
        }

        @Test
        void failsWithTheLogTailsWhenAPortStaysTaken() throws Exception {
            // challtestsrv does not exit when it cannot bind its DNS port: only its log tells.
            try (var udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                 var tcp = new ServerSocket(udp.getLocalPort(), 1, InetAddress.getLoopbackAddress())) {
                var pebble = PebbleExtension.builder().portSource(() -> {
                    var fresh = PebblePorts.reserve();
                    return new PebblePorts(fresh.acme(), fresh.management(), fresh.httpChallenge(),
                            fresh.tlsAlpnChallenge(), udp.getLocalPort(), fresh.challengeTestServerManagement());
                }).build();

                var failure = assertThrows(PebbleProcesses.StartupFailure.class,
                        () -> pebble.beforeAll(contextFor(Lifecycle.class)));
                pebble.afterAll(contextFor(Lifecycle.class));

                assertTrue(failure.portTaken());
                assertEquals(1, failure.getSuppressed().length, "the first attempt rides along");
                assertTrue(failure.getMessage().contains(
                        "listen udp 127.0.0.1:" + udp.getLocalPort() + ": bind: address already in use"),
                        failure.getMessage());
                assertTrue(failure.getMessage().contains("challtestsrv.log"), failure.getMessage());
            }
        }
    }

    private static JsonNode directory(PebbleExtension pebble) throws Exception {
        var http = HttpClient.newBuilder().sslContext(pebble.sslContext()).proxy(HttpClient.Builder.NO_PROXY).build();
        var response = http.send(HttpRequest.newBuilder(pebble.directoryUrl()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static X509Certificate readPem(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static Message query(String name, int type) throws Exception {
        var resolver = new SimpleResolver(PEBBLE.dnsServer());
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    private static boolean accepts(URI endpoint) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** Just enough of a class-level context for {@link PebbleExtension}, which only asks for the class. */
    private static ExtensionContext contextFor(Class<?> testClass) {
        return (ExtensionContext) Proxy.newProxyInstance(PebbleExtensionTest.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getRequiredTestClass" -> testClass;
                    case "getTestClass" -> Optional.of(testClass);
                    case "toString" -> "class context of " + testClass.getName();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
