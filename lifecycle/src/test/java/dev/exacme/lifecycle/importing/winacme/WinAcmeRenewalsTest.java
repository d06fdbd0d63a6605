package dev.exacme.lifecycle.importing.winacme;

import static dev.exacme.lifecycle.importing.winacme.WinAcmeFixtures.DEFAULTS;
import static dev.exacme.lifecycle.importing.winacme.WinAcmeFixtures.assertUnmapped;
import static dev.exacme.lifecycle.importing.winacme.WinAcmeFixtures.find;
import static dev.exacme.lifecycle.importing.winacme.WinAcmeFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.lifecycle.deploy.exchange.WindowsExchangeAccess;
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
 * The win-acme 2.2 data directory of an Exchange server ({@code programdata}): every renewal
 * mapped field by field, or refused with its reason, and the definitions as exacme stores them.
 */
class WinAcmeRenewalsTest {

    private static final String LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";
    private static final AccountSpec ACCOUNT = new AccountSpec(List.of("hostmaster@contoso.example"), true, null,
            null);
    private static final CaSpec CA = new CaSpec(LETS_ENCRYPT, List.of(), ACCOUNT, null, null);
    private static final StoreSpec.WindowsMachine MACHINE = new StoreSpec.WindowsMachine(false, false, List.of(),
            List.of());
    private static final ChallengeSpec.Http01Listener PORT_80 = new ChallengeSpec.Http01Listener(80, List.of(), true);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Duration WEEK = Duration.ofDays(7);

    private static List<ImportedCertificate> all;

    @BeforeAll
    static void readAll() throws Exception {
        all = WinAcmeFixtures.read(resource("programdata"));
    }

    private static CertificateSpec spec(String fileName) {
        var certificate = find(all, fileName);
        assertEquals(Optional.empty(), certificate.refusal(), fileName);
        return certificate.spec().orElseThrow();
    }

    private static String refusal(String fileName) {
        var certificate = find(all, fileName);
        assertTrue(certificate.spec().isEmpty(), fileName + " should be refused");
        assertTrue(certificate.secrets().isEmpty(), fileName + ": a refused certificate asks for no secret");
        assertTrue(certificate.current().isEmpty());
        return certificate.refusal().orElseThrow();
    }

    private static CertificateSpec simple(String name, String identifier, ChallengeSpec challenge, StoreSpec store,
                                          String friendlyName, DeploymentSpec... deployments) {
        return new CertificateSpec(2, name, List.of(identifier), CA, challenge, new KeySpec("rsa3072", false), store,
                List.of(deployments), FIVE_MINUTES, friendlyName, DEFAULTS.created());
    }

    @Test
    void everyRenewalFileIsAResultAndNothingElse() {
        // 36 renewal files in three server directories; the log, the account files and settings.json are not renewals.
        assertEquals(36, all.size());
        assertTrue(all.stream().allMatch(certificate -> certificate.origin().endsWith(".renewal.json")));
    }

    @Test
    void theDocumentedExchangeRenewalBecomesAnExchangeDeployment() {
        var certificate = find(all, "pWz3ObnUYEiZg3Gx8vJc2A.renewal.json");

        var expected = new CertificateSpec(2, "mail.contoso.example", List.of("mail.contoso.example",
                "autodiscover.contoso.example", "webmail.contoso.example"), CA, PORT_80,
                new KeySpec("rsa3072", false), new StoreSpec.WindowsMachine(false, false, List.of(),
                List.of("S-1-5-20")), List.of(new DeploymentSpec.Exchange(List.of(new WindowsExchangeAccess()
                .localServer()), false, null, List.of("IIS", "SMTP", "IMAP"), true, false, null, false, FIVE_MINUTES,
                WEEK)), FIVE_MINUTES, null, DEFAULTS.created());
        assertEquals(Optional.of(expected), certificate.spec());
        assertEquals("[Manual] mail.contoso.example", certificate.description());
        assertEquals(List.of("mail.contoso.example", "autodiscover.contoso.example", "webmail.contoso.example"),
                certificate.identifiers());
        // The last successful run's main order; the failed run after it installed nothing.
        assertEquals(Optional.of(new CurrentCertificate("4A9648CFD7D42C7C590FF7AA65954A314222D3FC", Optional.empty(),
                Optional.of(Instant.parse("2026-11-13T08:37:50Z")), Optional.empty())), certificate.current());
        assertEquals(List.of(), certificate.secrets());
        assertUnmapped(certificate, "IIS installation of site 1 on 443", "no IIS deployment is added");
        assertUnmapped(certificate, "ImportExchange.v2.ps1", "Exchange deployment of IIS,SMTP,IMAP",
                "no longer run");
        assertUnmapped(certificate, "Exchange SMTP", "-Force replaced the default SMTP certificate");
        assertUnmapped(certificate, "Exchange IMAP/POP", "--restart-services");
        assertUnmapped(certificate, "account https://acme-v02.api.letsencrypt.org/acme/acct/1849302741",
                "registers its own account for hostmaster@contoso.example");
        assertUnmapped(certificate, "ScheduledTask.RenewalDays 55");
        // {CacheFile} and {CachePassword} went with the script: nothing says they are left as written.
        assertTrue(certificate.unmapped().stream().noneMatch(line -> line.contains("{CachePassword}")));
    }

