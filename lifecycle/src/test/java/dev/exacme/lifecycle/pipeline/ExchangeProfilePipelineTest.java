package dev.exacme.lifecycle.pipeline;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exacme.acme.fakeca.FakeCa;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.order.IssuedCertificate;
import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.connectors.TlsCertificateName;
import dev.exacme.exchange.deploy.ExchangeShell;
import dev.exacme.exchange.deploy.FakeExchangeShell;
import dev.exacme.exchange.deploy.PowerShellExchangeShell;
import dev.exacme.exchange.iis.WebBinding;
import dev.exacme.exchange.powershell.ExchangeSession;
import dev.exacme.exchange.powershell.PowerShellRunner;
import dev.exacme.exchange.verify.Outcome;
import dev.exacme.exchange.verify.Presented;
import dev.exacme.exchange.verify.ServedCertificateCheck;
import dev.exacme.exchange.verify.Verification;
import dev.exacme.lifecycle.deploy.exchange.ExchangeAccess;
import dev.exacme.lifecycle.managed.CertificateState;
import dev.exacme.lifecycle.managed.ManagedCertificates;
import dev.exacme.lifecycle.network.ProxySource;
import dev.exacme.lifecycle.network.ResolvedNetwork;
import dev.exacme.lifecycle.deploy.revocation.CrlReachability;
import dev.exacme.lifecycle.run.RecordingProgress;
import dev.exacme.lifecycle.spec.GracePeriod;
import dev.exacme.lifecycle.run.RunContext;
import dev.exacme.lifecycle.spec.AccountSpec;
import dev.exacme.lifecycle.spec.CaSpec;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.spec.KeySpec;
import dev.exacme.lifecycle.spec.StoreSpec;
import dev.exacme.lifecycle.timing.RenewalTiming;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.Installation;
import dev.exacme.store.KeyAccess;
import dev.exacme.store.Thumbprint;
import dev.exacme.store.files.FileProtection;
import dev.exacme.store.pem.PemStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A managed certificate deployed to Exchange from a CA that offers Let's Encrypt's profiles,
 * which Pebble 2.4 does not: WireMock plays the CA and issues, for the CSR's key, a certificate
 * shaped as the profile asked for ({@link ProfileIssuingCa}). The connectors are those of a
 * hybrid organisation as {@code fake-powershell.py} reports them through the real connectors
 * script; Exchange is the fake shell; the store is real PEM files.
 */
class ExchangeProfilePipelineTest {

    private static final ProfileIssuingCa ISSUING = new ProfileIssuingCa();

