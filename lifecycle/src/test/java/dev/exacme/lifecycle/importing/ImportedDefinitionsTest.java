package dev.exacme.lifecycle.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.keys.PemFormat;
import dev.exacme.lifecycle.managed.ManagedCertificates;
import dev.exacme.lifecycle.managed.Phase;
import dev.exacme.lifecycle.pipeline.CertificatePipeline;
import dev.exacme.lifecycle.spec.AccountSpec;
import dev.exacme.lifecycle.spec.CaSpec;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.spec.KeySpec;
import dev.exacme.lifecycle.spec.StoreSpec;
import dev.exacme.lifecycle.timing.RenewalTiming;
import dev.exacme.store.TestBundles;
import dev.exacme.store.Thumbprint;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imported certificates written as managed ones: the other tool's current certificate kept in
 * service and not due, deployed where the definition deploys; an import run twice changes
 * nothing; nothing already managed is overwritten; a store another definition owns is refused.
 */
class ImportedDefinitionsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path temp;

    /** The certificates the definition's store holds; null: the store cannot be looked into here. */
    private List<java.security.cert.X509Certificate> inStore;

    private final ImportedDefinitions.StoreLookup store = (spec, thumbprint) -> {
        if (inStore == null) {
            throw new dev.exacme.store.StoreException("the Windows machine store exists on Windows only");
        }
        return inStore.stream().filter(certificate -> Thumbprint.of(certificate).equals(thumbprint)).findFirst()
                .map(certificate -> new dev.exacme.store.StoredCertificate(thumbprint, certificate, "",
                        Optional.of("key.pem")));
    };

    private ManagedCertificates managed() {
        return new ManagedCertificates(temp.resolve("config"), null);
    }

    private ImportedDefinitions writer() {
        return new ImportedDefinitions(managed(), store, new RenewalTiming(RenewalTiming.DAILY),
                Clock.fixed(NOW, ZoneOffset.UTC), new SplittableRandom(7));
    }

    private CertificateSpec spec(String name, String directory, List<DeploymentSpec> deployments) {
        return new CertificateSpec(CertificateSpec.SCHEMA_VERSION, name, List.of("mail.contoso.test",
                "autodiscover.contoso.test"), new CaSpec("https://acme.test/dir", List.of(),
                new AccountSpec(List.of(), true, null, null), null, null), new ChallengeSpec.Http01Listener(80,
                List.of(), true), new KeySpec("rsa2048", false), new StoreSpec.Pem(temp.resolve(directory).toString(),
                null), deployments, Duration.ofMinutes(5), null, NOW);
    }

    private static ImportedCertificate imported(CertificateSpec spec, Optional<CurrentCertificate> current) {
        return new ImportedCertificate("renewals/abc.renewal.json", "[Manual] mail.contoso.test", spec.identifiers(),
                Optional.of(spec), current, List.of(), List.of(), Optional.empty());
    }

    @Test
    void theCurrentCertificateIsKeptDeployedAndNotDueAtTheFirstRenewal() throws Exception {
        var bundle = TestBundles.rsa("mail.contoso.test", "autodiscover.contoso.test");
        var file = temp.resolve("current.pem");
        Files.writeString(file, PemFormat.certificates(bundle.chain()));
        var thumbprint = Thumbprint.of(bundle.leaf()).hex();
        var script = new DeploymentSpec.Script("/usr/local/bin/deploy", List.of("{thumbprint}"), Duration.ofMinutes(5));
        var spec = spec("mail", "pem/mail", List.of(script));
        inStore = List.of(bundle.leaf());

        var written = writer().write(imported(spec, Optional.of(new CurrentCertificate(thumbprint.toLowerCase(),
                Optional.empty(), Optional.empty(), Optional.of(file)))), "win-acme");

        assertEquals(ImportedDefinitions.Result.WRITTEN, written.result(), written.message());
        var state = managed().state("mail");
        assertEquals(thumbprint, state.thumbprint());
        assertEquals(bundle.leaf().getNotAfter().toInstant(), state.notAfter(), "dates read from the store");
        assertEquals(Phase.DEPLOYED, state.phase());
        assertTrue(state.isDeployedAt(spec.deploymentKeys().get(0)), "the other tool deployed it: not run again at once");
        assertEquals("imported", state.lastAttempt().outcome());
        assertTrue(Files.exists(managed().certificateFile("mail")), "kept for the CA's renewal information");
        assertEquals(spec, managed().spec("mail").orElseThrow());
        var decision = CertificatePipeline.decide(spec, state, NOW, new RenewalTiming(RenewalTiming.DAILY));
        assertEquals(CertificatePipeline.Action.NOTHING, decision.action(), decision.reason());
    }

    @Test
    void whereTheStoreCannotBeLookedIntoTheOtherToolsFileGivesTheDatesAndOnlyAnExpiryIsNotEnough() throws Exception {
        var bundle = TestBundles.rsa("mail.contoso.test", "autodiscover.contoso.test");
        var file = temp.resolve("mail-crt.pem");
        Files.writeString(file, PemFormat.certificates(bundle.chain()));
        var thumbprint = Thumbprint.of(bundle.leaf()).hex();
        inStore = null;
        var fromFile = writer().write(imported(spec("mail", "pem/mail", List.of()), Optional.of(new CurrentCertificate(
                thumbprint, Optional.empty(), Optional.empty(), Optional.of(file)))), "win-acme");
        assertEquals(ImportedDefinitions.Result.WRITTEN, fromFile.result());
        assertEquals(bundle.leaf().getNotBefore().toInstant(), managed().state("mail").notBefore());

        var expiryOnly = writer().write(imported(spec("owa", "pem/owa", List.of()), Optional.of(new CurrentCertificate(
                thumbprint, Optional.empty(), Optional.of(Instant.parse("2027-01-18T08:00:11Z")), Optional.empty()))),
                "win-acme");
        assertTrue(expiryOnly.message().contains("is not known"), expiryOnly.message());
        assertEquals(null, managed().state("owa").thumbprint(), "ordered at the first renew");
    }

    @Test
    void datesComeFromTheOtherToolWhenItsFileIsPasswordProtected() throws Exception {
        var bundle = TestBundles.rsa("mail.contoso.test", "autodiscover.contoso.test");
        var store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", bundle.key(), "secret".toCharArray(),
                bundle.chain().toArray(java.security.cert.Certificate[]::new));
        var bytes = new ByteArrayOutputStream();
        store.store(bytes, "secret".toCharArray());
        var pfx = temp.resolve("cache.pfx");
        Files.write(pfx, bytes.toByteArray());
        var notBefore = Instant.parse("2026-11-01T00:00:00Z");
        var notAfter = Instant.parse("2027-01-30T00:00:00Z");
        var thumbprint = Thumbprint.of(bundle.leaf()).hex();

        var written = writer().write(imported(spec("mail", "pem/mail", List.of()), Optional.of(
                new CurrentCertificate(thumbprint, Optional.of(notBefore), Optional.of(notAfter), Optional.of(pfx)))),
                "win-acme");

        assertEquals(ImportedDefinitions.Result.WRITTEN, written.result());
        assertEquals(notAfter, managed().state("mail").notAfter());
        assertFalse(Files.exists(managed().certificateFile("mail")), "nothing to keep without the certificate");
    }

    @Test
    void aCurrentCertificateOutsideExacmesStoreIsOrderedAgainIntoIt() throws Exception {
        var bundle = TestBundles.rsa("mail.contoso.test", "autodiscover.contoso.test");
        var file = temp.resolve("renew.crt");
        Files.writeString(file, PemFormat.certificates(bundle.chain()));
        inStore = List.of();
        var spec = spec("mail", "pem/mail", List.of());
        var written = writer().write(imported(spec, Optional.of(new CurrentCertificate(Thumbprint.of(bundle.leaf())
                .hex(), Optional.empty(), Optional.empty(), Optional.of(file)))), "Certify The Web");
        assertEquals(ImportedDefinitions.Result.WRITTEN, written.result());
        assertTrue(written.message().contains("is not in pem:"), written.message());
        assertTrue(written.message().contains("the first 'exacme renew' orders one"), written.message());
        assertEquals(CertificatePipeline.Action.ORDER, CertificatePipeline.decide(spec, managed().state("mail"), NOW,
                new RenewalTiming(RenewalTiming.DAILY)).action());
    }

    @Test
    void withoutAKnownCurrentCertificateTheFirstRenewalOrders() throws Exception {
        var spec = spec("mail", "pem/mail", List.of());
        var written = writer().write(imported(spec, Optional.of(new CurrentCertificate("not a thumbprint",
                Optional.empty(), Optional.empty(), Optional.empty()))), "Certify The Web");
        assertEquals(ImportedDefinitions.Result.WRITTEN, written.result());
        assertTrue(written.message().contains("orders one"), written.message());
        assertEquals(CertificatePipeline.Action.ORDER, CertificatePipeline.decide(spec, managed().state("mail"), NOW,
                new RenewalTiming(RenewalTiming.DAILY)).action());
    }

    @Test
    void runTwiceItChangesNothingAndNeverOverwritesAnotherDefinition() throws Exception {
        var spec = spec("mail", "pem/mail", List.of());
        assertEquals(ImportedDefinitions.Result.WRITTEN, writer().write(imported(spec, Optional.empty()), "win-acme")
                .result());
        var before = Files.readString(managed().definitionFile("mail"));
        var again = new ImportedDefinitions(managed(), store, new RenewalTiming(RenewalTiming.DAILY),
                Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC), new SplittableRandom(8));
        assertEquals(ImportedDefinitions.Result.UNCHANGED, again.write(imported(spec, Optional.empty()), "win-acme")
                .result());

        var edited = again.write(imported(spec("mail", "pem/elsewhere", List.of()), Optional.empty()), "win-acme");
        assertEquals(ImportedDefinitions.Result.UNCHANGED, edited.result(), "the same certificate, edited since");
        assertTrue(edited.message().contains("changed since"), edited.message());

        var other = again.write(new ImportedCertificate("another/renewal.json", "another", List.of("mail.contoso.test"),
                Optional.of(spec("mail", "pem/elsewhere", List.of())), Optional.empty(), List.of(), List.of(),
                Optional.empty()), "win-acme");
        assertEquals(ImportedDefinitions.Result.SKIPPED, other.result(), "another certificate of the same name");
        assertTrue(other.message().contains("exacme remove mail"), other.message());
        assertEquals(before, Files.readString(managed().definitionFile("mail")));

        var sharing = again.write(imported(spec("owa", "pem/mail", List.of()), Optional.empty()), "win-acme");
        assertEquals(ImportedDefinitions.Result.SKIPPED, sharing.result());
        assertTrue(sharing.message().contains("belongs to managed certificate mail"), sharing.message());
        assertTrue(managed().spec("owa").isEmpty());
    }

    @Test
    void aRefusedCertificateIsSkippedWithItsReason() throws Exception {
        var written = writer().write(ImportedCertificate.refused("db row 4", "legacy", List.of("*.contoso.test"),
                List.of(), "a wildcard needs DNS-01"), "Certify The Web");
        assertEquals(ImportedDefinitions.Result.SKIPPED, written.result());
        assertEquals("a wildcard needs DNS-01", written.message());
    }
}