    @Test
    void anIisSourceGivesItsHostsAndSitesToValidationAndInstallation() {
        var certificate = find(all, "intranet-site.renewal.json");

        var expected = new CertificateSpec(2, "intranet.contoso.example", List.of("intranet.contoso.example",
                "wiki.contoso.example"), CA, new ChallengeSpec.IisWebroot("2", null, true),
                new KeySpec("ec384", false), MACHINE, List.of(new DeploymentSpec.Iis(List.of("2"), true, 443,
                FIVE_MINUTES, WEEK)), FIVE_MINUTES, null, DEFAULTS.created());
        assertEquals(Optional.of(expected), certificate.spec());
        assertEquals(List.of("intranet.contoso.example", "wiki.contoso.example", "old.contoso.example"),
                certificate.identifiers());
        assertEquals("9C2A6E0B1F3D4C5B6A79880716253443F2E1D0C9", certificate.current().orElseThrow().thumbprint());
        assertEquals(Optional.of(Instant.parse("2026-12-01T06:12:10Z")), certificate.current().orElseThrow()
                .notAfter());
        assertUnmapped(certificate, "ExcludeHosts old.contoso.example");
        assertUnmapped(certificate, "certificate store WebHosting", "LocalMachine\\My");
        assertUnmapped(certificate, "KeepExisting", "7d after a deployment");
        assertUnmapped(certificate, "ReusePrivateKey", "PEM store");
        assertUnmapped(certificate, "IIS site 2", "could not be read here", "exacme edit --iis-site NAME");
        assertUnmapped(certificate, "IIS installation", "rebinds the sites named (2) on port 443");
    }

    @Test
    void withApplicationHostConfigTheSiteIdBecomesItsName() throws Exception {
        var certificates = new WinAcmeRenewals(resource("programdata"), Optional.empty(),
                Optional.of(resource("applicationHost.config")), WinAcmeFixtures.ENVIRONMENT).read(DEFAULTS);
        var certificate = find(certificates, "intranet-site.renewal.json");

        var iis = (DeploymentSpec.Iis) certificate.spec().orElseThrow().deployments().get(0);
        assertEquals(List.of("Intranet \"Wiki\""), iis.sites());
        assertTrue(certificate.unmapped().stream().noneMatch(line -> line.startsWith("IIS site 2")));
        // The webroot takes ids as they are.
        assertEquals(new ChallengeSpec.IisWebroot("2", null, true), certificate.spec().orElseThrow().challenge());
    }

