package dev.exacme.acme.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxyServerTest {

    @Test
    void parsesTheUsualForms() throws InvalidRequest {
        assertEquals(new ProxyServer("proxy.corp", 3128, Optional.empty()), ProxyServer.parse("proxy.corp:3128", "x"));
        assertEquals(new ProxyServer("proxy.corp", 8080, Optional.empty()),
                ProxyServer.parse("http://proxy.corp:8080/", "x"));
        var withUser = ProxyServer.parse("http://svc%5Cexacme:p%40ss@10.0.0.5:8080", "HTTPS_PROXY");
        assertEquals("svc\\exacme", withUser.credentials().orElseThrow().user());
        assertEquals("p@ss", withUser.credentials().orElseThrow().password());
    }

    @Test
    void passwordsNeverShow() throws InvalidRequest {
        var proxy = ProxyServer.parse("http://alice:s3cret@proxy.corp:3128", "HTTPS_PROXY");
        assertFalse(proxy.display().contains("s3cret"), proxy.display());
        assertFalse(proxy.toString().contains("s3cret"));
        assertFalse(proxy.credentials().orElseThrow().toString().contains("s3cret"));
        assertTrue(proxy.display().contains("user alice"), proxy.display());
    }

    @Test
    void refusesWhatIsNoHttpProxy() {
        var https = assertThrows(InvalidRequest.class, () -> ProxyServer.parse("https://proxy.corp:443", "--proxy"));
        assertTrue(https.getMessage().startsWith("--proxy uses 'https://'"), https.getMessage());
        var noPort = assertThrows(InvalidRequest.class, () -> ProxyServer.parse("proxy.corp", "HTTPS_PROXY"));
        assertTrue(noPort.getMessage().contains("port"), noPort.getMessage());
        var secret = assertThrows(InvalidRequest.class, () -> ProxyServer.parse("http://a:s3cret@pro xy:1", "--proxy"));
        assertFalse(secret.getMessage().contains("s3cret"), secret.getMessage());
    }

    @Test
    void theNoProxyListDecidesPerUrl() throws InvalidRequest {
        var network = new OutboundNetwork(Optional.of(ProxyServer.parse("proxy.corp:3128", "x")),
                NoProxyList.parse(".internal.example", "x"), Duration.ofSeconds(1), Duration.ofSeconds(1),
                TrustedCertificates.systemDefault());
        assertTrue(network.proxies(URI.create("https://acme-v02.api.letsencrypt.org/directory")));
        assertFalse(network.proxies(URI.create("https://ca.internal.example/acme/directory")));
        assertFalse(OutboundNetwork.direct(TrustedCertificates.systemDefault())
                .proxies(URI.create("https://acme-v02.api.letsencrypt.org/directory")));
    }

    @Test
    void aPortOutOfRangeIsRefusedWhenGivenNotWhenUsed() {
        var refusal = assertThrows(InvalidRequest.class, () -> ProxyServer.parse("http://127.0.0.1:99999", "--proxy"));
        org.junit.jupiter.api.Assertions.assertTrue(refusal.getMessage().contains("--proxy names port 99999"),
                refusal.getMessage());
    }
}
