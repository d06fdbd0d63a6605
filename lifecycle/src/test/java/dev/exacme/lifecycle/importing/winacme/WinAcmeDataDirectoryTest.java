package dev.exacme.lifecycle.importing.winacme;

import static dev.exacme.lifecycle.importing.winacme.WinAcmeFixtures.DEFAULTS;
import static dev.exacme.lifecycle.importing.winacme.WinAcmeFixtures.ENVIRONMENT;
import static dev.exacme.lifecycle.importing.winacme.WinAcmeFixtures.assertUnmapped;
import static dev.exacme.lifecycle.importing.winacme.WinAcmeFixtures.copy;
import static dev.exacme.lifecycle.importing.winacme.WinAcmeFixtures.find;
import static dev.exacme.lifecycle.importing.winacme.WinAcmeFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.spec.SecretSource;
import dev.exacme.lifecycle.spec.SpecJson;
import dev.exacme.store.TestBundles;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory as a whole, in copies the tests change: a missing or empty one, the
 * settings found or given, the current certificate's files, secrets shared between renewals,
 * and that nothing there is ever written.
 */
class WinAcmeDataDirectoryTest {

    private static final String EXCHANGE = "pWz3ObnUYEiZg3Gx8vJc2A.renewal.json";
    private static final String LETS_ENCRYPT = "acme-v02.api.letsencrypt.org";

    @TempDir
    Path temp;

    /** A data directory with only these renewals of the programdata fixture, and its account. */
    private Path dataDirectory(String... renewals) throws Exception {
        var server = Files.createDirectories(temp.resolve("win-acme").resolve(LETS_ENCRYPT));
        var fixture = resource("programdata").resolve(LETS_ENCRYPT);
        Files.copy(fixture.resolve("Registration_v2"), server.resolve("Registration_v2"));
        for (var renewal : renewals) {
            Files.copy(fixture.resolve(renewal), server.resolve(renewal));
        }
        return server.getParent();
    }

    private static ObjectNode json(Path file) throws Exception {
        return (ObjectNode) SpecJson.MAPPER.readTree(file.toFile());
    }

    private static void write(Path file, ObjectNode renewal) throws Exception {
        Files.writeString(file, SpecJson.MAPPER.writeValueAsString(renewal));
    }

    @Test
    void aMissingDirectoryNamesFromAndTheDefault() {
        var missing = temp.resolve("no-such-dir");

        var e = assertThrows(InvalidRequest.class, () -> new WinAcmeRenewals(missing).read(DEFAULTS));
        assertEquals("--from " + missing + ": no such directory. win-acme keeps its renewals in %ProgramData%\\win-acme"
                + " (the default for --from), simple-acme in %ProgramData%\\simple-acme.", e.getMessage());
    }

    @Test
    void aDirectoryWithoutRenewalsIsNotWinAcmes() throws Exception {
        Files.createDirectories(temp.resolve("Log"));
        Files.writeString(temp.resolve("notes.txt"), "nothing");

        var e = assertThrows(InvalidRequest.class, () -> new WinAcmeRenewals(temp).read(DEFAULTS));
        assertTrue(e.getMessage().startsWith("--from " + temp + " holds no win-acme renewals"), e.getMessage());
    }

    @Test
    void aGivenSettingsFileThatIsMissingIsNamed() throws Exception {
        var data = dataDirectory(EXCHANGE);
        var settings = temp.resolve("wacs").resolve("settings.json");

        var e = assertThrows(InvalidRequest.class, () -> new WinAcmeRenewals(data, Optional.of(settings),
                Optional.empty(), ENVIRONMENT).read(DEFAULTS));
        assertEquals("win-acme settings " + settings + ": no such file (it is beside wacs.exe).", e.getMessage());
    }

    @Test
    void withoutSettingsWinAcmesDefaultsAndExacmesApply() throws Exception {
        var data = dataDirectory(EXCHANGE, "contoso-wildcard.renewal.json");

        var certificates = WinAcmeFixtures.read(data);

        // win-acme's RSA default, 3072 bits; without Script.Timeout, exacme's script timeout.
        assertEquals("rsa3072", find(certificates, EXCHANGE).spec().orElseThrow().key().type());
        var script = (DeploymentSpec.Script) find(certificates, "contoso-wildcard.renewal.json").spec().orElseThrow()
                .deployments().get(0);
        assertEquals(DEFAULTS.scriptTimeout(), script.timeout());
        assertTrue(find(certificates, EXCHANGE).unmapped().stream()
                .noneMatch(line -> line.startsWith("ScheduledTask")));
    }