    @Test
    void aCloudflareWildcardWithAPowerShellScriptKeepsWhatExacmeCanPass() {
        var certificate = find(all, "contoso-wildcard.renewal.json");

        var cloudflare = new ChallengeSpec.Dns01(new DnsProviderSpec.Cloudflare(
                new SecretSource("secret:contoso-wildcard-cloudflare-token"), "https://api.cloudflare.com/client/v4/"),
                null, List.of(), FIVE_MINUTES);
        var script = new DeploymentSpec.Script("C:\\Program Files\\win-acme\\Scripts\\ImportRDGateway.ps1",
                List.of("-Thumbprint", "{thumbprint}", "-Old", "{previous-thumbprint}", "-Renewal", "contoso-wildcard",
                        "-Type", "{store}", "-Note",
                        "it's \"{friendly-name}\"", "-Mode", "$true"),
                Duration.ofMinutes(15));
        var expected = new CertificateSpec(2, "Contoso-wildcard", List.of("*.contoso.example", "contoso.example"), CA,
                cloudflare, new KeySpec("rsa3072", false), MACHINE, List.of(script), FIVE_MINUTES, "Contoso wildcard",
                DEFAULTS.created());
        assertEquals(Optional.of(expected), certificate.spec());
        assertEquals(List.of(new RequiredSecret("contoso-wildcard-cloudflare-token",
                "Cloudflare API token, encrypted for win-acme's machine in the renewal file (DPAPI; simple-acme on"
                        + " Linux: AES)")), certificate.secrets());
        // Before 2.2 the history kept Thumbprints and ExpireDate (without an offset: taken as UTC); lower case is upper case.
        assertEquals(Optional.of(new CurrentCertificate("5B3E0B9A8F7D6C5E4F3A2B1C0D9E8F7A6B5C4D3E", Optional.empty(),
                Optional.of(Instant.parse("2026-11-28T08:04:11Z")), Optional.empty())), certificate.current());
        assertUnmapped(certificate, "%ProgramFiles%", "expanded now", "C:\\Program Files\\win-acme");
        assertUnmapped(certificate, "'$' is PowerShell syntax", "powershell -File");
        assertUnmapped(certificate, "{StoreType}", "CertificateStore", "windows");
        assertUnmapped(certificate, "exacme passes these arguments and the EXACME_* variables");
    }

    @Test
    void azureDnsWithAResourceGroupAndAVaultSecret() {
        var certificate = find(all, "azure-apps.renewal.json");

        var azure = new DnsProviderSpec.Azure("8a1f4c7e-2b3d-4e5f-8091-a2b3c4d5e6f7", "dns-prod",
                "0c9b8a7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d", "4f1c2a9e-0b7d-4e3a-9c51-6d2f8e0a1b3c",
                new SecretSource("secret:azure-dns"), false, "https://management.azure.com/",
                "https://login.microsoftonline.com/");
        var expected = new CertificateSpec(2, "apps.contoso.example", List.of("apps.contoso.example",
                "api.contoso.example"), CA, new ChallengeSpec.Dns01(azure, "contoso.example", List.of(), FIVE_MINUTES),
                new KeySpec("rsa3072", false), MACHINE, List.of(), FIVE_MINUTES, null, DEFAULTS.created());
        assertEquals(Optional.of(expected), certificate.spec());
        assertEquals(List.of(new RequiredSecret("azure-dns", "Azure client secret of application"
                + " 4f1c2a9e-0b7d-4e3a-9c51-6d2f8e0a1b3c, win-acme vault entry 'azure-dns' (secrets.json)")),
                certificate.secrets());
        // StoreName My is exacme's store: nothing to say about it.
        assertTrue(certificate.unmapped().stream().noneMatch(line -> line.startsWith("certificate store")));
    }

    @Test
    void azureDnsOfWinAcme22WithoutAResourceGroupIsRefused() {
        assertEquals("Azure DNS validation names no ResourceGroupName; win-acme 2.2 searches the subscription for the"
                + " zone, exacme writes into a zone named by subscription and resource group: add it with 'exacme add"
                + " --dns azure --azure-subscription ID --azure-resource-group GROUP'.",
                refusal("azure-22.renewal.json"));
    }

    @Test
    void route53WithTheInstanceRoleOrAnAccessKey() {
        assertEquals(new ChallengeSpec.Dns01(new DnsProviderSpec.Route53(null, null, true,
                "https://route53.amazonaws.com/"), null, List.of(), FIVE_MINUTES),
                spec("route53-role.renewal.json").challenge());
        assertUnmapped(find(all, "route53-role.renewal.json"), "IAMRole exacme-dns");

        var keyed = find(all, "route53-key.renewal.json");
        assertEquals(new ChallengeSpec.Dns01(new DnsProviderSpec.Route53("AKIAIOSFODNN7EXAMPLE",
                new SecretSource("secret:sftp.contoso.example-route53-secret-key"), false,
                "https://route53.amazonaws.com/"), null, List.of(), FIVE_MINUTES), keyed.spec().orElseThrow()
                .challenge());
        // clear-TEXT is readable in the file; the import says where, and never copies it.
        assertEquals(List.of(new RequiredSecret("sftp.contoso.example-route53-secret-key", "AWS secret access key of"
                + " AKIAIOSFODNN7EXAMPLE, stored unencrypted in the renewal file (Security.EncryptConfig was off)")),
                keyed.secrets());
        assertTrue(keyed.toString().indexOf("wJalrXUtnFEMI") < 0, "the secret itself is nowhere in the result");
    }

