package dev.exacme.lifecycle.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.deploy.ExchangeShell;
import dev.exacme.exchange.deploy.FakeExchangeShell;
import dev.exacme.exchange.iis.FakeIisShell;
import dev.exacme.exchange.iis.IisShell;
import dev.exacme.exchange.iis.WebBinding;
import dev.exacme.exchange.verify.ServedCertificateCheck;
import dev.exacme.lifecycle.deploy.exchange.ExchangeAccess;
import dev.exacme.lifecycle.deploy.exchange.ExchangeTarget;
import dev.exacme.lifecycle.deploy.iis.IisAccess;
import dev.exacme.lifecycle.deploy.iis.IisTarget;
import dev.exacme.lifecycle.run.RecordingProgress;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.spec.GracePeriod;
import dev.exacme.store.CertificateBundle;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.CertificateUsage;
import dev.exacme.store.TestBundles;
import dev.exacme.store.Thumbprint;
import dev.exacme.store.windows.FakeMachineStoreApi;
import dev.exacme.store.windows.MachineStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Six-day certificates renewed every three days leave a trail of superseded ones in
 * {@code LocalMachine\My}. The IIS and Exchange clean-ups (the real machine store's logic over an
 * in-memory Windows, IIS and Exchange as fake shells) remove them once nothing uses them and a
 * tenth of the current certificate's lifetime (14.4 hours) has passed since its deployment, where
 * a fixed week would keep every one of them past its own expiry; never the current certificate.
 */
class ShortLivedCleanUpTest {

    private static final Duration SIX_DAYS = Duration.ofDays(6);
    private static final Duration RENEWED_EVERY = Duration.ofDays(3);
    private static final String NAME = "mail.contoso.com";

    private final CertificateStore store = new MachineStore(new FakeMachineStoreApi(),
            new MachineStore.Options(false, false, List.of()));
    private final Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
    /** The certificate in service: issued an hour ago for six days. */
    private final CertificateBundle current = TestBundles.rsaBetween(issued, issued.plus(SIX_DAYS), NAME);
    /** The five before it, one every three days: the newest still valid for two more days, the others expired. */
    private final List<CertificateBundle> superseded = new ArrayList<>();

    ShortLivedCleanUpTest() throws Exception {
        for (var i = 1; i <= 5; i++) {
            var notBefore = issued.minus(RENEWED_EVERY.multipliedBy(i));
            superseded.add(TestBundles.rsaBetween(notBefore, notBefore.plus(SIX_DAYS), NAME));
        }
        for (var bundle : superseded) {
            store.install(bundle, "exacme " + NAME);
        }
        store.install(current, "exacme " + NAME);
    }

    private static ServedCertificateCheck unused() {
        return (endpoints, expected) -> {
            throw new AssertionError("a clean-up verifies nothing on the wire");
        };
    }

    private IisTarget iis(FakeIisShell shell, GracePeriod keepOld) {
        var access = new IisAccess() {
            @Override
            public IisShell shell(DeploymentSpec.Iis settings) {
                return shell;
            }

            @Override
            public CertificateStore store() {
                return store;
            }

            @Override
            public ServedCertificateCheck servedCheck() {
                return unused();
            }

            @Override
            public CertificateUsage otherUses() {
                return thumbprint -> Optional.empty();
            }
        };
        return new IisTarget(new DeploymentSpec.Iis(List.of("Default Web Site"), false, 443, Duration.ofMinutes(5),
                keepOld), access, new RecordingProgress());
    }

    private List<String> removed(List<Superseded> decisions) {
        return decisions.stream().filter(Superseded::remove).map(Superseded::thumbprint).sorted().toList();
    }

    private List<String> hex(List<CertificateBundle> bundles) {
        return bundles.stream().map(bundle -> bundle.thumbprint().hex()).sorted().toList();
    }

