package dev.exacme.lifecycle.importing.winacme;

import static dev.exacme.lifecycle.importing.winacme.WinAcmeFixtures.DEFAULTS;
import static dev.exacme.lifecycle.importing.winacme.WinAcmeFixtures.assertUnmapped;
import static dev.exacme.lifecycle.importing.winacme.WinAcmeFixtures.find;
import static dev.exacme.lifecycle.importing.winacme.WinAcmeFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.lifecycle.importing.CurrentCertificate;
import dev.exacme.lifecycle.importing.ImportedCertificate;
import dev.exacme.lifecycle.importing.RequiredSecret;
import dev.exacme.lifecycle.spec.AccountSpec;
import dev.exacme.lifecycle.spec.CaSpec;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.spec.DnsProviderSpec;
import dev.exacme.lifecycle.spec.KeySpec;
import dev.exacme.lifecycle.spec.SecretSource;
import dev.exacme.lifecycle.spec.SpecJson;
import dev.exacme.lifecycle.spec.StoreSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * simple-acme's format on Linux ({@code simple-acme}): {@code $schema}, {@code EndPoint}, a
 * server-level settings.json, per-renewal {@code Settings}, single objects where win-acme has
 * lists, file validation without the root path; and the renewal that renews against Pebble.
 */
class WinAcmeSimpleAcmeTest {

    private static List<ImportedCertificate> all;

    @BeforeAll
    static void readAll() throws Exception {
        all = WinAcmeFixtures.read(resource("simple-acme"));
    }

    /**
     * {@code localhost14000dir/pebble-web.renewal.json}: a definition that renews on Linux against a
     * Pebble at https://localhost:14000/dir (exacme's own listener on Pebble's validation port
     * 5002, PEM files), for the end-to-end renewal.
     */
    @Test
    void thePebbleRenewalIsADefinitionThatRenewsOnLinux() throws Exception {
        var certificate = find(all, "pebble-web.renewal.json");

        var expected = new CertificateSpec(2, "web.pebble.test", List.of("web.pebble.test", "www.pebble.test"),
                new CaSpec("https://localhost:14000/dir", List.of(), new AccountSpec(List.of("pki@contoso.example"), true,
                        null, null), null, null),
                new ChallengeSpec.Http01Listener(5002, List.of(), true), new KeySpec("rsa2048", false),
                new StoreSpec.Pem("/srv/certificates/web.pebble.test", null), List.of(), Duration.ofMinutes(5), null,
                DEFAULTS.created());
        assertEquals(Optional.of(expected), certificate.spec());
        assertEquals(List.of(), certificate.secrets());
        assertEquals(Optional.of(new CurrentCertificate("7D2C4E6A8B0F1D3E5C7A9B1D3F5E7C9A1B3D5F70", Optional.empty(),
                Optional.of(Instant.parse("2027-01-18T08:00:11Z")), Optional.empty())), certificate.current());
        // Pebble's TLS certificate is not trusted by default: exacme never turns the check off.
        assertUnmapped(certificate, "Acme.ValidateServerCertificate false", "--trust FILE");
        assertUnmapped(certificate, "PEM files", "web.pebble.test-crt.pem", "/srv/certificates/web.pebble.test");
        var json = SpecJson.MAPPER.writeValueAsString(certificate.spec().orElseThrow());
        assertEquals(expected, SpecJson.MAPPER.readValue(json, CertificateSpec.class).validated());
    }

    @Test
    void aSimpleAcmeRenewalWithSingleObjectsAndItsOwnSettings() {
        var certificate = find(all, "api-pfx.renewal.json");

        var expected = new CertificateSpec(2, "api.contoso.example", List.of("api.contoso.example"),
                new CaSpec("https://acme-v02.api.letsencrypt.org/directory", List.of(),
                        new AccountSpec(List.of("ops@contoso.example"), false, null, null), null, null),
                // IsRootPath false with Path ending in .well-known/acme-challenge: the web root above it.
                new ChallengeSpec.Webroot("/var/www/html", true),
                // Settings.Csr.Ec.CurveName prime256v1 of the renewal.
                new KeySpec("ec256", false),
                // vault://environment/ stays the environment; no DefaultProtectionMode: win-acme's legacy 3DES.
                new StoreSpec.Pfx("/etc/ssl/private/api.pfx", new SecretSource("env:API_PFX_PASSWORD"), true, null),
                List.of(new DeploymentSpec.Script("/usr/local/bin/reload-haproxy.sh",
                        List.of("'{store-path}'", "{common-name}", "{common-name}", "{name}"), Duration.ofHours(1))),
                Duration.ofMinutes(5), null, DEFAULTS.created());
        assertEquals(Optional.of(expected), certificate.spec());
        assertEquals(List.of(), certificate.secrets());
        assertUnmapped(certificate, "single quotes are no quotes on a command line");
        assertUnmapped(certificate, "{StorePath}", "win-acme gave /etc/ssl/private", "/etc/ssl/private/api.pfx");
        assertUnmapped(certificate, "script argument text {name}", "exacme replaces it");
        assertUnmapped(certificate, "Script.Timeout 7200 s", "at most 1h");
    }

    @Test
    void anRsaSizeExacmeHasNoKeyTypeForIsRefused() {
        var certificate = find(all, "big-rsa.renewal.json");

        assertEquals(Optional.of("the key is RSA 8192 bits (settings.json Csr.Rsa.KeyBits); exacme makes RSA keys of"
                + " 2048, 3072 or 4096 bits."), certificate.refusal());
    }

    @Test
    void twoStoresBecomeTheFirstAndTheOtherIsReported() {
        var certificate = find(all, "pem-and-store.renewal.json");
        var spec = certificate.spec().orElseThrow();

        assertEquals(new StoreSpec.Pem("/etc/ssl/git/git", null), spec.store());
        assertEquals(new KeySpec("rsa3072", true), spec.key());
        assertEquals(new ChallengeSpec.Dns01(new DnsProviderSpec.Manual(), null, List.of(), Duration.ofMinutes(5)),
                spec.challenge());
        // The PFX store is not used, so its password is not asked for.
        assertEquals(List.<RequiredSecret>of(), certificate.secrets());
        assertUnmapped(certificate, "store: win-acme also wrote it to the PFX file /etc/ssl/pfx/git.contoso.example.pfx",
                "PEM files in /etc/ssl/git");
        assertUnmapped(certificate, "PemPassword", "git-key.pem", "unencrypted");
        assertUnmapped(certificate, "OcspMustStaple");
        assertUnmapped(certificate, "ReusePrivateKey", "pem-and-store.keys", "first renewal has a new key");
    }

    @Test
    void theServerSettingsApplyToTheirDirectoryOnly() {
        assertEquals("rsa2048", find(all, "pebble-web.renewal.json").spec().orElseThrow().key().type());
        assertEquals("rsa3072", find(all, "pem-and-store.renewal.json").spec().orElseThrow().key().type());
        assertTrue(find(all, "pem-and-store.renewal.json").unmapped().stream()
                .noneMatch(line -> line.contains("ValidateServerCertificate")));
    }
}