    @Test
    void acmeDnsAsksForTheRegistrations() {
        var certificate = find(all, "acme-dns.renewal.json");

        assertEquals(new ChallengeSpec.Dns01(new DnsProviderSpec.AcmeDns("https://auth.acme-dns.io/",
                new SecretSource("secret:remote.contoso.example-acme-dns")), null, List.of(), FIVE_MINUTES),
                certificate.spec().orElseThrow().challenge());
        var secret = certificate.secrets().get(0);
        assertEquals("remote.contoso.example-acme-dns", secret.name());
        assertTrue(secret.what().startsWith("acme-dns registrations for remote.contoso.example as one JSON object"));
        assertTrue(secret.what().endsWith(resource("programdata").resolve("acme-dns").resolve("auth.acme-dns.io")
                .toString()), secret.what());
    }

    @Test
    void rfc2136WithSha256OverIpv6() {
        var certificate = find(all, "rfc2136.renewal.json");

        assertEquals(new ChallengeSpec.Dns01(new DnsProviderSpec.Rfc2136("[2001:db8::53]:5353", "acme-update.",
                "hmac-sha256", new SecretSource("secret:ns-test.contoso.example-tsig-secret")), null, List.of(),
                FIVE_MINUTES), certificate.spec().orElseThrow().challenge());
        assertEquals("ns-test.contoso.example-tsig-secret", certificate.secrets().get(0).name());
        assertTrue(certificate.secrets().get(0).what().startsWith("TSIG secret (base64) of key acme-update."));
    }

    @Test
    void rfc2136WithWinAcmesDefaultMd5IsRefused() {
        assertEquals("RFC 2136 validation signs with HMAC-MD5 (win-acme's default when TsigKeyAlgorithm is not set);"
                + " exacme signs with HMAC-SHA1 or SHA-2: create an hmac-sha256 key on the DNS server.",
                refusal("rfc2136-md5.renewal.json"));
    }

    @Test
    void aDnsScriptIsExacmesScriptProviderAndTheCallingConventionIsReported() {
        var certificate = find(all, "dns-script.renewal.json");

        assertEquals(new ChallengeSpec.Dns01(new DnsProviderSpec.Script("C:\\Scripts\\dns-create.cmd", List.of(),
                Duration.ofMinutes(15)), null, List.of(), FIVE_MINUTES), certificate.spec().orElseThrow().challenge());
        assertEquals(List.of("*.lab.contoso.example"), certificate.spec().orElseThrow().identifiers());
        assertEquals("wildcard.lab.contoso.example", certificate.spec().orElseThrow().name());
        assertUnmapped(certificate, "DeleteScript C:\\Scripts\\dns-delete.cmd", "one program for both steps");
        assertUnmapped(certificate, "'{Identifier} {RecordName} {Token}'", "'delete {Identifier} {RecordName} {Token}'",
                "PROGRAM present|cleanup RECORD-NAME VALUE");
    }

    @Test
    void manualDnsStaysManual() {
        var certificate = find(all, "manual-dns.renewal.json");

        assertEquals(new ChallengeSpec.Dns01(new DnsProviderSpec.Manual(), null, List.of(), FIVE_MINUTES),
                certificate.spec().orElseThrow().challenge());
        assertUnmapped(certificate, "manual validation", "cannot renew on schedule");
    }

    @Test
    void validationExacmeHasNoWayForIsRefusedWithWhatToUseInstead() {
        assertEquals("validation is GoDaddy DNS, for which exacme has no provider; exacme has rfc2136, cloudflare,"
                + " azure, route53, acme-dns and script: point _acme-challenge at acme-dns with a CNAME, or call the"
                + " provider's API from a script (--dns script).", refusal("godaddy.renewal.json"));
        assertEquals("the validation plugin 0d9e4a3c-55aa-4b1e-9f0c-7b6a5d4c3b2a is not one of win-acme's or"
                + " simple-acme's (a third-party plugin?); choose exacme's validation with 'exacme add'.",
                refusal("third-party.renewal.json"));
        assertTrue(refusal("tls-alpn.renewal.json").startsWith("validation is TLS-ALPN-01 self-hosting"));
        assertTrue(refusal("self-https.renewal.json").startsWith("self-hosting validation answers over https"));
    }

