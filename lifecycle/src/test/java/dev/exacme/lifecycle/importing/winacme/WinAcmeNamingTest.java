package dev.exacme.lifecycle.importing.winacme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.lifecycle.secrets.SecretName;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The names an import makes: managed names from friendly names, secret names, and the server
 * directory names win-acme derives from a BaseUri.
 */
class WinAcmeNamingTest {

    @Test
    void friendlyNamesBecomeManagedNames() {
        assertEquals(Optional.of("Mail-server"), ManagedNames.cleaned("  Mail server  "));
        assertEquals(Optional.of("Mail-server"), ManagedNames.cleaned("Mail - server"));
        assertEquals(Optional.of("xn--bcher-kva.example"), ManagedNames.cleaned("xn--bcher-kva.example"));
        assertEquals(Optional.of("Bucher-Shop-Koln"), ManagedNames.cleaned("Bücher \"Shop\" <Köln>"));
        assertEquals(Optional.of("Manual-mail.contoso.example"), ManagedNames.cleaned("[Manual] mail.contoso.example"));
        assertEquals(Optional.of("wildcard.contoso.example"), ManagedNames.cleaned("*.contoso.example"));
        assertEquals(Optional.of("C-inetpub-wwwroot"), ManagedNames.cleaned("C:\\inetpub\\wwwroot\\"));
        assertEquals(Optional.empty(), ManagedNames.cleaned("邮件服务器"));
        assertEquals(Optional.empty(), ManagedNames.cleaned("---"));
        assertEquals(Optional.empty(), ManagedNames.cleaned(null));
    }

    @Test
    void managedNamesStayWithinTheRules() {
        // Windows device names cannot be files; NAME.v1 is kept for migrated definitions.
        assertEquals(Optional.of("CON-cert"), ManagedNames.cleaned("CON"));
        assertEquals(Optional.of("nul-cert.txt"), ManagedNames.cleaned("nul.txt"));
        assertEquals(Optional.of("mail-v1"), ManagedNames.cleaned("mail.v1"));
        var longest = ManagedNames.cleaned("x".repeat(100)).orElseThrow();
        assertEquals(64, longest.length());
    }

    @Test
    void namesAreUniqueWithoutRegardToCaseAndGivenBack() {
        var names = new ManagedNames();

        assertEquals("mail", names.reserve("mail"));
        assertEquals("MAIL-2", names.reserve("MAIL"));
        assertEquals("mail-3", names.reserve(null, "mail", "id"));
        // Nothing usable: the next candidate, then the id.
        assertEquals("xn--bcher-kva.example", names.reserve("邮件", "xn--bcher-kva.example"));
        assertEquals("NJ9mrLwBdk6d121A48zNvQ", names.reserve("邮件", null, "NJ9mrLwBdk6d121A48zNvQ"));
        names.release("MAIL-2");
        assertEquals("Mail-2", names.reserve("Mail"));
        var full = names.reserve("y".repeat(64));
        assertEquals(64, full.length());
        assertEquals("y".repeat(62) + "-2", names.reserve("y".repeat(64)));
    }

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
