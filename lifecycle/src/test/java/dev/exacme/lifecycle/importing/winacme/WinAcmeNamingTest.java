package dev.exacme.lifecycle.importing.winacme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.lifecycle.secrets.SecretName;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The names the win-acme import makes: secret names, and the server directory names win-acme
 * derives from a BaseUri (managed names are {@code ManagedNamesTest}'s, shared with Certify).
 */
class WinAcmeNamingTest {

    @Test
    void secretNamesAreValidAndSharedPerValue() {
        var names = new SecretNames();

        var first = names.name("renewal:Mail-server:cloudflare-token", "Mail-server-cloudflare-token");
        assertEquals("mail-server-cloudflare-token", first);
        assertEquals("azure-dns", names.name("vault:json:Azure DNS", "Azure DNS".replace(' ', '-')));
        assertEquals("azure-dns", names.name("vault:json:Azure DNS", "something else"));
        assertEquals("azure-dns-2", names.name("vault:json:azure-dns", "azure-dns"));
        var lengthy = names.name("renewal:x:pfx-password", "x".repeat(80) + "-pfx-password");
        assertTrue(SecretName.isValid(lengthy), lengthy);
        assertTrue(lengthy.endsWith("-pfx-password"), lengthy);
        assertTrue(SecretName.isValid(names.name("vault:json:???", "???")));
    }

    @Test
    void serverDirectoriesAreNamedAsCleanUriNamesThem() {
        assertEquals(Optional.of("acme-v02.api.letsencrypt.org"),
                ServerDirectory.cleanUri("https://acme-v02.api.letsencrypt.org/", true));
        assertEquals(Optional.of("acme-v02.api.letsencrypt.org"),
                ServerDirectory.cleanUri("https://ACME-v02.api.letsencrypt.org", true));
        assertEquals(Optional.of("acme-v02.api.letsencrypt.orgdirectory"),
                ServerDirectory.cleanUri("https://acme-v02.api.letsencrypt.org:443/directory", true));
        assertEquals(Optional.of("localhost14000dir"), ServerDirectory.cleanUri("https://localhost:14000/dir", true));
        // simple-acme on Linux removes only the slash.
        assertEquals(Optional.of("localhost:14000dir"), ServerDirectory.cleanUri("https://localhost:14000/dir", false));
        assertEquals(Optional.of("acme.zerossl.comv2DV90"), ServerDirectory.cleanUri("https://acme.zerossl.com/v2/DV90",
                true));
        assertEquals(Optional.of("ca.example"), ServerDirectory.cleanUri("https://user:pw@ca.example/", true));
        assertEquals(Optional.empty(), ServerDirectory.cleanUri("not a url", true));
    }

    @Test
    void theDirectoryUrlIsWhatWinAcmeAsksForFirst() {
        assertEquals(URI.create("https://acme-v02.api.letsencrypt.org/directory"),
                ServerDirectory.directoryUrl(URI.create("https://acme-v02.api.letsencrypt.org/")));
        assertEquals(URI.create("https://acme.example/acme/directory"),
                ServerDirectory.directoryUrl(URI.create("https://acme.example/acme/")));
        assertEquals(URI.create("https://acme.zerossl.com/v2/DV90"),
                ServerDirectory.directoryUrl(URI.create("https://acme.zerossl.com/v2/DV90")));
        assertEquals(URI.create("https://localhost:14000/dir"),
                ServerDirectory.directoryUrl(URI.create("https://localhost:14000/dir")));
    }

    @Test
    void datesAreReadWithOrWithoutAnOffset() {
        assertEquals(Optional.of(java.time.Instant.parse("2026-11-13T08:37:50Z")),
                CurrentCertificates.instant("2026-11-13T09:37:50+01:00"));
        assertEquals(Optional.of(java.time.Instant.parse("2026-08-15T09:38:21.1840512Z")),
                CurrentCertificates.instant("2026-08-15T09:38:21.1840512Z"));
        assertEquals(Optional.of(java.time.Instant.parse("2026-11-28T08:04:11Z")),
                CurrentCertificates.instant("2026-11-28T08:04:11"));
        assertEquals(Optional.empty(), CurrentCertificates.instant("yesterday"));
    }
}
