package dev.exacme.acme.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import java.net.URI;
import org.junit.jupiter.api.Test;

class CaServerTest {

    @Test
    void aliasesNameTheWellKnownCas() throws InvalidRequest {
        assertEquals(URI.create("https://acme-v02.api.letsencrypt.org/directory"),
                CaServer.parse("letsencrypt").directory());
        assertEquals(URI.create("https://acme-staging-v02.api.letsencrypt.org/directory"),
                CaServer.parse("LetsEncrypt-Staging").directory());
    }

    @Test
    void plainHttpOnlyForLoopback() throws InvalidRequest {
        assertEquals("http", CaServer.parse("http://127.0.0.1:4000/dir").directory().getScheme());
        assertEquals("http", CaServer.parse("http://[::1]:4000/dir").directory().getScheme());
        var refusal = assertThrows(InvalidRequest.class, () -> CaServer.parse("http://ca.example.com/dir"));
        assertTrue(refusal.getMessage().contains("plain http"), refusal.getMessage());
    }

    @Test
    void refusesWhatIsNeitherAliasNorUrl() {
        var refusal = assertThrows(InvalidRequest.class, () -> CaServer.parse("letsencrypt-prod"));
        assertTrue(refusal.getMessage().contains("'letsencrypt-prod'"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("letsencrypt-staging"), refusal.getMessage());
        assertThrows(InvalidRequest.class, () -> CaServer.parse("ftp://ca.example.com/dir"));
    }

    @Test
    void storageNameKeepsHostPortAndPath() throws InvalidRequest {
        assertEquals("acme-v02.api.letsencrypt.org/directory", CaServer.parse("letsencrypt").storageName());
        assertEquals("127.0.0.1_14000/dir", CaServer.parse("https://127.0.0.1:14000/dir").storageName());
        assertEquals("ca.example.com/acme/prov_1/directory",
                CaServer.parse("https://ca.example.com/acme/prov%201/directory").storageName());
        assertEquals("ca.example.com/directory", CaServer.parse("https://ca.example.com/../directory").storageName());
    }

    @Test
    void aPortOutOfRangeIsBadInputNamingIt() {
        var refusal = assertThrows(InvalidRequest.class, () -> CaServer.parse("https://127.0.0.1:99999/dir"));
        org.junit.jupiter.api.Assertions.assertTrue(refusal.getMessage().contains("port 99999"), refusal.getMessage());
    }
}
