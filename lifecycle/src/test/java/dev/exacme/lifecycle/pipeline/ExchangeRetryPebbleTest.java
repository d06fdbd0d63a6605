package dev.exacme.lifecycle.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.deploy.ExchangeShell;
import dev.exacme.exchange.deploy.FakeExchangeShell;
import dev.exacme.exchange.iis.WebBinding;
import dev.exacme.exchange.verify.Outcome;
import dev.exacme.exchange.verify.Presented;
import dev.exacme.exchange.verify.ServedCertificateCheck;
import dev.exacme.exchange.verify.Verification;
import dev.exacme.lifecycle.deploy.revocation.CrlReachability;
import dev.exacme.lifecycle.deploy.exchange.ExchangeAccess;
import dev.exacme.lifecycle.managed.CertificateState;
import dev.exacme.lifecycle.managed.ManagedCertificates;
import dev.exacme.lifecycle.managed.Phase;
import dev.exacme.lifecycle.network.ProxySource;
import dev.exacme.lifecycle.network.ResolvedNetwork;
import dev.exacme.lifecycle.run.Progress;
import dev.exacme.lifecycle.run.RecordingProgress;
import dev.exacme.lifecycle.run.RunContext;
import dev.exacme.lifecycle.spec.AccountSpec;
import dev.exacme.lifecycle.spec.CaSpec;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.spec.KeySpec;
import dev.exacme.lifecycle.spec.StoreSpec;
import dev.exacme.lifecycle.timing.RenewalTiming;
import dev.exacme.acme.order.IssuedCertificate;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.Installation;
import dev.exacme.store.KeyAccess;
import dev.exacme.store.Thumbprint;
import dev.exacme.store.files.FileProtection;
import dev.exacme.store.pem.PemStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A managed certificate deployed to Exchange whose verification fails: rolled back, then deployed
 * again by the next renewal with the certificate already issued (Pebble sees no new order), until
 * the server serves it. Exchange is the fake shell; the CA is a real Pebble; the store is real PEM
 * files standing in for {@code LocalMachine\My}, which Exchange lists as Get-ExchangeCertificate does.
 */
class ExchangeRetryPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    private static final Thumbprint SELF_SIGNED = Thumbprint.parse("0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C");
    /** Last quarter's certificate for the same name, which the new one supersedes. */
    private static final Thumbprint OLD = Thumbprint.parse("1F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C");
    private static final KeyAccess FIT = new KeyAccess("Microsoft RSA SChannel Cryptographic Provider (CAPI)", "", "",
            List.of(), List.of());

    @TempDir
    Path temp;

    private final FakeExchangeShell exchange = new FakeExchangeShell();
    private final RecordingProgress progress = new RecordingProgress();
    /** What the front of the server presents: the binding's certificate, unless a stale proxy keeps the old one. */
    private boolean staleProxy = true;

    @Test
    void aRolledBackDeploymentIsDeployedAgainWithoutANewOrderUntilItIsServed() throws Exception {
        exchange.add(new ExchangeCertificate(SELF_SIGNED, EnumSet.of(ExchangeService.IIS, ExchangeService.SMTP),
                "Valid", Instant.now().plus(1000, java.time.temporal.ChronoUnit.DAYS), "CN=EX01", "CN=EX01", true,
                "Microsoft Exchange", List.of("EX01"), true));
        exchange.add(new ExchangeCertificate(OLD, EnumSet.of(ExchangeService.IIS), "Valid",
                Instant.now().plus(20, java.time.temporal.ChronoUnit.DAYS), "CN=mail.retry.exacme.test",
                "CN=Pebble Intermediate CA", false, "exacme", List.of("mail.retry.exacme.test"), false));
        exchange.bindings.add(new WebBinding("Default Web Site", "*", 443, "", Optional.of(OLD), false));
        var config = temp.resolve("config");
        var managed = new ManagedCertificates(config, definition -> {
            throw new AssertionError("no version 1 files here");
        });
        var spec = spec();
        managed.save(spec);
        var pipeline = pipeline(config);

        var first = pipeline.run(spec, CertificateState.empty(), CertificatePipeline.Mode.ORDER,
                StateRecord.of(managed, "mail"), progress());

        assertEquals(PipelineOutcome.Result.FAILED, first.result(), progress.lines.toString());
        assertEquals("rolled-back", first.deployments().get(0).status().id());
        var issued = first.state().thumbprint();
        assertEquals(Phase.INSTALLED, managed.state("mail").phase(), "issued and installed, not deployed");
        assertEquals(Optional.of(OLD), exchange.bindings.get(0).certificate(), "rolled back");
        assertTrue(exchange.certificates.containsKey(OLD), "nothing removed while the old one is served");
        assertEquals(1, orders());
        // Pebble 2.4 offers no profiles: the order names none, and the definition records none.
        assertTrue(progress.lines.contains("profile: the CA offers no profiles; ordering its default certificate"),
                progress.lines.toString());
        assertEquals(null, managed.spec("mail").orElseThrow().ca().profile());

        var second = pipeline.run(spec, managed.state("mail"), CertificatePipeline.Mode.RENEW,
                StateRecord.of(managed, "mail"), progress());

        assertEquals(PipelineOutcome.Result.FAILED, second.result(), "still not served");
        assertEquals(issued, second.state().thumbprint());
        assertEquals(1, orders(), "deploying again needs no new order");

        staleProxy = false;
        var third = pipeline.run(spec, managed.state("mail"), CertificatePipeline.Mode.RENEW,
                StateRecord.of(managed, "mail"), progress());

        assertEquals(PipelineOutcome.Result.DEPLOYED, third.result(), progress.lines.toString());
        assertEquals(issued, third.state().thumbprint());
        assertEquals(Phase.DEPLOYED, managed.state("mail").phase());
        assertEquals(Optional.of(Thumbprint.parse(issued)), exchange.bindings.get(0).certificate());
        assertEquals(1, orders(), "Pebble saw one order in all");
        var outcomes = managed.state("mail").history().stream().map(attempt -> attempt.outcome()).toList();
        assertEquals(List.of("issued", "installed", "rolled-back", "rolled-back", "deployed"), outcomes);
        assertFalse(exchange.certificates.containsKey(OLD), "the certificate it superseded is removed once unused");
        assertTrue(exchange.certificates.containsKey(SELF_SIGNED), "never Exchange's self-signed one");

        var fourth = pipeline.run(spec, managed.state("mail"), CertificatePipeline.Mode.RENEW,
                StateRecord.of(managed, "mail"), progress());
        assertEquals(PipelineOutcome.Result.NOT_DUE, fourth.result(), fourth.reason());
        assertFalse(fourth.reason().isEmpty());
    }

    private long orders() throws Exception {
        return Files.readAllLines(PEBBLE.logFile()).stream().filter(line -> line.contains("POST /order-plz")).count();
    }

    private Progress progress() {
        return progress;
    }

    private CertificateSpec spec() {
        return new CertificateSpec(CertificateSpec.SCHEMA_VERSION, "mail", List.of("mail.retry.exacme.test"),
                new CaSpec(PEBBLE.directoryUrl().toString(), List.of(PEBBLE.trustAnchorPem().toString()),
                        new AccountSpec(List.of(), true, null, null), null, null),
                new ChallengeSpec.Http01Listener(PEBBLE.httpChallengePort(), List.of("127.0.0.1"), false),
                new KeySpec("ec256", false), new StoreSpec.WindowsMachine(false, false, List.of(), List.of()),
                List.of(new DeploymentSpec.Exchange(List.of("EX01"), false, null, List.of("IIS"), false, false, null,
                        false, Duration.ofMinutes(1), Duration.ZERO)), Duration.ofMinutes(2), null, Instant.now());
    }

    private CertificatePipeline pipeline(Path config) throws Exception {
        var run = new RunContext(config, trust -> new ResolvedNetwork(OutboundNetwork.direct(trust), ProxySource.NONE,
                "test"), progress(), Map.of());
        var store = PemStore.directory(temp.resolve("machine-store"), FileProtection.secret(Optional.empty()));
        var installing = new Installing() {
            @Override
            public void prepare(CertificateSpec spec) throws dev.exacme.store.StoreException {
                store.prepare();
            }

            @Override
            public Installation install(CertificateSpec spec, IssuedCertificate issued)
                    throws dev.exacme.store.StoreException {
                var installation = store.install(new dev.exacme.store.CertificateBundle(issued.chain(),
                        issued.keyPair().getPrivate()), "exacme");
                // Get-ExchangeCertificate lists what LocalMachine\My holds.
                exchange.add(new ExchangeCertificate(installation.thumbprint(), EnumSet.noneOf(ExchangeService.class),
                        "Valid", issued.notAfter(), "CN=" + issued.names().get(0).ascii(),
                        issued.leaf().getIssuerX500Principal().getName(), false, "exacme",
                        issued.names().stream().map(name -> name.ascii()).toList(), false));
                return installation;
            }

            @Override
            public Optional<String> missing(CertificateSpec spec, String thumbprint)
                    throws dev.exacme.store.StoreException {
                return store.find(Thumbprint.parse(thumbprint)).isPresent() ? Optional.empty()
                        : Optional.of("not in the store");
            }
        };
        var access = new ExchangeAccess() {
            @Override
            public ExchangeShell shell(DeploymentSpec.Exchange settings) {
                return exchange;
            }

            @Override
            public CertificateStore store() {
                return new KeyFitStore(store, FIT);
            }

            @Override
            public ServedCertificateCheck servedCheck() {
                return (endpoints, expected) -> new Verification(expected, endpoints.stream().map(endpoint ->
                        Outcome.judge(Presented.certificate(endpoint, List.of(served(store))), expected)).toList());
            }

            @Override
            public String localServer() {
                return "EX01";
            }
        };
        return new CertificatePipeline(new CertificatePipeline.Steps(new AcmeOrdering(run), installing,
                new Deploying(access, null, CrlReachability.of(run.network()))), new RenewalTiming(RenewalTiming.DAILY), Clock.systemUTC(),
                new SplittableRandom(7));
    }

    /** The certificate the Default Web Site presents, or the certificate before it when a stale proxy is in front. */
    private X509Certificate served(CertificateStore store) {
        try {
            var bound = exchange.bindings.get(0).certificate().orElseThrow();
            if (staleProxy || bound.equals(SELF_SIGNED) || bound.equals(OLD)) {
                return PemFormat.readCertificates(Files.readString(PEBBLE.trustAnchorPem())).get(0);
            }
            return store.find(bound).orElseThrow().certificate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
