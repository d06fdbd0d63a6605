package dev.exacme.lifecycle.importing.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.dns.cloudflare.CloudflareSettings;
import dev.exacme.acme.dns.route53.Route53Settings;
import dev.exacme.lifecycle.importing.CurrentCertificate;
import dev.exacme.lifecycle.importing.ImportDefaults;
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
import dev.exacme.store.TestBundles;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fixture document of {@code src/test/resources/certify/items} imported from one database
 * built with the driver, as Certify would have it on an Exchange host: each mapping and each
 * refusal asserted field by field.
 */
class CertifyMappingTest {

    static final ImportDefaults DEFAULTS = new ImportDefaults(List.of("hostmaster@contoso.com"), Duration.ofMinutes(5),
            Duration.ofMinutes(4), Duration.ofDays(7), Duration.ofMinutes(3), Instant.parse("2026-03-10T12:00:00Z"));

    static final String CLOUDFLARE = "8f1c2a3b-4d5e-4f60-8a71-92b3c4d5e6f7";
    static final String ROUTE53 = "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d";

    static final List<String> ITEMS = List.of("exchange-mail", "wildcard-cloudflare", "route53-auto",
            "split-challenges", "matched-challenges", "wildcard-http", "disabled", "idn", "mail-twin", "azure",
            "acme-dns-export", "manual", "legacy-scripts", "unknown-provider", "dns-script");

    @TempDir
    static Path directory;

    static Path pfx;
    static String thumbprint;
    static Map<String, ImportedCertificate> imported;

    @BeforeAll
    static void importTheFixtures() throws Exception {
        // Certify's PFX of the current certificate, without a password as Certify writes it by default.
        var bundle = TestBundles.rsa("mail.contoso.com", "autodiscover.contoso.com");
        pfx = directory.resolve("assets").resolve("mail.contoso.com").resolve("20260302_9b1f0c2d.pfx");
        Files.createDirectories(pfx.getParent());
        var store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("mail", bundle.key(), new char[0], bundle.chain().toArray(Certificate[]::new));
        try (OutputStream out = Files.newOutputStream(pfx)) {
            store.store(out, new char[0]);
        }
        thumbprint = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(bundle.chain().get(0).getEncoded()));

