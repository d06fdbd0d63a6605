package dev.exacme.lifecycle.deploy.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.network.NoProxyList;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.network.ProxyServer;
import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.acme.testing.TinyproxyExtension;
import dev.exacme.lifecycle.network.ProxySource;
import dev.exacme.lifecycle.network.ResolvedNetwork;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CRL check before a deployment, against a real HTTP server serving real CRLs (a CA, an
 * intermediate and leaves built with BouncyCastle) and a real forward proxy (tinyproxy), so
 * that "fetched through the proxy" is seen in the proxy's own log.
 */
class CrlReachabilityTest {

    @RegisterExtension
    static final TinyproxyExtension PROXY = TinyproxyExtension.open();

    private final CrlServer server = newServer();
    private final TestCa ca = new TestCa(List.of(server.url("/root.crl")));

    @AfterEach
    void stop() {
        server.close();
    }

    private static CrlServer newServer() {
        try {
            return new CrlServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResolvedNetwork direct() {
        return new ResolvedNetwork(OutboundNetwork.direct(TrustedCertificates.systemDefault()), ProxySource.NONE,
                ProxySource.NONE.description());
    }

    private static ResolvedNetwork proxied() {
        var proxy = new ProxyServer("127.0.0.1", PROXY.port(), Optional.empty());
        return new ResolvedNetwork(new OutboundNetwork(Optional.of(proxy), NoProxyList.none(),
                OutboundNetwork.DEFAULT_CONNECT_TIMEOUT, OutboundNetwork.DEFAULT_REQUEST_TIMEOUT,
                TrustedCertificates.systemDefault()), ProxySource.OPTION, "--proxy");
    }

    private static RevocationVerdict check(ResolvedNetwork network, X509Certificate... chain) {
        return new CrlReachability(() -> network, Clock.systemUTC()).check(List.of(chain));
    }

    private void serveBothCrls(X509Certificate... revoked) {
        server.crl("/r99.crl", ca.intermediateCrl(Instant.now().plus(7, ChronoUnit.DAYS), revoked));
        server.crl("/root.crl", ca.rootCrl());
    }

    private static int closedPort() throws Exception {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void everyCrlOfTheChainIsFetchedThroughTheProxy() throws Exception {
        serveBothCrls();
        var leaf = ca.leaf("mail.contoso.com", List.of(server.url("/r99.crl")));

        var verdict = check(proxied(), leaf, ca.intermediate);

        var passed = assertInstanceOf(RevocationVerdict.Passed.class, verdict, verdict.toString());
        assertEquals(List.of("/r99.crl", "/root.crl"), server.requested(), "the leaf's CRL, then the intermediate's");
        var requests = PROXY.requests();
        assertTrue(requests.contains("GET " + server.url("/r99.crl") + " HTTP/1.1"), "the proxy saw: " + requests);
        assertTrue(requests.contains("GET " + server.url("/root.crl") + " HTTP/1.1"), "the proxy saw: " + requests);
        assertEquals(2, passed.notes().size(), passed.notes().toString());
        assertTrue(passed.notes().get(0).startsWith("CRL of the certificate (CN=mail.contoso.com) fetched through the"
                + " proxy " + PROXY.url() + " (from --proxy): " + server.url("/r99.crl")), passed.notes().get(0));
        assertTrue(passed.notes().get(1).startsWith("CRL of the intermediate CN=Test Intermediate R99 fetched"),
                passed.notes().get(1));
    }

    @Test
    void aUrlFetchedOnceServesEveryCertificateThatNamesIt() {
        serveBothCrls();
        var leaf = ca.leaf("mail.contoso.com", List.of(server.url("/r99.crl"), server.url("/r99.crl")));

        assertInstanceOf(RevocationVerdict.Passed.class, check(direct(), leaf, ca.intermediate));
        assertEquals(List.of("/r99.crl", "/root.crl"), server.requested());
    }

    @Test
    void aMissingCrlRefusesWithTheUrlAndTheProxy() {
        server.crl("/root.crl", ca.rootCrl());
        var leaf = ca.leaf("mail.contoso.com", List.of(server.url("/r99.crl")));

        var verdict = check(proxied(), leaf, ca.intermediate);

        var refused = assertInstanceOf(RevocationVerdict.Refused.class, verdict);
        assertTrue(refused.reason().startsWith("the CRL " + server.url("/r99.crl") + " of the certificate"
                + " (CN=mail.contoso.com) could not be fetched through the proxy " + PROXY.url() + " (from --proxy):"
                + " HTTP 404."), refused.reason());
        assertTrue(refused.reason().contains("Exchange would report RevocationCheckFailure"), refused.reason());
        assertTrue(refused.reason().contains("the certificate stays installed"), refused.reason());
    }

    @Test
    void anUnreachableHostRefusesWithTheUrlAndTheRouteTaken() throws Exception {
        var url = "http://127.0.0.1:" + closedPort() + "/r99.crl";
        var leaf = ca.leaf("mail.contoso.com", List.of(url));

        var direct = assertInstanceOf(RevocationVerdict.Refused.class, check(direct(), leaf, ca.intermediate));
        assertTrue(direct.reason().startsWith("the CRL " + url + " of the certificate (CN=mail.contoso.com) could not"
                + " be fetched directly (no proxy configured: nowhere: no proxy is configured): ConnectException"),
                direct.reason());
        assertTrue(direct.reason().endsWith("Let this server reach " + url.substring(0, url.indexOf("/r99")) + "."),
                direct.reason());

        // Through the proxy the proxy itself fails to connect and says so with its status.
        var proxied = assertInstanceOf(RevocationVerdict.Refused.class, check(proxied(), leaf, ca.intermediate));
        assertTrue(proxied.reason().startsWith("the CRL " + url + " of the certificate (CN=mail.contoso.com) could not"
                + " be fetched through the proxy " + PROXY.url() + " (from --proxy): HTTP 5"), proxied.reason());
    }

    @Test
    void aPageThatIsNoCrlRefuses() {
        server.page("/r99.crl", "<html><body>Please log in to the guest network</body></html>");
        var leaf = ca.leaf("mail.contoso.com", List.of(server.url("/r99.crl")));

        var refused = assertInstanceOf(RevocationVerdict.Refused.class, check(direct(), leaf, ca.intermediate));
        assertTrue(refused.reason().startsWith("the CRL " + server.url("/r99.crl") + " of the certificate"
                + " (CN=mail.contoso.com) was fetched directly (no proxy configured: nowhere: no proxy is configured)"
                + " but is not a CRL (60 bytes, text/html;"), refused.reason());
    }

    @Test
    void aCrlPastItsNextUpdateRefuses() {
        server.crl("/r99.crl", ca.intermediateCrl(Instant.now().minus(1, ChronoUnit.HOURS)));
        var leaf = ca.leaf("mail.contoso.com", List.of(server.url("/r99.crl")));

        var refused = assertInstanceOf(RevocationVerdict.Refused.class, check(direct(), leaf, ca.intermediate));
        assertTrue(refused.reason().contains(" expired at its next update "), refused.reason());
    }

    @Test
    void aCrlSignedByAnotherKeyRefuses() {
        var impostor = new TestCa(List.of());
        server.crl("/r99.crl", impostor.intermediateCrl(Instant.now().plus(1, ChronoUnit.DAYS)));
        var leaf = ca.leaf("mail.contoso.com", List.of(server.url("/r99.crl")));

        var refused = assertInstanceOf(RevocationVerdict.Refused.class, check(direct(), leaf, ca.intermediate));
        assertTrue(refused.reason().contains(" is not signed by its issuer CN=Test Intermediate R99"), refused.reason());
    }

    @Test
    void aRevokedCertificateIsNotDeployed() {
        var leaf = ca.leaf("mail.contoso.com", List.of(server.url("/r99.crl")));
        serveBothCrls(leaf);

        var refused = assertInstanceOf(RevocationVerdict.Refused.class, check(direct(), leaf, ca.intermediate));
        assertTrue(refused.reason().startsWith("the certificate (CN=mail.contoso.com) is listed as revoked in its CRL "
                + server.url("/r99.crl")), refused.reason());
    }

    @Test
    void certificatesWithoutDistributionPointsAreNotedAndTheNetworkIsNeverAsked() {
        var quiet = new TestCa(List.of());
        var leaf = quiet.leaf("mail.contoso.com", List.of());
        var asked = new AtomicInteger();

        var verdict = new CrlReachability(() -> {
            asked.incrementAndGet();
            return direct();
        }, Clock.systemUTC()).check(List.of(leaf, quiet.intermediate, quiet.root));

        var passed = assertInstanceOf(RevocationVerdict.Passed.class, verdict);
        assertEquals(0, asked.get(), "no CRL, no network");
        assertEquals(List.of("the certificate (CN=mail.contoso.com) names no CRL distribution point: Windows has no CRL"
                        + " to check for it (OCSP is not asked; Let's Encrypt ended it in 2025)",
                "the intermediate CN=Test Intermediate R99 names no CRL distribution point: Windows has no CRL to check"
                        + " for it (OCSP is not asked; Let's Encrypt ended it in 2025)"), passed.notes(),
                "the self-signed root is not checked");
    }

    @Test
    void anUnknownChainIsSaidAndDoesNotStopTheDeployment() {
        var passed = assertInstanceOf(RevocationVerdict.Passed.class, check(direct()));
        assertEquals(1, passed.notes().size());
        assertTrue(passed.notes().get(0).contains("its CRLs were not fetched"), passed.notes().get(0));
    }

    @Test
    void theFetchIsLimitedShorterThanTheConfiguredNetwork() {
        assertTrue(CrlReachability.CONNECT_TIMEOUT.compareTo(OutboundNetwork.DEFAULT_CONNECT_TIMEOUT) < 0);
        assertTrue(CrlReachability.REQUEST_TIMEOUT.compareTo(OutboundNetwork.DEFAULT_REQUEST_TIMEOUT) < 0);
        assertEquals(Duration.ofSeconds(5), CrlReachability.CONNECT_TIMEOUT);
    }
}
