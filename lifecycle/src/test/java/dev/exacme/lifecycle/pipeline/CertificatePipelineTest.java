package dev.exacme.lifecycle.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.order.CertificateRequest;
import dev.exacme.acme.order.IssuedCertificate;
import dev.exacme.acme.renewal.RenewalWindow;
import dev.exacme.lifecycle.managed.Phase;
import dev.exacme.lifecycle.run.Progress;
import dev.exacme.lifecycle.spec.AccountSpec;
import dev.exacme.lifecycle.spec.CaSpec;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.KeySpec;
import dev.exacme.lifecycle.spec.StoreSpec;
import dev.exacme.lifecycle.timing.RenewalTiming;
import dev.exacme.store.Installation;
import dev.exacme.store.KeyAccess;
import dev.exacme.store.TestBundles;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's decisions, one pass at a time, with the CA and the store in memory (the real
 * steps are tested against Pebble): never issued, issued but never installed, gone from the
 * store, not due and its chosen time kept, the CA's window ending before the next daily run,
 * Retry-After honoured.
 */
class CertificatePipelineTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path temp;

    private final List<String> orders = new ArrayList<>();
    private final List<String> windowRequests = new ArrayList<>();
    private final List<String> installed = new ArrayList<>();
    private Optional<RenewalWindow> ari = Optional.empty();
    private boolean refuseInstalls;

    private final Ordering ordering = new Ordering() {
        @Override
        public Ordered order(CertificateSpec spec, Optional<X509Certificate> replaces, Progress progress) {
            orders.add(replaces.map(certificate -> "replaces").orElse("new"));
            var bundle = TestBundles.ecdsa(spec.identifiers().toArray(String[]::new));
            try {
                return new Ordered(new IssuedCertificate(bundle.chain(), new KeyPair(bundle.leaf().getPublicKey(),
                        bundle.key()), CertificateRequest.parseNames(spec.identifiers()),
                        new URL("https://ca.test/order/" + orders.size()),
                        new URL("https://ca.test/cert/" + orders.size())), null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Optional<RenewalWindow> renewalWindow(CertificateSpec spec, X509Certificate certificate,
                                                     Progress progress) {
            windowRequests.add(dev.exacme.store.Thumbprint.of(certificate).hex());
            return ari;
        }
    };

    private final Installing installing = new Installing() {
        @Override
        public void prepare(CertificateSpec spec) {
        }

        @Override
        public Installation install(CertificateSpec spec, IssuedCertificate issued)
                throws dev.exacme.store.StoreException {
            if (refuseInstalls) {
                throw new dev.exacme.store.StoreException("the disk is full");
            }
            installed.add(issued.thumbprint());
            return new Installation(dev.exacme.store.Thumbprint.parse(issued.thumbprint()), "memory",
                    new KeyAccess("memory", "", "", List.of(), List.of()), List.of());
        }

        @Override
        public Optional<String> missing(CertificateSpec spec, String thumbprint) {
            return installed.contains(thumbprint) ? Optional.empty() : Optional.of(thumbprint + " is gone");
        }
    };

    private CertificatePipeline pipeline(Instant now) {
        return new CertificatePipeline(new CertificatePipeline.Steps(ordering, installing, new Deploying(null, null, null)),
                new RenewalTiming(RenewalTiming.DAILY), Clock.fixed(now, ZoneOffset.UTC), new SplittableRandom(3));
    }

    private static CertificateSpec spec() {
        return new CertificateSpec(CertificateSpec.SCHEMA_VERSION, "mail", List.of("mail.example.test"),
                new CaSpec("https://ca.test/dir", List.of(), new AccountSpec(List.of(), true, null, null), null, null),
                new ChallengeSpec.Http01Listener(80, List.of(), true), new KeySpec("ec256", false),
                new StoreSpec.Pem("/tmp/mail", null), List.of(), Duration.ofMinutes(5), null, NOW);
    }


    private PipelineOutcome renew(MemoryRecord record, Instant now) throws IOException {
        return pipeline(now).run(spec(), record.state, CertificatePipeline.Mode.RENEW, record, Progress.QUIET);
    }

    @Test
    void neverIssuedIsOrderedThenNotDueWithItsChosenTimeKept() throws Exception {
        var record = new MemoryRecord(temp.resolve("current.pem"));

        var first = renew(record, NOW);

        assertEquals(PipelineOutcome.Result.RENEWED, first.result());
        assertEquals("never issued", first.reason());
        assertEquals(Phase.INSTALLED, record.state.phase(), "no deployments: installed is done");
        var renewAt = record.state.renewAt();
        var second = renew(record, NOW.plus(1, ChronoUnit.DAYS));
        var third = renew(record, NOW.plus(2, ChronoUnit.DAYS));
        assertEquals(PipelineOutcome.Result.NOT_DUE, second.result(), second.reason());
        assertEquals(PipelineOutcome.Result.NOT_DUE, third.result(), third.reason());
        assertEquals(renewAt, record.state.renewAt(), "the time chosen in an unchanged window is kept");
        assertEquals(1, orders.size());
        assertTrue(third.reason().startsWith("not due before"), third.reason());
    }

    @Test
    void aCertificateGoneFromItsStoreIsOrderedAgainNamingWhatItReplaces() throws Exception {
        var record = new MemoryRecord(temp.resolve("current.pem"));
        renew(record, NOW);
        installed.clear();

        var again = renew(record, NOW.plus(1, ChronoUnit.HOURS));

        assertEquals(PipelineOutcome.Result.RENEWED, again.result());
        assertTrue(again.reason().endsWith("is gone"), again.reason());
        assertEquals(List.of("new", "replaces"), orders);
    }

    @Test
    void aFailedInstallKeepsTheCertificateInServiceCurrentAndTheNextPassOrdersAgain() throws Exception {
        var record = new MemoryRecord(temp.resolve("current.pem"));
        renew(record, NOW);
        var served = record.state.thumbprint();
        var servedNotAfter = record.state.notAfter();
        var servedPem = Files.readString(record.pem);
        refuseInstalls = true;

        var refused = pipeline(NOW.plus(1, ChronoUnit.HOURS)).run(spec(), record.state, CertificatePipeline.Mode.ORDER,
                record, Progress.QUIET);

        assertEquals(PipelineOutcome.Result.FAILED, refused.result());
        assertEquals("install", refused.failedStep());
        assertEquals(served, record.state.thumbprint(), "the certificate in service stays current");
        assertEquals(servedNotAfter, record.state.notAfter());
        assertEquals(servedPem, Files.readString(record.pem), "the kept certificate is still the one in service");
        var outcomes = record.state.history().stream().map(attempt -> attempt.outcome()).toList();
        assertEquals(List.of("issued", "installed", "issued", "failed"), outcomes);
        refuseInstalls = false;
        assertEquals(PipelineOutcome.Result.NOT_DUE, renew(record, NOW.plus(2, ChronoUnit.HOURS)).result());
    }

    @Test
    void aSpecificationEditedToOtherNamesOrAnotherKeyIsRenewedAtOnce() throws Exception {
        var record = new MemoryRecord(temp.resolve("current.pem"));
        renew(record, NOW);
        var moreNames = new CertificateSpec(CertificateSpec.SCHEMA_VERSION, "mail", List.of("mail.example.test",
                "autodiscover.example.test"), spec().ca(), spec().challenge(), spec().key(), spec().store(),
                List.of(), spec().timeout(), null, NOW);

        var renamed = pipeline(NOW.plus(1, ChronoUnit.HOURS)).run(moreNames, record.state,
                CertificatePipeline.Mode.RENEW, record, Progress.QUIET);

        assertEquals(PipelineOutcome.Result.RENEWED, renamed.result());
        assertTrue(renamed.reason().startsWith("the specification names autodiscover.example.test, mail.example.test"),
                renamed.reason());
        var otherKey = new CertificateSpec(CertificateSpec.SCHEMA_VERSION, "mail", moreNames.identifiers(),
                spec().ca(), spec().challenge(), new KeySpec("rsa2048", false), spec().store(), List.of(),
                spec().timeout(), null, NOW);
        var rekeyed = pipeline(NOW.plus(2, ChronoUnit.HOURS)).run(otherKey, record.state,
                CertificatePipeline.Mode.RENEW, record, Progress.QUIET);
        assertTrue(rekeyed.reason().contains("asks for a rsa2048 key, the certificate has ec256"), rekeyed.reason());
        assertEquals(3, orders.size());
    }

    @Test
    void theCasWindowEndingBeforeTheNextDailyRunRenewsNowAndRetryAfterIsHonoured() throws Exception {
        var record = new MemoryRecord(temp.resolve("current.pem"));
        renew(record, NOW);
        ari = Optional.of(new RenewalWindow(NOW.plus(30, ChronoUnit.DAYS), NOW.plus(32, ChronoUnit.DAYS),
                Optional.of(NOW.plus(12, ChronoUnit.HOURS)), Optional.empty()));
        var ahead = renew(record, NOW.plus(1, ChronoUnit.HOURS));
        assertEquals(PipelineOutcome.Result.NOT_DUE, ahead.result(), ahead.reason());
        assertEquals("ari", record.state.windowSource());
        assertEquals(1, windowRequests.size());

        ari = Optional.of(new RenewalWindow(NOW.plus(15, ChronoUnit.HOURS), NOW.plus(18, ChronoUnit.HOURS),
                Optional.empty(), Optional.empty()));
        var cached = renew(record, NOW.plus(2, ChronoUnit.HOURS));
        assertEquals(PipelineOutcome.Result.NOT_DUE, cached.result(), "Retry-After: the CA is not asked yet");
        assertEquals(1, windowRequests.size());

        var soon = renew(record, NOW.plus(13, ChronoUnit.HOURS));

        assertEquals(2, windowRequests.size());
        assertEquals(PipelineOutcome.Result.RENEWED, soon.result(), soon.reason());
        assertTrue(soon.reason().contains("before the next scheduled run"), soon.reason());
        assertEquals(List.of("new", "replaces"), orders);
    }

    @Test
    void aRenewalTimeIsNeverInTheLastTenthOfTheLifetime() throws Exception {
        var record = new MemoryRecord(temp.resolve("current.pem"));
        renew(record, NOW);
        var lifetime = Duration.between(record.state.notBefore(), record.state.notAfter());
        assertTrue(!record.state.renewAt().isAfter(record.state.notAfter().minus(lifetime.dividedBy(10))),
                record.state.toString());
        assertTrue(!record.state.renewAt().isBefore(record.state.notBefore().plus(lifetime.multipliedBy(2)
                .dividedBy(3))), "90 days: from two thirds");
    }

    @Test
    void aDamagedKeptCertificateIsSaidAndDoesNotStopTheDecision() throws Exception {
        var record = new MemoryRecord(temp.resolve("current.pem"));
        renew(record, NOW);
        Files.writeString(record.pem, "-----BEGIN CERTIFICATE-----\ngarbage\n");
        var said = new dev.exacme.lifecycle.run.RecordingProgress();
        var lines = said.lines;

        var outcome = pipeline(NOW.plus(1, ChronoUnit.HOURS)).run(spec(), record.state, CertificatePipeline.Mode.RENEW,
                record, said);

        assertEquals(PipelineOutcome.Result.NOT_DUE, outcome.result(), outcome.reason());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith(record.pem.toString())), lines.toString());
        assertTrue(lines.stream().noneMatch(line -> line.contains("out of bounds")), lines.toString());
    }
}