    @Test
    void anExecutablesParametersAreSplitAsAWindowsCommandLine() {
        var certificate = find(all, "appliance.renewal.json");

        // Its last argument is the cache PFX's password, which exacme never passes: imported, it would fail every time.
        assertEquals("its installation script takes {CachePassword}: exacme keeps no cache PFX and passes no password"
                + " to scripts. Have the script take the certificate from the store by {thumbprint}, or use --store pfx"
                + " and {store-path}, then 'exacme add' it.", refusal("appliance.renewal.json"));
        assertUnmapped(certificate, "installation script is written in double quotes");
    }

    @Test
    void aDamagedFileIsRefusedByLineWithoutQuotingIt() {
        var refusal = refusal("damaged.renewal.json");

        assertEquals("the file is not valid JSON (line 19, column 1).", refusal);
        assertFalse(find(all, "damaged.renewal.json").toString().contains("do-not-show-me"));
        assertEquals("damaged.renewal.json", find(all, "damaged.renewal.json").description());
    }

    @Test
    void filesOfAnotherShapeAreRefused() {
        assertEquals("the file holds a list, not a win-acme renewal (an object with Id and TargetPluginOptions).",
                refusal("list.renewal.json"));
        assertEquals("the file has no Id: not a win-acme renewal.", refusal("no-id.renewal.json"));
        assertEquals("the Id something-else does not match the file name mismatch.renewal.json; win-acme skips such a"
                + " file ('mismatch between filename and id').", refusal("mismatch.renewal.json"));
        assertEquals("TargetPluginOptions has no Plugin GUID ($type is not how win-acme names plugins; it keys them by"
                + " Plugin): win-acme does not load it either.", refusal("dollar-type.renewal.json"));
        assertEquals(List.of("typed.contoso.example"), find(all, "dollar-type.renewal.json").identifiers());
    }

    @Test
    void namesExacmeRefusesRefuseTheCertificate() {
        assertEquals("a name is refused: '192.0.2.15' is an IP address; exacme orders certificates for DNS names only."
                + " Use the server's DNS name, e.g. mail.example.com.", refusal("ip-address.renewal.json"));
        assertEquals(List.of("192.0.2.15", "printer.contoso.example"), find(all, "ip-address.renewal.json")
                .identifiers());
        assertTrue(refusal("space-name.renewal.json").startsWith("a name is refused: 'mail .contoso.example' holds a"
                + " space; a name has none."), refusal("space-name.renewal.json"));
    }

    @Test
    void internationalNamesBecomeALabelsAndTheFriendlyNameAFileName() {
        var spec = spec("idn.renewal.json");

        assertEquals(List.of("xn--bcher-kva.contoso.example", "www.xn--bcher-kva.contoso.example"), spec.identifiers());
        assertEquals("Bucher-Shop-Koln", spec.name());
        assertEquals("Bücher \"Shop\" <Köln>", spec.friendlyName());
        assertEquals(List.of("bücher.contoso.example", "www.bücher.contoso.example"),
                find(all, "idn.renewal.json").identifiers());
    }

    @Test
    void duplicateFriendlyNamesGetNumberedNamesWhateverTheirCase() {
        assertEquals("Mail-server", spec("mail-a.renewal.json").name());
        assertEquals("Mail-server-2", spec("mail-b.renewal.json").name());
        assertEquals("MAIL-SERVER-3", spec("mail-c.renewal.json").name());
        var names = all.stream().flatMap(certificate -> certificate.spec().stream())
                .map(spec -> spec.name().toLowerCase(java.util.Locale.ROOT)).toList();
        assertEquals(names.size(), names.stream().distinct().count(), names.toString());
    }