        var fixture = CertifyFixture.in(directory).value("dir", directory.toString()).value("pfx", pfx.toString())
                .value("thumbprint", thumbprint.toLowerCase(java.util.Locale.ROOT))
                .file("ca.json", "ca.json").file("appsettings.json", "appsettings.json")
                .file("serviceconfig.json", "serviceconfig.json").credential("credentials/cloudflare.json")
                .credential("credentials/route53.json").credential("credentials/azure.json");
        ITEMS.forEach(item -> fixture.item("items/" + item + ".json"));
        var database = fixture.build();
        var iis = Path.of(CertifyMappingTest.class.getResource("/certify/iis/applicationHost.config").toURI());
        imported = new LinkedHashMap<>();
        for (var certificate : new CertifyDatabase(database, Optional.of(iis)).read(DEFAULTS)) {
            imported.put(certificate.description(), certificate);
        }
    }

    static CertificateSpec spec(String description) {
        var certificate = imported.get(description);
        assertTrue(certificate.refusal().isEmpty(), () -> description + " refused: " + certificate.refusal());
        return certificate.spec().orElseThrow();
    }

    static CaSpec letsEncrypt() {
        return new CaSpec("https://acme-v02.api.letsencrypt.org/directory", List.of(),
                new AccountSpec(List.of("hostmaster@contoso.com"), true, null, null), null, null);
    }

    @Test
    void everyItemIsThereInCertifysOrderByName() {
        assertEquals(List.of("Bücher 'Shop'", "Contoso \"Wildcard\" – Zürich", "Fabrikam", "GoDaddy", "Intranet", "Lab",
                "Legacy", "mail.contoso.com", "MAIL.contoso.com", "Northwind wildcard", "Old site", "Printer", "Two ways",
                "Uploaded by hand", "VPN"), List.copyOf(imported.keySet()));
    }

    @Test
    void theExchangeServersCertificateKeepsItsSiteItsServicesItsKeyAccessAndItsScript() {
        var certificate = imported.get("mail.contoso.com");
        var spec = spec("mail.contoso.com");

        assertEquals(CertificateSpec.SCHEMA_VERSION, spec.schemaVersion());
        assertEquals("mail.contoso.com", spec.name());
        assertEquals(List.of("mail.contoso.com", "autodiscover.contoso.com"), spec.identifiers());
        assertEquals(letsEncrypt(), spec.ca());
        assertEquals(new ChallengeSpec.Http01Listener(80, List.of(), true), spec.challenge());
        assertEquals(new KeySpec("rsa2048", false), spec.key());
        assertEquals(new StoreSpec.WindowsMachine(false, false, List.of(), List.of("CONTOSO\\Exchange Admins")),
                spec.store());
        assertEquals(List.of(
                new DeploymentSpec.Iis(List.of("Default Web Site"), true, 443, Duration.ofMinutes(4), Duration.ofDays(7)),
                new DeploymentSpec.Exchange(List.of(), false, null, List.of("IIS", "SMTP", "IMAP", "POP"), true, false,
                        null, false, Duration.ofMinutes(4), Duration.ofDays(7)),
                new DeploymentSpec.Script("C:\\Scripts\\Update-Relay.ps1",
                        List.of("-relay", "smtp01.contoso.com", "-note", "a;b=c", "-verbose"), Duration.ofHours(1))),
                spec.deployments());
        assertEquals(Duration.ofMinutes(5), spec.timeout());
        assertEquals(null, spec.friendlyName());
        assertEquals(Instant.parse("2026-03-10T12:00:00Z"), spec.created());

        assertEquals(Optional.of(new CurrentCertificate(thumbprint, Optional.of(Instant.parse("2026-03-02T09:14:11Z")),
                Optional.of(Instant.parse("2026-05-31T09:14:10Z")), Optional.of(pfx))), certificate.current());
        assertEquals(List.of(), certificate.secrets());
        assertEquals(List.of("mail.contoso.com", "autodiscover.contoso.com"), certificate.identifiers());
        assertTrue(certificate.origin().endsWith("manageditems.db, item 5b8f0c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b"),
                certificate.origin());
        assertEquals(List.of(
                "http-01: Certify answers through its own http.sys listener on port 80 and also writes the answer into"
                        + " the IIS site's folder (PerformChallengeFileCopy); exacme answers through its listener only"
                        + " (on Windows through http.sys beside IIS). To write into the site's folder instead: exacme"
                        + " edit mail.contoso.com --webroot iis:SITE.",
                "task 'Update SMTP relay': Certify also runs it after a failed renewal; exacme deploys after a"
                        + " successful one only.",
                "Certify imports the key exportable; exacme does not, unless exacme edit mail.contoso.com --exportable.",
                "IIS: exacme moves every https binding of the site on port 443 to the new certificate and adds an SNI"
                        + " binding per name where none exists; Certify chose bindings by host name.",
                "task 'Deploy to Exchange': Certify's Enable-ExchangeCertificate -Force makes each new certificate the"
                        + " default SMTP certificate; so does the import (replaceDefaultSmtp), although exacme's own"
                        + " default keeps the previous one, as Microsoft advises for hybrid.",
                "task 'Deploy to Exchange': IMAP and POP present a new certificate after their services restart;"
                        + " neither Certify nor this import restarts them (exacme edit mail.contoso.com"
                        + " --restart-services does).",
                "task 'Deploy to Exchange': 'Do Not Require Ssl' is not taken over; Certify's Exchange.ps1 never"
                        + " applied it either (it tests $addDoNotUseSslFlag, which is never set).",
                "task 'Update SMTP relay': argument 'verbose' without a value, which Certify passes as an empty text,"
                        + " is passed as the switch -verbose.",
                "task 'Update SMTP relay': C:\\Scripts\\Update-Relay.ps1 must be adapted before the first renewal."
                        + " Certify passes it a $result object ($result.ManagedItem.CertificateThumbprintHash,"
                        + " .CertificatePath, .IsSuccess...); exacme runs it with -File -relay smtp01.contoso.com"
                        + " -note a;b=c -verbose, with the certificate in EXACME_THUMBPRINT, EXACME_PREVIOUS_THUMBPRINT,"
                        + " EXACME_NAMES, EXACME_STORE_PATH and the other EXACME_* variables; placeholders such as"
                        + " {thumbprint}, {previous-thumbprint}, {names} and {store-path} can be added to its arguments"
                        + " with exacme edit.",
                "task 'Update SMTP relay': Certify's timeout of 90 min is cut to exacme's longest, 60 min."),
                certificate.unmapped());
    }

    @Test
    void theCloudflareWildcardNamesItsCredentialAsASecretAndSaysWhatItLeavesOut() {
        var certificate = imported.get("Contoso \"Wildcard\" – Zürich");
        var spec = spec("Contoso \"Wildcard\" – Zürich");

        assertEquals("Contoso-Wildcard-Zurich", spec.name());
        assertEquals(List.of("*.contoso.com", "contoso.com"), spec.identifiers());
        assertEquals(new CaSpec("https://acme-v02.api.letsencrypt.org/directory", List.of(),
                new AccountSpec(List.of("hostmaster@contoso.com"), true, null, null), null, "ISRG Root X2"), spec.ca());
        assertEquals(new ChallengeSpec.Dns01(new DnsProviderSpec.Cloudflare(new SecretSource("secret:certify-"
                + CLOUDFLARE), CloudflareSettings.API), null, List.of(), Duration.ofMinutes(7)), spec.challenge());
        assertEquals(new KeySpec("ec256", false), spec.key());
        assertEquals(new StoreSpec.WindowsMachine(false, false, List.of(), List.of()), spec.store());
        assertEquals(List.of(), spec.deployments(), "DeploymentStoreOnly binds nothing");
        assertEquals("Contoso wildcard", spec.friendlyName(), "from the CertificateStore task");
        assertEquals(Optional.empty(), certificate.current(), "its thumbprint is not one");
        assertEquals(List.of(new RequiredSecret("certify-" + CLOUDFLARE, "Cloudflare API token (permissions Zone:Read"
                + " and DNS:Edit; if the credential is an e-mail address and Global API Key, create a token instead:"
                + " exacme uses tokens only), from Certify's stored credential 'Cloudflare contoso.com' (" + CLOUDFLARE
                + "), which is DPAPI-protected for Certify's service account and not read")), certificate.secrets());
        assertEquals(List.of(
                "dns-01: Certify waits a fixed 420 s after writing the record (propagationdelay); exacme asks every"
                        + " authoritative server until each serves the record, for at most 7 min.",
                "dns-01: Certify's delegation rule '*.contoso.com:acme.contoso-dns.net' is not taken over: exacme"
                        + " follows the _acme-challenge CNAME of each name itself, so the delegated zone works once that"
                        + " CNAME exists.",
                "dns-01: Cloudflare zone id 023e105f4ecef8ad9ca31a8372d0c353 is not taken over: exacme finds the zone"
                        + " by name (from the SOA, or exacme edit Contoso-Wildcard-Zurich --dns-zone ZONE).",
                "Certify imports the key exportable; exacme does not, unless exacme edit Contoso-Wildcard-Zurich"
                        + " --exportable.",
                "task 'Copy for the appliance' exports pfxfull to C:\\Certs\\wildcard.pfx: exacme installs into one"
                        + " store (LocalMachine\\My); another copy needs a script deployment or a second definition.",
                "ReusePrivateKey: exacme reuses keys with the PEM store only; each renewal gets a fresh key.",
                "renewal at 30.0 DaysBeforeExpiry: exacme renews in the CA's renewal window (ARI), else from two thirds"
                        + " of the lifetime.",
                "a lifetime of 45.0 days (PreferredExpiryDays): exacme takes the CA's lifetime, or a profile (exacme"
                        + " edit NAME --profile).",
                "Certify's thumbprint 'not-a-thumbprint' is not a SHA-1 thumbprint: the first renewal orders a new"
                        + " certificate."), certificate.unmapped());
    }

    @Test
    void theAutoDeployedRoute53CertificateBindsTheSitesThatMatchAndLeavesOutWhatCannotRun() {
        var certificate = imported.get("Intranet");
        var spec = spec("Intranet");

        assertEquals("https://acme-staging-v02.api.letsencrypt.org/directory", spec.ca().directory(), "staging mode");
        assertEquals(new ChallengeSpec.Dns01(new DnsProviderSpec.Route53(null, new SecretSource("secret:certify-"
                + ROUTE53), false, Route53Settings.ENDPOINT), null, List.of(), Duration.ofMinutes(5)), spec.challenge());
        assertEquals(new KeySpec("rsa3072", false), spec.key());
        assertEquals(List.of(
                new DeploymentSpec.Iis(List.of("Fabrikam Intranet", "Fabrikam Portal"), false, 8443,
                        Duration.ofMinutes(4), Duration.ofDays(7)),
                new DeploymentSpec.Script("C:\\Tools\\reload.cmd",
                        List.of("--config", "C:\\Program Files\\Proxy\\proxy.conf", "-q"), Duration.ofMinutes(3))),
                spec.deployments(), "UpdateOnly: no SNI bindings created; the manual port; the import's script timeout");
        assertEquals(List.of(new RequiredSecret("certify-" + ROUTE53, "AWS secret access key, from Certify's stored"
                + " credential 'AWS \"dns-updater\" user' (" + ROUTE53 + "), which is DPAPI-protected for Certify's"
                + " service account and not read")), certificate.secrets());
        assertEquals(List.of(
                "dns-01: Certify waits a fixed 60 s after writing the record (propagationdelay); exacme asks every"
                        + " authoritative server until each serves the record, for at most 5 min.",
                "dns-01: the AWS access key id is inside Certify's protected credential too: give it with exacme edit"
                        + " Intranet --route53-access-key-id ID (until then exacme takes AWS_ACCESS_KEY_ID of the run,"
                        + " which a scheduled run does not have).",
                "dns-01: Route 53 hosted zone id Z3M3LMPEXAMPLE is not taken over: exacme finds the hosted zone by name.",
                "task 'Tell Teams' is disabled in Certify: not imported.",
                "task 'Alert on failure' runs when something failed; exacme says failures through its notifications:"
                        + " not imported.",
                "task 'Restart proxy by hand' runs only by hand in Certify; exacme has no manual tasks: not imported.",
                "task 'Open firewall' runs before each request in Certify; exacme runs nothing before ordering: not"
                        + " imported.",
                "Certify imports the key exportable; exacme does not, unless exacme edit Intranet --exportable.",
                "Certify chooses the IIS sites by their bindings at each renewal (Auto); exacme binds the sites that"
                        + " match now: Fabrikam Intranet, Fabrikam Portal.",
                "binding address 10.0.0.5: exacme keeps each binding's address as it is and creates new ones on every"
                        + " address.",
                "IIS: exacme moves every https binding of each site on port 8443 to the new certificate; Certify chose"
                        + " bindings by host name, blank host name, previous certificate.",
                "AlwaysRecreateBindings: exacme updates bindings in place and never recreates them.",
                "task 'Reload proxy': Certify runs C:\\Tools\\reload.cmd with its arguments only; exacme runs it with"
                        + " --config \"C:\\Program Files\\Proxy\\proxy.conf\" -q, with the certificate in EXACME_THUMBPRINT,"
                        + " EXACME_PREVIOUS_THUMBPRINT, EXACME_NAMES, EXACME_STORE_PATH and the other EXACME_* variables;"
                        + " placeholders such as {thumbprint}, {previous-thumbprint}, {names} and {store-path} can be"
                        + " added to its arguments with exacme edit: check that the program accepts them.",
                "task 'RD Gateway': exacme has no RD Gateway target: a script deployment can set it with the thumbprint"
                        + " ({thumbprint}); not imported.",
                "task 'Vendor plugin': unknown task type 'Vendor.Plugin.DoSomething'; not imported.",
                "task 'Copy to Linux box' runs /opt/reload.sh on linux01 over SSH; exacme runs programs on this"
                        + " computer only: not imported.",
                "OCSP Must-Staple: exacme does not ask for it (Let's Encrypt has ended OCSP)."), certificate.unmapped());
    }

    @Test
    void namesProvedInDifferentWaysAreRefusedAndNamesRoutedToOneWayAreNot() {
        assertEquals(Optional.of("Certify proves its names in different ways (www.contoso.com through http-01;"
                + " shop.fabrikam.com through dns-01 DNS01.API.Cloudflare (credential " + CLOUDFLARE + ")), and exacme"
                + " proves all names of a certificate one way: import it as one certificate per way, e.g. with 'exacme"
                + " add'."), imported.get("Two ways").refusal());
        assertTrue(imported.get("Two ways").spec().isEmpty());
        assertEquals(List.of("www.contoso.com", "shop.fabrikam.com"), imported.get("Two ways").identifiers());

        var fabrikam = spec("Fabrikam");
        assertEquals(new ChallengeSpec.Dns01(new DnsProviderSpec.AcmeDns("https://acme-dns.fabrikam.net",
                new SecretSource("secret:certify-acme-dns-fabrikam")), null, List.of(), Duration.ofMinutes(5)),
                fabrikam.challenge(), "the DomainMatch list sends all three names to acme-dns");
        assertEquals(List.of(new RequiredSecret("certify-acme-dns-fabrikam", "acme-dns registrations of fabrikam.com,"
                + " *.fabrikam.com, *.shop.fabrikam.com as one JSON object {\"NAME\": {\"username\", \"password\","
                + " \"subdomain\", \"fulldomain\"}} (lego's and certbot's format); Certify keeps them in"
                + " %ProgramData%\\certify\\acmedns\\*.json, one file per name")), imported.get("Fabrikam").secrets());
        assertTrue(imported.get("Fabrikam").unmapped().contains("dns-01: acme-dns allowfrom 203.0.113.0/24 belongs to"
                + " the existing registrations, which exacme reuses as they are."));
    }

    @Test
    void refusalsSayWhy() {
        assertEquals(Optional.of("*.northwind.example with http-01: a CA validates wildcard names through DNS only"
                + " (Certify's order fails too); give it a DNS provider ('exacme add ... --dns PROVIDER')."),
                imported.get("Northwind wildcard").refusal());
        assertEquals(Optional.of("auto-renewal is off for it in Certify (IncludeInAutoRenew false), and exacme has no"
                + " paused definitions: if it should be renewed, add it with 'exacme add'."),
                imported.get("Old site").refusal());
        assertEquals(Optional.of("Certify does not order it from an ACME CA (SSL_Manual: a certificate added by hand),"
                + " so there is nothing to renew."), imported.get("Uploaded by hand").refusal());
        assertEquals(Optional.of("Azure DNS: the tenant, client id, subscription and resource group are inside"
                + " Certify's DPAPI-protected credential 'Azure DNS contoso' (c0ffee00-1111-4222-8333-444455556666),"
                + " which exacme does not read; add it with 'exacme add VPN -d ... --dns azure --azure-subscription ID"
                + " --azure-resource-group NAME --azure-tenant ID --azure-client-id ID --azure-client-secret-file"
                + " secret:NAME' --dns-zone contoso.com."), imported.get("VPN").refusal());
        assertEquals(Optional.of("exacme has no DNS provider for Certify's 'DNS01.API.GoDaddy' ('exacme dns providers'"
                + " lists those it has: rfc2136, cloudflare, azure, route53, acme-dns, script, manual); a CNAME of"
                + " _acme-challenge to an acme-dns server works with any DNS host."), imported.get("GoDaddy").refusal());
        for (var refused : List.of("Northwind wildcard", "Old site", "Uploaded by hand", "VPN", "GoDaddy", "Two ways")) {
            assertTrue(imported.get(refused).spec().isEmpty(), refused);
            assertTrue(imported.get(refused).current().isEmpty(), refused);
            assertEquals(List.of(), imported.get(refused).secrets(), refused);
        }
    }

    @Test
    void internationalNamesBecomeALabelsOnceAndTheNameLosesItsQuotes() {
        var spec = spec("Bücher 'Shop'");

        assertEquals("Bucher-Shop", spec.name());
        assertEquals(List.of("xn--bcher-kva.example", "www.xn--bcher-kva.example"), spec.identifiers(),
                "bücher.example and XN--BCHER-KVA.example are one name; the blank and null entries are no names");
        assertEquals(List.of("bücher.example", "XN--BCHER-KVA.example", "www.bücher.example"),
                imported.get("Bücher 'Shop'").identifiers(), "as Certify has them");
    }

    @Test
    void twoItemsOfOneNameGetTwoDefinitionNames() {
        assertEquals("mail.contoso.com", spec("mail.contoso.com").name());
        assertEquals("MAIL.contoso.com-2", spec("MAIL.contoso.com").name(), "names differ without regard to case");
    }

    @Test
    void aNoDeploymentItemWithAPfxExportGoesToThatPfxFileOfItsCustomCa() {
        var certificate = imported.get("Printer");
        var spec = spec("Printer");

        assertEquals(new CaSpec("https://ca.corp.contoso.com/acme/acme/directory", List.of(),
                new AccountSpec(List.of("hostmaster@contoso.com"), true, null, null), null, null), spec.ca());
        assertEquals(new ChallengeSpec.Dns01(new DnsProviderSpec.AcmeDns(ChallengeMapping.ACME_DNS_DEFAULT,
                new SecretSource("secret:certify-acme-dns-printer")), null, List.of(), Duration.ofMinutes(5)),
                spec.challenge());
        assertEquals(new KeySpec("ec384", false), spec.key());
        assertEquals(new StoreSpec.Pfx(directory.resolve("printer/printer.pfx").toString(),
                new SecretSource("secret:certify-11112222-3333-4444-5555-666677778888"), true, null), spec.store());
        assertEquals(List.of(), spec.deployments(), "the Exchange task cannot run without the machine store");
        assertEquals(List.of(
                new RequiredSecret("certify-acme-dns-printer", "acme-dns registrations of printer.corp.contoso.com as"
                        + " one JSON object {\"NAME\": {\"username\", \"password\", \"subdomain\", \"fulldomain\"}}"
                        + " (lego's and certbot's format); Certify keeps them in this item's credentials_json setting"),
                new RequiredSecret("certify-11112222-3333-4444-5555-666677778888", "PFX password, from Certify's stored"
                        + " credential (11112222-3333-4444-5555-666677778888), which is DPAPI-protected for Certify's"
                        + " service account and not read")), certificate.secrets());
        assertEquals(List.of(
                "Contoso internal CA (step-ca) requires External Account Binding: Certify's account there (key id and"
                        + " HMAC key) is not in this database; unless exacme already has an account at"
                        + " https://ca.corp.contoso.com/acme/acme/directory, give them with exacme edit Printer"
                        + " --eab-kid KID --eab-hmac-key-file secret:NAME before the first renewal.",
                "Certify accepts any TLS certificate from Contoso internal CA (step-ca) (AllowUntrustedTls); exacme"
                        + " always checks it: give the CA's root with exacme edit Printer --trust FILE.",
                "Certify installs roots or intermediates of its own for Contoso internal CA (step-ca) (ca.json"
                        + " TrustedRoots/Intermediates); exacme does not.",
                "the PFX is written to " + directory.resolve("printer/printer.pfx") + " as Certify's export did, with"
                        + " 3DES/SHA-1, as Certify (UseModernPFXAlgs off).",
                "task 'Exchange by mistake' (Exchange) needs the certificate in the machine store, where Certify does"
                        + " not put it (NoDeployment): not imported.",
                "key ECDSA P-521: exacme makes P-256 or P-384 keys (as most CAs accept); P-384 is used."),
                certificate.unmapped());
    }

    @Test
    void theAcmeDnsPasswordInTheDocumentAppearsNowhere() throws Exception {
        for (var certificate : imported.values()) {
            var everything = certificate + SpecJson.MAPPER.writeValueAsString(certificate.spec().orElse(null));
            assertFalse(everything.contains("SECRET-ACME-DNS-PASSWORD"), certificate.description());
            assertFalse(everything.contains("not-a-real-blob"), "cred.db's protected value is never read");
        }
    }

    @Test
    void legacySettingsAreReadAsCertifyMigratesThem() {
        var certificate = imported.get("Legacy");
        var spec = spec("Legacy");

        assertEquals(new ChallengeSpec.Http01Listener(80, List.of(), true), spec.challenge(), "the legacy ChallengeType");
        assertEquals(List.of(new DeploymentSpec.Script("C:\\Scripts\\post.ps1", List.of(), Duration.ofMinutes(3))),
                spec.deployments(), "PostRequestPowerShellScript is the task Certify makes of it; DeploymentStoreOnly"
                        + " by name binds nothing");
        assertTrue(certificate.unmapped().contains("pre-request script C:\\Scripts\\pre.ps1: exacme runs nothing before"
                + " ordering: not imported."));
        assertTrue(certificate.unmapped().contains("webhook https://hooks.example/legacy: exacme's notifications"
                + " (webhook channel) are set once for all certificates: not imported."));
    }

    @Test
    void theDnsScriptProviderOfTheCustomCasStagingDirectory() {
        var spec = spec("Lab");

        assertEquals("https://ca-test.corp.contoso.com/acme/acme/directory", spec.ca().directory());
        assertEquals(new ChallengeSpec.Dns01(new DnsProviderSpec.Script("C:\\dns\\add-txt.cmd", List.of(),
                Duration.ofMinutes(2)), null, List.of(), Duration.ofMinutes(5)), spec.challenge());
        assertTrue(imported.get("Lab").unmapped().contains("dns-01: Certify runs C:\\dns\\add-txt.cmd as SCRIPT DOMAIN"
                + " RECORD VALUE ZONEID and C:\\dns\\remove-txt.cmd to remove it; exacme runs one program as PROGRAM"
                + " present|cleanup RECORD VALUE: adapt the script (or wrap both) before the first renewal."));
    }

    @Test
    void everyDefinitionRoundTripsThroughTheSpecificationMapperAndStaysValid() throws Exception {
        var count = 0;
        for (var certificate : imported.values()) {
            if (certificate.spec().isEmpty()) {
                continue;
            }
            var spec = certificate.spec().get();
            var text = SpecJson.MAPPER.writeValueAsString(spec);
            var back = SpecJson.MAPPER.readValue(text, CertificateSpec.class);
            assertEquals(spec, back, certificate.description());
            assertEquals(text, SpecJson.MAPPER.writeValueAsString(back.validated()), certificate.description());
            count++;
        }
        assertEquals(9, count);
    }
}
