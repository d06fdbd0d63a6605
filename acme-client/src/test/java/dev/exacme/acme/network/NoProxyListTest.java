package dev.exacme.acme.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoProxyListTest {

    private static NoProxyList list(String text) throws InvalidRequest {
        return NoProxyList.parse(text, "--no-proxy");
    }

    @Test
    void domainsCoverThemselvesAndTheirSubdomains() throws InvalidRequest {
        var list = list("example.com, .corp.example.net");
        assertTrue(list.bypasses("example.com"));
        assertTrue(list.bypasses("acme.EXAMPLE.com."));
        assertFalse(list.bypasses("notexample.com"));
        assertTrue(list.bypasses("ca.corp.example.net"));
        assertTrue(list.bypasses("corp.example.net"));
        assertFalse(list.bypasses("example.net"));
    }

    @Test
    void winHttpPatternsAndLocal() throws InvalidRequest {
        var list = list("<local>;*.corp.example.com;10.*");
        assertTrue(list.bypasses("exchange01"));
        assertFalse(list.bypasses("exchange01.example.com"));
        assertTrue(list.bypasses("ca.corp.example.com"));
        assertFalse(list.bypasses("corp.example.com.evil.net"));
        assertTrue(list.bypasses("10.1.2.3"));
        assertFalse(list.bypasses("110.1.2.3"));
        assertEquals(List.of("<local>", "*.corp.example.com", "10.*"), list.entries());
    }

    @Test
    void rangesMatchAddressesOnly() throws InvalidRequest {
        var list = list("127.0.0.0/8 fd00::/8");
        assertTrue(list.bypasses("127.0.0.1"));
        assertTrue(list.bypasses("127.255.0.9"));
        assertFalse(list.bypasses("128.0.0.1"));
        assertTrue(list.bypasses("[fd12::1]"));
        assertFalse(list.bypasses("fe80::1"));
        assertFalse(list.bypasses("localhost"), "names are not resolved to decide");
    }

    @Test
    void starMeansEverything() throws InvalidRequest {
        assertTrue(list("*").bypasses("acme-v02.api.letsencrypt.org"));
        assertFalse(NoProxyList.none().bypasses("acme-v02.api.letsencrypt.org"));
    }

    @Test
    void nonsenseIsNamed() {
        var refusal = assertThrows(InvalidRequest.class, () -> list("example.com, 10.0.0.0/33"));
        assertTrue(refusal.getMessage().contains("--no-proxy: '10.0.0.0/33'"), refusal.getMessage());
        var bad = assertThrows(InvalidRequest.class, () -> list("exa$mple.com"));
        assertTrue(bad.getMessage().contains("'exa$mple.com'"), bad.getMessage());
    }
}