    @RegisterExtension
    static final WireMockExtension WIRE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(ISSUING)).build();

    private static final Thumbprint OLD = Thumbprint.parse("1F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C");
    private static final String OLD_NAME = "<I>CN=R11, O=Let's Encrypt, C=US<S>CN=mail.contoso.com";
    private static final KeyAccess FIT = new KeyAccess("Microsoft RSA SChannel Cryptographic Provider (CAPI)", "", "",
            List.of(), List.of());

    @TempDir
    Path temp;

    private final FakeExchangeShell exchange = new FakeExchangeShell();
    private final RecordingProgress progress = new RecordingProgress();
    private FakeCa fake;
    private ManagedCertificates managed;

    @BeforeEach
    void aHybridServerOnLastQuartersCertificateAndACaWithProfiles() throws Exception {
        ISSUING.ordered.clear();
        var meta = new ObjectMapper().createObjectNode();
        meta.putObject("profiles").put("classic", "the usual, 90 days").put("tlsserver", "45 days, no CN")
                .put("shortlived", "160 hours, no CN");
        fake = new FakeCa(WIRE).happyPath(meta);
        var standIn = temp.resolve("fake-powershell.py");
        try (var script = getClass().getResourceAsStream("/fake-powershell.py")) {
            Files.copy(script, standIn);
        }
        exchange.connectors.addAll(new PowerShellExchangeShell(new PowerShellRunner(List.of("python3",
                standIn.toString()), Duration.ofSeconds(30)), new ExchangeSession.ManagementShell()).connectors());
        exchange.add(new ExchangeCertificate(OLD, EnumSet.of(ExchangeService.IIS), "Valid",
                Instant.now().plus(20, ChronoUnit.DAYS), "CN=mail.contoso.com", "CN=R11, O=Let's Encrypt, C=US", false,
                "exacme", List.of(FakeCa.NAME), false));
        exchange.bindings.add(new WebBinding("Default Web Site", "*", 443, "", Optional.of(OLD), false));
        managed = new ManagedCertificates(temp.resolve("config"), definition -> {
            throw new AssertionError("no version 1 files here");
        });
    }

    @Test
    void anExchangeCertificateGetsClassicWhichTheDefinitionKeepsForRenewals() throws Exception {
        var spec = spec(null, null);
        managed.save(spec);

        var first = pipeline().run(spec, CertificateState.empty(), CertificatePipeline.Mode.ORDER,
                StateRecord.of(managed, "mail"), progress);

        assertEquals(PipelineOutcome.Result.RENEWED, first.result(), progress.lines.toString());
        assertEquals(List.of("classic"), ISSUING.ordered);
        assertEquals("classic", managed.spec("mail").orElseThrow().ca().profile(), "recorded in the definition");
        assertTrue(progress.lines.stream().anyMatch(line -> line.startsWith("profile: classic for the Exchange"
                + " deployment") && line.contains("the CA also offers shortlived, tlsserver")), progress.lines.toString());
        // A classic certificate has a subject CN: every connector naming the old one is renamed. Since February
        // 2026 it lacks clientAuth, which the plan warns about where Exchange is the TLS client.
        assertEquals(5, exchange.connectors.stream().filter(connector -> connector.certificate().isPresent()
                && !connector.certificate().get().toString().equals(OLD_NAME)).count(), exchange.connectors.toString());
        var plan = progress.lines.stream().filter(line -> line.startsWith("Deploy ")).findFirst().orElseThrow();
        assertEquals(3, plan.split("note: warning: ", -1).length - 1, plan);
        assertEquals(3, plan.split("lacks the clientAuth extended key usage", -1).length - 1, plan);

        progress.lines.clear();
        WIRE.resetScenarios();
        var renewal = pipeline().run(managed.spec("mail").orElseThrow(), managed.state("mail"),
                CertificatePipeline.Mode.ORDER, StateRecord.of(managed, "mail"), progress);

        assertEquals(PipelineOutcome.Result.RENEWED, renewal.result(), progress.lines.toString());
        assertEquals(List.of("classic", "classic"), ISSUING.ordered, "the renewal asks for the recorded profile");
        assertTrue(progress.lines.stream().noneMatch(line -> line.startsWith("profile: ")),
                "nothing to choose any more: " + progress.lines);
    }

    @Test
    void aNamedProfileWithoutCommonNameIsDeployedButConnectorsKeepThePreviousCertificate() throws Exception {
        var spec = spec("tlsserver", null);
        managed.save(spec);

        var outcome = pipeline().run(spec, CertificateState.empty(), CertificatePipeline.Mode.ORDER,
                StateRecord.of(managed, "mail"), progress);

        assertEquals(PipelineOutcome.Result.RENEWED, outcome.result(), progress.lines.toString());
        assertEquals(List.of("tlsserver"), ISSUING.ordered);
        assertEquals("tlsserver", managed.spec("mail").orElseThrow().ca().profile());
        var issued = outcome.ordered().orElseThrow().certificate().leaf();
        assertEquals("", issued.getSubjectX500Principal().getName(), "the CA issued a certificate without subject");
        assertEquals(Optional.of(Thumbprint.of(issued)), exchange.bindings.get(0).certificate(), "IIS moved");
        var named = exchange.connectors.stream().filter(connector -> connector.certificate().isPresent())
                .map(connector -> connector.certificate().get().toString()).distinct().toList();
        assertEquals(List.of(OLD_NAME), named, "every connector and the hybrid configuration keep the old name");
        assertTrue(progress.lines.stream().anyMatch(line -> line.contains("note: not renamed: ")
                && line.contains("no subject common name")), progress.lines.toString());
        assertTrue(exchange.certificates.containsKey(OLD), "kept while connectors name it, though --keep-old is 0");
    }

    @Test
    void allowedByTheDefinitionConnectorsNameTheCertificateWithoutCommonName() throws Exception {
        var spec = spec("shortlived", true);
        managed.save(spec);

        var outcome = pipeline().run(spec, CertificateState.empty(), CertificatePipeline.Mode.ORDER,
                StateRecord.of(managed, "mail"), progress);

        assertEquals(PipelineOutcome.Result.RENEWED, outcome.result(), progress.lines.toString());
        var issued = outcome.ordered().orElseThrow().certificate().leaf();
        var name = TlsCertificateName.of(issued).toString();
        assertTrue(name.endsWith("<S>"), name);
        assertEquals(5, exchange.connectors.stream().filter(connector -> connector.certificate().isPresent()
                && connector.certificate().get().toString().equals(name)).count(), exchange.connectors.toString());
        assertTrue(progress.lines.stream().anyMatch(line -> line.contains("(--connectors-without-cn)")),
                progress.lines.toString());
    }

    @Test
    void withoutAnExchangeDeploymentTheCaDefaultStandsAndNothingIsRecorded() throws Exception {
        var spec = new CertificateSpec(CertificateSpec.SCHEMA_VERSION, "mail", List.of(FakeCa.NAME), ca(null),
                challenge(), new KeySpec("ec256", false), new StoreSpec.Pem(temp.resolve("pem").toString(), null),
                List.of(), Duration.ofMinutes(2), null, Instant.now());
        managed.save(spec);

        var outcome = pipeline().run(spec, CertificateState.empty(), CertificatePipeline.Mode.ORDER,
                StateRecord.of(managed, "mail"), progress);

        assertEquals(PipelineOutcome.Result.RENEWED, outcome.result(), progress.lines.toString());
        assertEquals(List.of(""), ISSUING.ordered, "no profile asked for");
        assertNull(managed.spec("mail").orElseThrow().ca().profile());
        assertFalse(fake.payloads("/order").get(0).has("profile"));
    }

    private CaSpec ca(String profile) {
        return new CaSpec(fake.directoryUrl().toString(), List.of(), new AccountSpec(List.of(), true, null, null),
                profile, null);
    }

    private static ChallengeSpec challenge() throws Exception {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new ChallengeSpec.Http01Listener(socket.getLocalPort(), List.of("127.0.0.1"), false);
        }
    }

    private CertificateSpec spec(String profile, Boolean connectorsWithoutCn) throws Exception {
        return new CertificateSpec(CertificateSpec.SCHEMA_VERSION, "mail", List.of(FakeCa.NAME), ca(profile),
                challenge(), new KeySpec("ec256", false), new StoreSpec.WindowsMachine(false, false, List.of(), List.of()),
                List.of(new DeploymentSpec.Exchange(List.of("EX01"), false, null, List.of("IIS"), false, false, null,
                        false, Duration.ofMinutes(1), GracePeriod.fixed(Duration.ZERO), connectorsWithoutCn)), Duration.ofMinutes(2), null,
                Instant.now());
    }

    private CertificatePipeline pipeline() throws Exception {
        var run = new RunContext(temp.resolve("config"), trust -> new ResolvedNetwork(OutboundNetwork.direct(trust),
                ProxySource.NONE, "test"), progress, Map.of());
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
                // Get-ExchangeCertificate lists what LocalMachine\My holds, an empty subject as "".
                exchange.add(new ExchangeCertificate(installation.thumbprint(), EnumSet.noneOf(ExchangeService.class),
                        "Valid", issued.notAfter(), issued.leaf().getSubjectX500Principal().getName(),
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
                // The Default Web Site serves what it is bound to.
                return (endpoints, expected) -> new Verification(expected, endpoints.stream().map(endpoint -> {
                    try {
                        var bound = store.find(exchange.bindings.get(0).certificate().orElseThrow()).orElseThrow();
                        return Outcome.judge(Presented.certificate(endpoint, List.of(bound.certificate())), expected);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList());
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
}