    @Test
    void theCentralCertificateStoreAloneIsRefusedAndBesideTheMachineStoreReported() {
        assertEquals("win-acme stores the certificate in the IIS Central Certificate Store in \\\\fileserver\\CentralSSL,"
                + " for which exacme has no store: sites bound through it keep serving the old file; exacme installs"
                + " into the Windows machine store, PEM files, a PFX file or a Java keystore: choose one with 'exacme"
                + " add --store'.", refusal("ccs-only.renewal.json"));

        var certificate = find(all, "ccs-exchange.renewal.json");
        var spec = certificate.spec().orElseThrow();
        assertEquals(new StoreSpec.WindowsMachine(false, false, List.of(), List.of("S-1-5-20")), spec.store());
        // Named parameters bind as PowerShell binds them; unquoted IIS,SMTP is the services' text.
        assertEquals(List.of(new DeploymentSpec.Exchange(List.of(new WindowsExchangeAccess().localServer()), false,
                null, List.of("IIS", "SMTP"), true, false, null, false, FIVE_MINUTES, WEEK)), spec.deployments());
        assertUnmapped(certificate, "store: the IIS Central Certificate Store in C:\\Central SSL",
                "keep serving the old file");
        assertUnmapped(certificate, "LeaveOldExchangeCerts 0", "7d after the deployment");
    }

    @Test
    void sourcesAndStepsExacmeCannotCarryOutAreRefused() {
        assertEquals("the names come from the IIS bindings of IIS sites 1, 3, read by win-acme at each renewal; an"
                + " exacme definition lists its names: add it with 'exacme add -d NAME...' for the names the site"
                + " serves.", refusal("iis-any-host.renewal.json"));
        assertEquals("win-acme splits this renewal into several certificates (order: a certificate per host); an"
                + " exacme definition is one certificate: add one per certificate with 'exacme add'.",
                refusal("per-host.renewal.json"));
        assertEquals("installation binds IIS FTP sites; exacme binds web sites only, and the FTP site would keep the"
                + " old certificate.", refusal("ftp.renewal.json"));
        assertEquals("the IIS installation names no site: win-acme rebinds wherever the previous certificate is bound,"
                + " exacme binds the sites it is given; add the deployment with '--deploy iis --iis-site NAME'.",
                refusal("iis-no-site.renewal.json"));
    }

    @Test
    void theStagingDirectoryIsFoundThroughDefaultBaseUriTest() {
        var certificate = find(all, "staging-test.renewal.json");

        var expected = new CertificateSpec(2, "staging.contoso.example", List.of("staging.contoso.example"),
                new CaSpec("https://acme-staging-v02.api.letsencrypt.org/directory", List.of(),
                        new AccountSpec(List.of("ops@contoso.example"), false, null, null), null, null),
                new ChallengeSpec.Webroot("C:\\inetpub\\wwwroot", true), new KeySpec("rsa3072", false), MACHINE,
                List.of(), FIVE_MINUTES, null, DEFAULTS.created());
        assertEquals(Optional.of(expected), certificate.spec());
        assertUnmapped(certificate, "file system validation Path is written in double quotes");
        // No Registration_v2 there: the import's address, and the terms still to be agreed to.
        assertUnmapped(certificate, "account: no Registration_v2", "ops@contoso.example", "--agree-tos");
        assertUnmapped(certificate, "History: no successful renewal");
    }

    @Test
    void aServerDirectoryNoSettingNamesIsRefused() {
        var refusal = refusal("private-ca.renewal.json");

        assertTrue(refusal.startsWith("the ACME server of "), refusal);
        assertTrue(refusal.contains("neither settings.json's Acme.DefaultBaseUri (https://acme-v02.api.letsencrypt.org/)"
                + " nor a well-known CA gives 'acme.internal.contoso.exampleacmedirectory'"), refusal);
    }

    @Test
    void everyDefinitionIsValidAndRoundTripsThroughSpecJson() throws Exception {
        var mapped = all.stream().flatMap(certificate -> certificate.spec().stream()).toList();
        assertEquals(16, mapped.size());
        for (var spec : mapped) {
            var json = SpecJson.MAPPER.writeValueAsString(spec);
            var back = SpecJson.MAPPER.readValue(json, CertificateSpec.class);
            assertEquals(spec, back, json);
            back.validated();
        }
    }

    @Test
    void everyRefusalSaysWhyAndNoResultCarriesASecret() {
        for (var certificate : all) {
            assertEquals(certificate.spec().isEmpty(), certificate.refusal().isPresent(), certificate.origin());
            var text = certificate.toString();
            // The DPAPI blobs and clear-text values of the fixtures: only their kind is carried over.
            assertFalse(text.contains("AQAAANCMnd8BFdERjHoAwE"), certificate.origin());
            assertFalse(text.contains("wJalrXUtnFEMI"), certificate.origin());
        }
    }
}
