package dev.exacme.acme.ca;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.failure.NetworkFailure;
import dev.exacme.acme.network.NoProxyList;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.network.ScriptedTlsServer;
import dev.exacme.acme.network.TrustedCertificates;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --server} URL that answers, but not as an ACME directory, is the person's mistake
 * (exit 2, naming {@code --server}); a CA that cannot be reached or fails is a network
 * failure (exit 4). The first read of the directory is where the two are told apart.
 */
class DirectoryDiagnosisTest {

    @RegisterExtension
    static final WireMockExtension WIRE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + WIRE.getPort() + path);
    }

    private static AcmeFailure readDirectory(URI directory) throws Exception {
        var ca = AcmeCa.connect(CaServer.parse(directory.toString()),
                OutboundNetwork.direct(TrustedCertificates.systemDefault()));
        return assertThrows(AcmeFailure.class, ca::metadata);
    }

    private static void assertPointsAtServer(AcmeFailure failure, URI directory, String why) {
        assertTrue(failure instanceof InvalidRequest, failure.getClass().getSimpleName() + ": " + failure.getMessage());
        var message = failure.getMessage();
        assertTrue(message.contains("--server " + directory), message);
        assertTrue(message.contains(why), message);
        assertTrue(message.contains("https://acme-v02.api.letsencrypt.org/directory"), message);
        assertTrue(message.contains("https://acme-staging-v02.api.letsencrypt.org/directory"), message);
        assertTrue(!message.contains("try again later"), message);
    }

    @Test
    void aDirectoryUrlAnswering404IsAWrongServer() throws Exception {
        WIRE.stubFor(get(urlEqualTo("/owa")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Not Found</body></html>")));
        var directory = url("/owa");
        assertPointsAtServer(readDirectory(directory), directory, "HTTP 404");
    }

    @Test
    void anHtmlPageIsNotADirectory() throws Exception {
        WIRE.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<!DOCTYPE html><html><head><title>Outlook</title></head></html>")));
        var directory = url("/");
        assertPointsAtServer(readDirectory(directory), directory, "text/html");
    }

    @Test
    void jsonWithoutTheAcmeResourcesIsNotADirectory() throws Exception {
        WIRE.stubFor(get(urlEqualTo("/api")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"name\": \"some REST API\", \"version\": 3}")));
        var directory = url("/api");
        assertPointsAtServer(readDirectory(directory), directory, "newNonce, newAccount, newOrder");
    }

    @Test
    void aServerErrorStaysANetworkFailure() throws Exception {
        WIRE.stubFor(get(urlEqualTo("/dir")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<html>maintenance</html>")));
        var failure = readDirectory(url("/dir"));
        assertTrue(failure instanceof NetworkFailure, failure.getClass().getSimpleName() + ": " + failure.getMessage());
        assertTrue(failure.getMessage().contains("HTTP 503"), failure.getMessage());
    }

    @Test
    void aClosedPortIsANetworkFailure() throws Exception {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var failure = readDirectory(URI.create("https://127.0.0.1:" + port + "/dir"));
        assertTrue(failure instanceof NetworkFailure, failure.getClass().getSimpleName() + ": " + failure.getMessage());
        assertTrue(failure.getMessage().contains("connection refused"), failure.getMessage());
    }

    @Test
    void aHostThatDoesNotResolveIsANetworkFailureThatPointsAtServer() throws Exception {
        // .invalid never resolves (RFC 6761); without a DNS server the JDK says the same.
        var failure = readDirectory(URI.create("https://acme.example.invalid/directory"));
        assertTrue(failure instanceof NetworkFailure, failure.getClass().getSimpleName() + ": " + failure.getMessage());
        assertTrue(failure.getMessage().contains("https://acme.example.invalid/directory"), failure.getMessage());
        assertTrue(failure.getMessage().contains("did not resolve"), failure.getMessage());
        assertTrue(failure.getMessage().contains("check the host name in --server"), failure.getMessage());
    }

    @Test
    void plainHttpToAnHttpsServerSaysToUseHttps() throws Exception {
        // What Pebble (Go's TLS server) and most https servers answer to a plain HTTP request.
        try (var server = ScriptedTlsServer.start(temp, (request, out) -> { })) {
            var https = server.url("/dir");
            var plain = URI.create("http://127.0.0.1:" + https.getPort() + "/dir");
            var ca = AcmeCa.connect(CaServer.parse(plain.toString()), new OutboundNetwork(Optional.empty(),
                    NoProxyList.none(), Duration.ofSeconds(5), Duration.ofSeconds(5),
                    TrustedCertificates.withPemFiles(List.of(server.rootPem()))));
            var failure = assertThrows(AcmeFailure.class, ca::metadata);
            assertTrue(failure.getMessage().contains(plain.toString()), failure.getMessage());
            assertTrue(failure instanceof InvalidRequest, failure.getClass().getSimpleName() + ": " + failure.getMessage());
            assertTrue(failure.getMessage().contains("give --server https://127.0.0.1:" + https.getPort() + "/dir"),
                    failure.getMessage());
        }
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedBeforeConnecting() {
        var refusal = assertThrows(InvalidRequest.class, () -> CaServer.parse("http://acme-v02.api.letsencrypt.org/directory"));
        assertTrue(refusal.getMessage().contains("--server https://acme-v02.api.letsencrypt.org/directory"),
                refusal.getMessage());
    }
}