    @Test
    void iisRemovesTheManySupersededOnesOnceATenthOfTheLifetimeHasPassedAndNeverTheCurrentOne() throws Exception {
        var shell = new FakeIisShell();
        shell.bindings.add(new WebBinding("Default Web Site", "*", 443, "", Optional.of(current.thumbprint()), false));
        // The newest superseded one is still bound elsewhere: it stays whatever the period says.
        var stillBound = superseded.get(0);
        shell.bindings.add(new WebBinding("Archive", "*", 8443, "", Optional.of(stillBound.thumbprint()), false));

        var justDeployed = Instant.now().minus(1, ChronoUnit.HOURS);
        var early = iis(shell, GracePeriod.DEFAULT).cleanUp(current.thumbprint(), justDeployed, false);
        assertEquals(List.of(), removed(early), early.toString());
        var until = justDeployed.plus(Duration.ofHours(14).plusMinutes(24));
        assertTrue(early.stream().filter(decision -> !decision.thumbprint().equals(stillBound.thumbprint().hex()))
                .allMatch(decision -> decision.reason().equals("kept until " + until + " (--keep-old a tenth of the"
                        + " certificate's lifetime, at most 7d)")), early.toString());

        var yesterday = Instant.now().minus(15, ChronoUnit.HOURS);
        var week = iis(shell, GracePeriod.fixed(Duration.ofDays(7))).cleanUp(current.thumbprint(), yesterday, true);
        assertEquals(List.of(), removed(week), "a fixed week would keep all five, four of them already expired");

        var later = iis(shell, GracePeriod.DEFAULT).cleanUp(current.thumbprint(), yesterday, false);
        assertEquals(hex(superseded.subList(1, 5)), removed(later), later.toString());
        for (var gone : superseded.subList(1, 5)) {
            assertFalse(store.find(gone.thumbprint()).isPresent());
        }
        assertTrue(store.find(stillBound.thumbprint()).isPresent(), "still bound to Archive");
        assertTrue(store.find(current.thumbprint()).isPresent(), "never the current one");
        assertEquals(List.of(), removed(iis(shell, GracePeriod.fixed(Duration.ZERO)).cleanUp(current.thumbprint(),
                yesterday, false)), "the bound one stays also without any grace period");
    }

    @Test
    void exchangeRemovesTheManySupersededOnesOnceATenthOfTheLifetimeHasPassedAndNeverTheCurrentOne()
            throws Exception {
        var exchange = new FakeExchangeShell();
        exchange.add(certificate(current, EnumSet.of(ExchangeService.IIS, ExchangeService.SMTP)));
        // The newest superseded one still serves IMAP: it stays.
        var stillImap = superseded.get(0);
        exchange.add(certificate(stillImap, EnumSet.of(ExchangeService.IMAP)));
        superseded.subList(1, 5).forEach(bundle -> exchange.add(certificate(bundle, EnumSet.noneOf(ExchangeService.class))));
        var selfSigned = TestBundles.selfSigned("EX01");
        exchange.add(new ExchangeCertificate(selfSigned.thumbprint(), EnumSet.of(ExchangeService.SMTP), "Valid",
                Instant.now().plus(1825, ChronoUnit.DAYS), "CN=EX01", "CN=EX01", true, "Microsoft Exchange",
                List.of("EX01", NAME), true));

        var justDeployed = Instant.now().minus(1, ChronoUnit.HOURS);
        assertEquals(List.of(), removed(exchange(exchange).cleanUp(current.thumbprint(), justDeployed, false)));

        var yesterday = Instant.now().minus(15, ChronoUnit.HOURS);
        var later = exchange(exchange).cleanUp(current.thumbprint(), yesterday, false);

        assertEquals(hex(superseded.subList(1, 5)), removed(later), later.toString());
        assertEquals(List.of(current.thumbprint(), stillImap.thumbprint(), selfSigned.thumbprint()),
                List.copyOf(exchange.certificates.keySet()), "the current, the one IMAP uses, Exchange's own");
        assertTrue(later.stream().anyMatch(decision -> decision.thumbprint().equals(stillImap.thumbprint().hex())
                && decision.reason().equals("still enabled for Exchange services")), later.toString());
    }

    private ExchangeTarget exchange(FakeExchangeShell shell) {
        var access = new ExchangeAccess() {
            @Override
            public ExchangeShell shell(DeploymentSpec.Exchange settings) {
                return shell;
            }

            @Override
            public CertificateStore store() {
                return store;
            }

            @Override
            public ServedCertificateCheck servedCheck() {
                return unused();
            }

            @Override
            public String localServer() {
                return "EX01";
            }
        };
        return new ExchangeTarget(new DeploymentSpec.Exchange(List.of("EX01"), false, null, List.of("IIS", "SMTP"),
                false, false, null, false, Duration.ofMinutes(5), GracePeriod.DEFAULT), access,
                new RecordingProgress());
    }

    private static ExchangeCertificate certificate(CertificateBundle bundle, EnumSet<ExchangeService> services) {
        var leaf = bundle.leaf();
        return new ExchangeCertificate(Thumbprint.of(leaf), services, "Valid", leaf.getNotAfter().toInstant(),
                "CN=" + NAME, leaf.getIssuerX500Principal().getName(), false, "exacme " + NAME, List.of(NAME), false);
    }
}