    @Test
    void theSettingsBesideWacsExeAreReadWhenGiven() throws Exception {
        var data = dataDirectory(EXCHANGE);
        var settings = temp.resolve("settings.json");
        Files.writeString(settings, "{ // wacs.exe's folder\n \"Csr\": { \"Rsa\": { \"KeyBits\": 4096, } },"
                + " \"Validation\": { \"DnsServers\": [ \"[System]\" ] } }");

        var certificates = new WinAcmeRenewals(data, Optional.of(settings), Optional.empty(), ENVIRONMENT)
                .read(DEFAULTS);

        assertEquals("rsa4096", find(certificates, EXCHANGE).spec().orElseThrow().key().type());
    }

    @Test
    void theProfileAndPreferredIssuerOfTheSettingsAreTheCas() throws Exception {
        var data = dataDirectory(EXCHANGE);
        Files.writeString(data.resolve("settings.json"), "{ \"Acme\": { \"PreferredIssuer\": \"ISRG Root X1\","
                + " \"CertificateProfile\": \"tlsserver\" } }");

        var ca = find(WinAcmeFixtures.read(data), EXCHANGE).spec().orElseThrow().ca();

        assertEquals("tlsserver", ca.profile());
        assertEquals("ISRG Root X1", ca.preferredChain());
    }

