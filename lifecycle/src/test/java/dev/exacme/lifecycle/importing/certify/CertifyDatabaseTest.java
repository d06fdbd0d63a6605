package dev.exacme.lifecycle.importing.certify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.importing.ImportedCertificate;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.spec.SpecJson;
import dev.exacme.lifecycle.spec.StoreSpec;
import dev.exacme.store.TestBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source as a whole: what it refuses to read, that it reads without writing, and that one
 * hostile row or settings file costs that row or setting only.
 */
class CertifyDatabaseTest {

    @TempDir
    Path directory;

    private static List<ImportedCertificate> read(Path database) throws Exception {
        return new CertifyDatabase(database, Optional.empty()).read(CertifyMappingTest.DEFAULTS);
    }

    private static Map<String, ImportedCertificate> byDescription(List<ImportedCertificate> certificates) {
        var all = new LinkedHashMap<String, ImportedCertificate>();
        certificates.forEach(certificate -> all.put(certificate.description(), certificate));
        return all;
    }

    @Test
    void aMissingFileOrADirectoryIsRefusedNamingFromAndTheDefault() throws Exception {
        var missing = directory.resolve("certify").resolve("manageditems.db");

        assertEquals(missing + " does not exist: --from names Certify The Web's database (default"
                + " %ProgramData%\\certify\\manageditems.db).",
                assertThrows(InvalidRequest.class, () -> read(missing)).getMessage());
        assertFalse(Files.exists(missing.getParent()), "nothing is created");
        assertEquals(directory + " is not a file: --from names Certify The Web's database file (default"
                + " %ProgramData%\\certify\\manageditems.db).",
                assertThrows(InvalidRequest.class, () -> read(directory)).getMessage());
    }