    @Test
    void aRenewalFileWithAByteOrderMarkIsRead() throws Exception {
        var data = dataDirectory();
        var server = data.resolve(LETS_ENCRYPT);
        var text = Files.readString(resource("programdata").resolve(LETS_ENCRYPT).resolve(EXCHANGE));
        Files.write(server.resolve(EXCHANGE), ("\uFEFF" + text).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertEquals("mail.contoso.example", find(WinAcmeFixtures.read(data), EXCHANGE).spec().orElseThrow().name());
    }

    @Test
    void otherCasAreFoundByTheirDirectoryAndSaidWhatTheyNeed() throws Exception {
        var data = dataDirectory();
        var zeroSsl = Files.createDirectories(data.resolve("acme.zerossl.comv2DV90"));
        Files.copy(resource("programdata").resolve(LETS_ENCRYPT).resolve(EXCHANGE), zeroSsl.resolve(EXCHANGE));
        var own = Files.createDirectories(data.resolve("acme.contoso.exampleacme"));
        Files.copy(resource("programdata").resolve(LETS_ENCRYPT).resolve("manual-dns.renewal.json"),
                own.resolve("manual-dns.renewal.json"));
        Files.writeString(data.resolve("settings.json"), "{ \"Acme\": { \"DefaultBaseUri\":"
                + " \"https://acme.contoso.example/acme/\" } }");

        var certificates = WinAcmeFixtures.read(data);

        var zero = find(certificates, EXCHANGE);
        assertEquals("https://acme.zerossl.com/v2/DV90", zero.spec().orElseThrow().ca().directory());
        assertUnmapped(zero, "CA acme.zerossl.com wants External Account Binding", "--eab-kid");
        var contoso = find(certificates, "manual-dns.renewal.json");
        assertEquals("https://acme.contoso.example/acme/directory", contoso.spec().orElseThrow().ca().directory());
        assertUnmapped(contoso, "is what win-acme asks https://acme.contoso.example/acme/ for first");
    }

    @Test
    void azureCloudsAreTheirResourceManagerAndLoginUrls() throws Exception {
        var data = dataDirectory("azure-apps.renewal.json");
        var file = data.resolve(LETS_ENCRYPT).resolve("azure-apps.renewal.json");
        var expected = Map.of("AzureChinaCloud", java.util.List.of("https://management.chinacloudapi.cn/",
                "https://login.chinacloudapi.cn/"), "AzureUSGovernment", java.util.List.of(
                "https://management.usgovcloudapi.net/", "https://login.microsoftonline.us/"),
                "https://management.stack.contoso.example/", java.util.List.of(
                "https://management.stack.contoso.example/", "https://login.microsoftonline.com/"));
        for (var cloud : expected.entrySet()) {
            var renewal = json(resource("programdata").resolve(LETS_ENCRYPT).resolve("azure-apps.renewal.json"));
            ((ObjectNode) renewal.get("ValidationPluginOptions")).put("AzureEnvironment", cloud.getKey());
            write(file, renewal);

            var azure = (dev.exacme.lifecycle.spec.DnsProviderSpec.Azure) ((dev.exacme.lifecycle.spec.ChallengeSpec
                    .Dns01) find(WinAcmeFixtures.read(data), "azure-apps.renewal.json").spec().orElseThrow()
                    .challenge()).provider();
            assertEquals(cloud.getValue(), java.util.List.of(azure.managementUrl(), azure.loginUrl()), cloud.getKey());
        }
    }

    @Test
    void whatExacmesOwnCheckRefusesIsRefusedInItsWords() throws Exception {
        var data = dataDirectory("manual-dns.renewal.json");
        var file = data.resolve(LETS_ENCRYPT).resolve("manual-dns.renewal.json");
        var renewal = json(file);
        ((ObjectNode) renewal.get("TargetPluginOptions")).put("CommonName", "*.test.contoso.example")
                .putArray("AlternativeNames").add("*.test.contoso.example");
        ((ObjectNode) renewal.get("ValidationPluginOptions")).put("Plugin", "c7d5e050-9363-4ba1-b3a8-931b31c618b7");
        write(file, renewal);

        var certificate = find(WinAcmeFixtures.read(data), "manual-dns.renewal.json");

        var refusal = certificate.refusal().orElseThrow();
        assertTrue(refusal.startsWith("exacme refuses the definition: "), refusal);
        assertTrue(refusal.contains("*.test.contoso.example"), refusal);
    }

    @Test
    void aDamagedSettingsFileIsReportedAndWinAcmesDefaultsAssumed() throws Exception {
        var data = dataDirectory(EXCHANGE);
        Files.writeString(data.resolve("settings.json"), "{ \"Csr\": { \"Rsa\": { \"KeyBits\": 4096 ");

        var certificate = find(WinAcmeFixtures.read(data), EXCHANGE);

        assertEquals("rsa3072", certificate.spec().orElseThrow().key().type());
        assertUnmapped(certificate, "settings " + data.resolve("settings.json") + ": the file is not valid JSON",
                "win-acme's defaults are assumed");
    }

    @Test
    void dnsServersOfTheSettingsAreTheResolversAndTheRetriesThePropagationWait() throws Exception {
        var data = dataDirectory("manual-dns.renewal.json");
        Files.writeString(data.resolve("settings.json"), "{ \"Validation\": { \"DnsServers\": [ \"[System]\","
                + " \"192.0.2.53\", \"ns.contoso.example:5353\" ], \"PreValidateDnsRetryCount\": 20,"
                + " \"PreValidateDnsRetryInterval\": 30 } }");

        var challenge = (dev.exacme.lifecycle.spec.ChallengeSpec.Dns01) find(WinAcmeFixtures.read(data),
                "manual-dns.renewal.json").spec().orElseThrow().challenge();

        assertEquals(java.util.List.of("192.0.2.53", "ns.contoso.example:5353"), challenge.resolvers());
        // win-acme's own wait: 20 tries 30 s apart.
        assertEquals(Duration.ofMinutes(10), challenge.propagationTimeout());
    }

    @Test
    void oneServerDirectoryCanBeGivenAsFrom() throws Exception {
        var server = dataDirectory(EXCHANGE).resolve(LETS_ENCRYPT);

        var certificates = WinAcmeFixtures.read(server);

        assertEquals(1, certificates.size());
        assertEquals("mail.contoso.example", certificates.get(0).spec().orElseThrow().name());
    }

    @Test
    void aVaultEntryUsedByTwoRenewalsIsOneSecret() throws Exception {
        var data = dataDirectory("azure-apps.renewal.json");
        var server = data.resolve(LETS_ENCRYPT);
        var second = json(server.resolve("azure-apps.renewal.json"));
        second.put("Id", "azure-portal");
        ((ObjectNode) second.get("TargetPluginOptions")).put("CommonName", "portal.contoso.example")
                .putArray("AlternativeNames").add("portal.contoso.example");
        write(server.resolve("azure-portal.renewal.json"), second);

        var certificates = WinAcmeFixtures.read(data);

        var first = find(certificates, "azure-apps.renewal.json");
        var other = find(certificates, "azure-portal.renewal.json");
        assertEquals(first.secrets(), other.secrets());
        assertEquals("azure-dns", first.secrets().get(0).name());
        var azure = (dev.exacme.lifecycle.spec.DnsProviderSpec.Azure) ((dev.exacme.lifecycle.spec.ChallengeSpec.Dns01)
                other.spec().orElseThrow().challenge()).provider();
        assertEquals(new SecretSource("secret:azure-dns"), azure.clientSecret());
    }

    @Test
    void aCachePfxWithoutPasswordIsTheCurrentCertificatesFile() throws Exception {
        var data = dataDirectory(EXCHANGE);
        var server = data.resolve(LETS_ENCRYPT);
        var bundle = TestBundles.rsa("mail.contoso.example");
        var pfx = Files.createDirectories(server.resolve("Certificates"))
                .resolve("pWz3ObnUYEiZg3Gx8vJc2A-main-0b5c8e1f2a3d4b6c7d8e9f0a1b2c3d4e5f6a7b8c-temp.pfx");
        writePfx(pfx, bundle, "");
        var renewal = json(server.resolve(EXCHANGE));
        var history = (com.fasterxml.jackson.databind.node.ArrayNode) renewal.get("History");
        ((ObjectNode) history.get(1).get("OrderResults").get(0)).put("Thumbprint",
                bundle.thumbprint().toString().toLowerCase(java.util.Locale.ROOT));
        write(server.resolve(EXCHANGE), renewal);

        var current = find(WinAcmeFixtures.read(data), EXCHANGE).current().orElseThrow();

        assertEquals(bundle.thumbprint().toString(), current.thumbprint());
        assertEquals(Optional.of(pfx), current.file());
        assertEquals(Optional.of(bundle.leaf().getNotBefore().toInstant()), current.notBefore());
        assertEquals(Optional.of(bundle.leaf().getNotAfter().toInstant()), current.notAfter());
    }

    @Test
    void aCachePfxProtectedByWinAcmesPasswordIsLeftAlone() throws Exception {
        var data = dataDirectory(EXCHANGE);
        var server = data.resolve(LETS_ENCRYPT);
        var pfx = Files.createDirectories(server.resolve("Certificates")).resolve("pWz3ObnUYEiZg3Gx8vJc2A-cache.pfx");
        writePfx(pfx, TestBundles.rsa("mail.contoso.example"), "generated-by-win-acme");

        var certificate = find(WinAcmeFixtures.read(data), EXCHANGE);

        assertEquals("4A9648CFD7D42C7C590FF7AA65954A314222D3FC", certificate.current().orElseThrow().thumbprint());
        assertEquals(Optional.empty(), certificate.current().orElseThrow().file());
        assertUnmapped(certificate, "cache " + pfx + " is protected by win-acme's cache password", "not read");
    }

    @Test
    void thePemStoresCertificateFileIsTheCurrentCertificatesFile() throws Exception {
        var data = copy(resource("simple-acme"), temp.resolve("simple-acme"));
        var server = data.resolve("localhost14000dir");
        var pem = Files.createDirectories(temp.resolve("certificates"));
        var bundle = TestBundles.rsa("web.pebble.test", "www.pebble.test");
        Files.writeString(pem.resolve("web.pebble.test-crt.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(bundle.leaf().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        var renewal = json(server.resolve("pebble-web.renewal.json"));
        ((ObjectNode) renewal.get("StorePluginOptions").get(0)).put("Path", pem.toString());
        ((ObjectNode) renewal.get("History").get(0).get("OrderResults").get(0)).put("Thumbprint",
                bundle.thumbprint().toString());
        write(server.resolve("pebble-web.renewal.json"), renewal);

        var certificate = find(WinAcmeFixtures.read(data), "pebble-web.renewal.json");

        assertEquals(Optional.of(pem.resolve("web.pebble.test-crt.pem")), certificate.current().orElseThrow().file());
        assertEquals(pem.resolve("web.pebble.test").toString(), ((dev.exacme.lifecycle.spec.StoreSpec.Pem)
                certificate.spec().orElseThrow().store()).directory());
    }

    @Test
    void theImportWritesNothingInTheDataDirectory() throws Exception {
        var data = copy(resource("programdata"), temp.resolve("programdata"));
        var before = snapshot(data);

        WinAcmeFixtures.read(data);
        new WinAcmeRenewals(data, Optional.empty(), Optional.of(resource("applicationHost.config")), ENVIRONMENT)
                .read(DEFAULTS);

        assertEquals(before, snapshot(data));
    }

    private static Map<String, String> snapshot(Path directory) throws Exception {
        var files = new TreeMap<String, String>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (var file : walk.toList()) {
                files.put(directory.relativize(file).toString(), Files.isDirectory(file) ? "dir"
                        : Files.size(file) + " " + Files.getLastModifiedTime(file) + " "
                        + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(file))));
            }
        }
        return files;
    }

    private static void writePfx(Path file, dev.exacme.store.CertificateBundle bundle, String password)
            throws Exception {
        var keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("mail.contoso.example", bundle.key(), password.toCharArray(),
                bundle.chain().toArray(new Certificate[0]));
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore.store(out, password.toCharArray());
        }
    }
}