    @Test
    void aFileThatIsNotCertifysDatabaseIsRefusedSayingWhatItIs() throws Exception {
        var json = Files.writeString(directory.resolve("manageditems.json"), "[{\"Id\":\"a\",\"Name\":\"x\"}]");
        var other = directory.resolve("other.db");
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + other);
             var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE settings (id TEXT, value TEXT)");
        }

        assertEquals(json + " is not an SQLite database. --from names Certify The Web's manageditems.db (default"
                + " %ProgramData%\\certify\\manageditems.db).",
                assertThrows(InvalidRequest.class, () -> read(json)).getMessage());
        assertEquals(other + " is an SQLite database without the table manageditem (id, json). --from names Certify"
                + " The Web's manageditems.db (default %ProgramData%\\certify\\manageditems.db).",
                assertThrows(InvalidRequest.class, () -> read(other)).getMessage());
    }

    @Test
    void theImportWritesNothingToCertifysFilesNorBesideThem() throws Exception {
        var fixture = CertifyFixture.in(directory).file("ca.json", "ca.json").file("appsettings.json", "appsettings.json")
                .file("serviceconfig.json", "serviceconfig.json").credential("credentials/cloudflare.json")
                .value("pfx", "").value("thumbprint", "").value("dir", directory.toString());
        CertifyMappingTest.ITEMS.forEach(item -> fixture.item("items/" + item + ".json"));
        var database = fixture.build();
        var files = new LinkedHashMap<Path, byte[]>();
        try (var listing = Files.list(directory)) {
            for (var file : listing.toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));
                files.put(file, MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
            }
        }

        assertEquals(15, read(database).size());

        try (var listing = Files.list(directory)) {
            assertEquals(files.keySet(), java.util.Set.copyOf(listing.toList()), "no -wal, -shm or -journal");
        }
        for (var file : files.entrySet()) {
            assertArrayEquals(file.getValue(), MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(
                    file.getKey())), file.getKey().toString());
            assertEquals(FileTime.from(Instant.parse("2025-01-01T00:00:00Z")), Files.getLastModifiedTime(file.getKey()),
                    file.getKey().toString());
        }
    }

    @Test
    void damagedDocumentsAreRefusedOneByOneWithoutQuotingThemAndTheOthersStillImport() throws Exception {
        var database = CertifyFixture.in(directory).item("items/mail-twin.json")
                .row("broken", "{\"Name\": \"half a document\", ")
                .row("nothing", "null")
                .row("typed", "{\"Name\":\"Typed\",\"UseStagingMode\":\"maybe-SECRET-VALUE\"}")
                .row("object", "{\"Name\":\"Object\",\"RequestConfig\":{\"CustomPrivateKey\":{\"pem\":\"-----BEGIN PRIVATE"
                        + " KEY-----MIIEvQ\"}}}")
                .row("norequest", "{\"Name\":\"No request\",\"Id\":\"another-id\"}")
                .row("control", "{\"Name\":\"two\\nlines\\u001b[31m\",\"IncludeInAutoRenew\":false,"
                        + "\"RequestConfig\":{\"PrimaryDomain\":\"a.example\"}}")
                .build();

        var all = byDescription(read(database));

        assertTrue(all.get("MAIL.contoso.com").spec().isPresent());
        assertEquals(Optional.of("its JSON document cannot be read: Unexpected end-of-input within/between Object"
                + " entries (line 1, column 29)"), all.get("broken").refusal());
        assertEquals(Optional.of("its JSON document is empty (null)."), all.get("nothing").refusal());
        assertEquals(Optional.of("its JSON document cannot be read: UseStagingMode: Cannot deserialize value of type"
                + " boolean from String \"…\": only \"…\"/\"…\"/\"…\" or \"…\"/\"…\"/\"…\" recognized (line 1,"
                + " column 34)"), all.get("typed").refusal());
        assertTrue(all.get("object").refusal().orElseThrow().startsWith("its JSON document cannot be read:"
                + " RequestConfig.CustomPrivateKey: Cannot deserialize value of type String from Object value"),
                all.get("object").refusal().orElseThrow());
        assertEquals(Optional.of("its document has no RequestConfig, so Certify has nothing to order."),
                all.get("No request").refusal());
        assertTrue(all.get("No request").origin().endsWith("manageditems.db, item norequest"),
                "the row's id, not the document's, as Certify corrects it");
        assertTrue(all.containsKey("two lines [31m"), "a line break and an escape in a name become spaces: "
                + all.keySet());
        for (var certificate : all.values()) {
            assertFalse(certificate.toString().contains("SECRET-VALUE"), certificate.description());
            assertFalse(certificate.toString().contains("MIIEvQ"), certificate.description());
        }
    }

    @Test
    void aDatabaseOfCertifyBefore2022WithItsParentIdColumnIsRead() throws Exception {
        var database = CertifyFixture.in(directory).legacyTable().item("items/mail-twin.json").build();

        assertEquals("MAIL.contoso.com", read(database).get(0).spec().orElseThrow().name());
    }

    @Test
    void withoutTheIisConfigurationTheSiteIdIsKeptAndSaidAndAutoBindsNothing() throws Exception {
        var database = CertifyFixture.in(directory).value("pfx", "").value("thumbprint", "")
                .item("items/exchange-mail.json").item("items/route53-auto.json").build();

        var all = byDescription(read(database));

        var mail = all.get("mail.contoso.com");
        assertEquals(List.of("1"), ((DeploymentSpec.Iis) mail.spec().orElseThrow().deployments().get(0)).sites());
        assertTrue(mail.unmapped().contains("IIS: Certify keeps the site's id (1), not its name, and the IIS"
                + " configuration cannot be read here (not on Windows); exacme binds sites by the name IIS Manager"
                + " shows: check it (Get-Website | Where-Object id -eq 1) and set it with exacme edit mail.contoso.com"
                + " --iis-site NAME."), String.join("\n", mail.unmapped()));
        var intranet = all.get("Intranet");
        assertTrue(intranet.spec().orElseThrow().deployments().stream().noneMatch(d -> d instanceof DeploymentSpec.Iis));
        assertTrue(intranet.unmapped().contains("Certify binds every IIS site whose bindings match the names (Auto),"
                + " found at each renewal; exacme binds named sites and cannot read the IIS configuration (not on"
                + " Windows): add them with exacme edit Intranet --deploy iis --iis-site NAME. NOT DEPLOYED to IIS"
                + " until then."));
    }

    @Test
    void withCertifysChallengeServerOffTheAnswerGoesIntoTheSitesFolder() throws Exception {
        var database = CertifyFixture.in(directory).value("pfx", "").value("thumbprint", "")
                .text("appsettings.json", "\uFEFF{ \"EnableHttpChallengeServer\": false }")
                .item("items/exchange-mail.json").item("items/idn.json").build();

        var all = byDescription(read(database));

        assertEquals(new ChallengeSpec.Webroot("C:\\inetpub\\wwwroot", true),
                all.get("mail.contoso.com").spec().orElseThrow().challenge(), "its WebsiteRootPath");
        assertEquals(new ChallengeSpec.Http01Listener(80, List.of(), true),
                all.get("Bücher 'Shop'").spec().orElseThrow().challenge());
        assertTrue(all.get("Bücher 'Shop'").unmapped().contains("http-01: Certify's HTTP challenge server is off"
                + " (appsettings.json) and the item names no site or folder to write the answer into; exacme listens"
                + " on port 80 instead."));
    }

    @Test
    void aDamagedSettingsFileMeansCertifysDefaultsAndIsSaid() throws Exception {
        var database = CertifyFixture.in(directory).text("serviceconfig.json", "{ \"HttpChallengeServerPort\": ")
                .text("ca.json", "{\"not\": \"a list\"}").item("items/mail-twin.json").item("items/dns-script.json")
                .build();

        var all = byDescription(read(database));

        var twin = all.get("MAIL.contoso.com");
        assertEquals(new ChallengeSpec.Http01Listener(80, List.of(), true), twin.spec().orElseThrow().challenge());
        assertTrue(twin.unmapped().get(0).startsWith("serviceconfig.json beside the database cannot be read (Unexpected"
                + " end-of-input"), twin.unmapped().get(0));
        assertTrue(twin.unmapped().get(0).endsWith(": its HTTP challenge server is taken to listen on port 80, its"
                + " default."), twin.unmapped().get(0));
        assertEquals(Optional.of("its certificate authority 'internal-ca' is neither one of Certify's own nor in ca.json"
                + " beside the database; ca.json beside the database cannot be read (not a list of certificate"
                + " authorities): add it with 'exacme add NAME --server DIRECTORY_URL'."), all.get("Lab").refusal());
    }

    @Test
    void aBuiltInCaCannotBeRedirectedByCaJson() throws Exception {
        var database = CertifyFixture.in(directory).file("ca.json", "ca.json").item("items/mail-twin.json").build();

        assertEquals("https://acme-v02.api.letsencrypt.org/directory",
                read(database).get(0).spec().orElseThrow().ca().directory(), "as in Certify, its own letsencrypt.org wins");
    }

    @Test
    void aPfxWithAPasswordOrAnotherCertificateIsNotTakenAsTheCurrentCertificatesFile() throws Exception {
        var bundle = TestBundles.rsa("mail.contoso.com");
        var locked = directory.resolve("locked.pfx");
        var store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("mail", bundle.key(), "pw".toCharArray(), bundle.chain().toArray(Certificate[]::new));
        try (var out = Files.newOutputStream(locked)) {
            store.store(out, "pw".toCharArray());
        }
        var thumbprint = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(bundle.chain().get(0).getEncoded()));
        var database = CertifyFixture.in(directory).value("pfx", locked.toString()).value("thumbprint", thumbprint)
                .item("items/exchange-mail.json").build();

        var mail = read(database).get(0);

        assertEquals(thumbprint, mail.current().orElseThrow().thumbprint());
        assertEquals(Optional.empty(), mail.current().orElseThrow().file());
        assertTrue(mail.unmapped().contains("Certify's PFX " + locked + " cannot be opened without a password: the"
                + " current certificate is known by its thumbprint only."));
    }

    @Test
    void theDefaultDatabaseIsUnderProgramData() {
        assertEquals(Path.of("D:\\Data", "certify", "manageditems.db"),
                CertifyDatabase.defaultFile(Map.of("PROGRAMDATA", "D:\\Data")));
        assertEquals(Path.of("C:\\ProgramData", "certify", "manageditems.db"), CertifyDatabase.defaultFile(Map.of()));
        assertEquals("Certify The Web", new CertifyDatabase(Path.of("x")).tool());
    }

    @Test
    void thePebbleFixtureRenewsOnLinuxAgainstALocalCaIntoPemFiles() throws Exception {
        var pem = directory.resolve("pem");
        var database = CertifyFixture.pebble(directory.resolve("certify"), "https://127.0.0.1:14000/dir", 5002, pem);

        var certificates = read(database);

        assertEquals(1, certificates.size());
        var certificate = certificates.get(0);
        var spec = certificate.spec().orElseThrow();
        assertEquals("Pebble-renewal", spec.name());
        assertEquals(List.of("renew.certify.exacme.test", "www.renew.certify.exacme.test"), spec.identifiers());
        assertEquals("https://127.0.0.1:14000/dir", spec.ca().directory());
        assertEquals(List.of(), spec.ca().trust(), "the test adds Pebble's root");
        assertEquals(new ChallengeSpec.Http01Listener(5002, List.of(), false), spec.challenge());
        assertEquals("ec256", spec.key().type());
        assertEquals(new StoreSpec.Pem(pem.toString(), null), spec.store());
        assertEquals(List.of(), spec.deployments());
        assertEquals(Optional.empty(), certificate.current(), "never issued: the first renewal orders");
        assertEquals(List.of(), certificate.secrets());
        assertEquals(List.of("PEM files in " + pem + ": exacme writes cert.pem, chain.pem, fullchain.pem and key.pem"
                + " there, where Certify wrote " + pem + "/renew.key (pemkey), " + pem + "/renew.crt"
                + " (pemcrtpartialchain): point their readers at exacme's names."), certificate.unmapped());
        assertEquals(spec, SpecJson.MAPPER.readValue(SpecJson.MAPPER.writeValueAsString(spec),
                dev.exacme.lifecycle.spec.CertificateSpec.class));
        assertEquals(Duration.ofMinutes(5), spec.timeout());
    }
}
