package dev.exacme.lifecycle.deploy.iis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.exchange.iis.FakeIisShell;
import dev.exacme.exchange.iis.HttpSysKeyManager;
import dev.exacme.exchange.iis.IisShell;
import dev.exacme.exchange.iis.WebBinding;
import dev.exacme.exchange.verify.ServedCertificateCheck;
import dev.exacme.exchange.verify.SniKeyManager;
import dev.exacme.exchange.verify.TestTlsServer;
import dev.exacme.exchange.verify.WireProbe;
import dev.exacme.exchange.verify.WireVerifier;
import dev.exacme.lifecycle.deploy.DeployedCertificate;
import dev.exacme.lifecycle.deploy.DeploymentOutcome;
import dev.exacme.lifecycle.deploy.Superseded;
import dev.exacme.lifecycle.run.RecordingProgress;
import dev.exacme.lifecycle.spec.DeploymentSpec;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The IIS target end to end: the real machine store's logic (over an in-memory Windows), IIS as
 * a fake shell, and a real TLS socket on loopback that serves what http.sys would serve for the
 * fake's bindings, so that DEPLOYED is seen on the wire, and ROLLED_BACK when the socket keeps
 * serving the old certificate.
 */
class IisTargetTest {

    private static final Thumbprint UNRELATED = Thumbprint.parse("1111111111111111111111111111111111111111");

    private final CertificateBundle fresh = TestBundles.rsa("www.contoso.com", "contoso.com", "*.contoso.com");
    private final CertificateBundle old = TestBundles.rsaUntil(Instant.now().plus(20, ChronoUnit.DAYS),
            "www.contoso.com", "contoso.com");
    private final FakeIisShell iis = new FakeIisShell();
    private final CertificateStore store = new MachineStore(new FakeMachineStoreApi(),
            new MachineStore.Options(false, false, List.of()));
    private final RecordingProgress progress = new RecordingProgress();
    private CertificateUsage otherUses = thumbprint -> Optional.empty();
    private TestTlsServer server;

    @AfterEach
    void stopTheServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** http.sys on a loopback port: serves, at each handshake, what the fake's bindings hold. */
    private int httpSys() throws Exception {
        var keys = new HttpSysKeyManager(iis, fresh, old);
        server = TestTlsServer.start(keys, TestTlsServer.IMPLICIT_TLS);
        keys.listenOn(server.port());
        return server.port();
    }

    /** A server that presents {@code keys}' certificate whatever the bindings say, as a stale front end does. */
    private int stale(KeyManager keys) throws Exception {
        server = TestTlsServer.start(keys, TestTlsServer.IMPLICIT_TLS);
        return server.port();
    }

    private IisTarget target(List<String> sites, boolean sni, int port, Duration keepOld) {
        var access = new IisAccess() {
            @Override
            public IisShell shell(DeploymentSpec.Iis settings) {
                return iis;
            }

            @Override
            public CertificateStore store() {
                return store;
            }

            @Override
            public ServedCertificateCheck servedCheck() {
                return new WireVerifier(new WireProbe(Duration.ofSeconds(2), Duration.ofSeconds(2),
                        "probe.example.com"), 4)::verify;
            }

            @Override
            public CertificateUsage otherUses() {
                return otherUses;
            }
        };
        return new IisTarget(new DeploymentSpec.Iis(sites, sni, port, Duration.ofMinutes(5), keepOld), access,
                progress);
    }

    private DeployedCertificate deployed() {
        return new DeployedCertificate(fresh.thumbprint(), Optional.of(old.thumbprint()), fresh.dnsNames());
    }

    private void installBoth() throws Exception {
        store.install(old, "exacme www.contoso.com (last quarter)");
        store.install(fresh, "exacme www.contoso.com");
    }

    @Test
    void aPlainIisHostIsDeployedAndVerifiedOnTheWire() throws Exception {
        installBoth();
        var port = httpSys();
        iis.bindings.add(new WebBinding("RD Gateway", "*", port, "", Optional.of(old.thumbprint()), false));
        iis.bindings.add(new WebBinding("Intranet", "*", port, "intranet.fabrikam.com", Optional.of(UNRELATED), true));

        var outcome = target(List.of("RD Gateway"), false, port, Duration.ofDays(7)).deploy(deployed(), false);

        assertEquals(DeploymentOutcome.Status.DEPLOYED, outcome.status(), outcome.toString());
        assertEquals("iis", outcome.target());
        assertEquals(List.of("IIS site 'RD Gateway' binding https *:" + port + ": (0.0.0.0!" + port + "): "
                + old.thumbprint() + " -> " + fresh.thumbprint()), outcome.plan());
        assertEquals("tls://localhost:" + port + " (no SNI): presents " + fresh.thumbprint() + " as expected",
                outcome.verification().orElseThrow().strip());
        assertEquals(Optional.of(fresh.thumbprint()), iis.bindings.get(0).certificate());
        assertEquals(Optional.of(UNRELATED), iis.bindings.get(1).certificate(), "the other site is left alone");
    }

    @Test
    void withSniEachNameIsBoundAndCheckedWithItsOwnHandshake() throws Exception {
        installBoth();
        var port = httpSys();
        iis.bindings.add(new WebBinding("Intranet", "*", port, "www.contoso.com", Optional.of(old.thumbprint()), true));

        var outcome = target(List.of("Intranet"), true, port, Duration.ofDays(7)).deploy(deployed(), false);

        assertEquals(DeploymentOutcome.Status.DEPLOYED, outcome.status(), outcome.toString());
        assertEquals(List.of("no SNI binding for *.contoso.com: IIS binds host names, not wildcards."), outcome.notes());
        var seen = outcome.verification().orElseThrow();
        assertTrue(seen.contains("tls://localhost:" + port + " (SNI www.contoso.com): presents " + fresh.thumbprint())
                && seen.contains("tls://localhost:" + port + " (SNI contoso.com): presents " + fresh.thumbprint()), seen);
        assertEquals(List.of("bind Intranet *:" + port + ":www.contoso.com " + fresh.thumbprint(),
                "create Intranet *:" + port + ":contoso.com"), iis.calls);
    }

    @Test
    void whenTheSocketKeepsServingTheOldCertificateEverythingIsRolledBack() throws Exception {
        installBoth();
        var port = stale(SniKeyManager.single(old));
        iis.bindings.add(new WebBinding("Intranet", "*", port, "www.contoso.com", Optional.of(old.thumbprint()), true));
        var before = List.copyOf(iis.bindings);

        var outcome = target(List.of("Intranet"), true, port, Duration.ofDays(7)).deploy(deployed(), false);

        assertEquals(DeploymentOutcome.Status.ROLLED_BACK, outcome.status(), outcome.toString());
        assertTrue(outcome.failure().orElseThrow().contains("presents " + old.thumbprint() + " (CN=www.contoso.com)"
                + " instead of " + fresh.thumbprint()), outcome.failure().orElseThrow());
        assertEquals(before, iis.bindings, "moved back, the created SNI binding deleted");
        assertEquals(List.of(), outcome.restoreFailures());
    }

    @Test
    void aDryRunChangesNothing() throws Exception {
        installBoth();
        iis.bindings.add(new WebBinding("Intranet", "*", 443, "www.contoso.com", Optional.of(old.thumbprint()), true));

        var outcome = target(List.of("Intranet"), true, 443, Duration.ofDays(7)).deploy(deployed(), true);

        assertEquals(DeploymentOutcome.Status.DRY_RUN, outcome.status());
        assertEquals(2, outcome.plan().size(), outcome.plan().toString());
        assertEquals(List.of(), iis.calls);
    }

    @Test
    void refusalsChangeNothing() throws Exception {
        iis.bindings.add(new WebBinding("Intranet", "*", 443, "www.contoso.com", Optional.of(old.thumbprint()), true));

        var missing = target(List.of("Intranet"), true, 443, Duration.ofDays(7)).deploy(deployed(), false);
        assertEquals(DeploymentOutcome.Status.REFUSED, missing.status());
        assertEquals("no certificate with thumbprint " + fresh.thumbprint() + " in LocalMachine\\My; install it first.",
                missing.failure().orElseThrow());

        installBoth();
        var unknown = target(List.of("Intranet", "Extranet"), true, 443, Duration.ofDays(7)).deploy(deployed(), false);
        assertEquals(DeploymentOutcome.Status.REFUSED, unknown.status());
        assertEquals("not deployed, nothing changed: IIS has no site 'Extranet'; the sites of this server are"
                + " 'Intranet'. Name them as IIS Manager shows them (--iis-site).", unknown.failure().orElseThrow());

        iis.iisBroken = true;
        var broken = target(List.of("Intranet"), true, 443, Duration.ofDays(7)).deploy(deployed(), false);
        assertEquals("not deployed, nothing changed: The specified module 'WebAdministration' was not loaded.",
                broken.failure().orElseThrow());
        assertEquals(List.of(), iis.calls);
    }

    @Test
    void theCleanUpRemovesOnlyWhatNothingUsesAfterTheGracePeriod() throws Exception {
        installBoth();
        var bound = TestBundles.rsaUntil(Instant.now().plus(10, ChronoUnit.DAYS), "www.contoso.com");
        var httpSysOnly = TestBundles.rsaUntil(Instant.now().plus(15, ChronoUnit.DAYS), "contoso.com");
        var otherNames = TestBundles.rsaUntil(Instant.now().plus(5, ChronoUnit.DAYS), "www.contoso.com",
                "shop.fabrikam.com");
        var newer = TestBundles.rsaUntil(Instant.now().plus(200, ChronoUnit.DAYS), "www.contoso.com");
        for (var bundle : List.of(bound, httpSysOnly, otherNames, newer)) {
            store.install(bundle, "");
        }
        iis.bindings.add(new WebBinding("Intranet", "*", 443, "www.contoso.com", Optional.of(fresh.thumbprint()), true));
        iis.bindings.add(new WebBinding("Archive", "*", 8443, "", Optional.of(bound.thumbprint()), false));
        otherUses = thumbprint -> thumbprint.equals(httpSysOnly.thumbprint())
                ? Optional.of("the https binding contoso.com:443") : Optional.empty();
        var since = Instant.now().minus(1, ChronoUnit.DAYS);

        var waiting = target(List.of("Intranet"), true, 443, Duration.ofDays(7)).cleanUp(fresh.thumbprint(), since,
                false);
        assertEquals(Map.of(
                old.thumbprint().hex(), "kept " + old.thumbprint() + ": kept until " + since.plus(7, ChronoUnit.DAYS)
                        + " (--keep-old 7d)",
                bound.thumbprint().hex(), "kept " + bound.thumbprint() + ": still used by IIS site 'Archive' https"
                        + " *:8443:",
                httpSysOnly.thumbprint().hex(), "kept " + httpSysOnly.thumbprint() + ": still used by the https"
                        + " binding contoso.com:443"), describe(waiting, false),
                "certificates for other names, and newer ones, are not the target's to remove");

        var target = target(List.of("Intranet"), true, 443, Duration.ZERO);
        var planned = target.cleanUp(fresh.thumbprint(), since, true);
        assertEquals("would remove " + old.thumbprint() + ": replaced by " + fresh.thumbprint() + " and no longer used"
                + " by IIS or http.sys", describe(planned, true).get(old.thumbprint().hex()));
        assertTrue(store.find(old.thumbprint()).isPresent(), "a dry run removes nothing");

        var removed = target.cleanUp(fresh.thumbprint(), since, false);
        assertEquals(List.of(old.thumbprint().hex()), removed.stream().filter(Superseded::remove)
                .map(Superseded::thumbprint).toList());
        assertFalse(store.find(old.thumbprint()).isPresent());
        for (var kept : List.of(fresh, bound, httpSysOnly, otherNames, newer)) {
            assertTrue(store.find(kept.thumbprint()).isPresent(), kept.dnsNames().toString());
        }

        assertThrows(InvalidRequest.class, () -> target.cleanUp(old.thumbprint(), since, false));
    }

    private static Map<String, String> describe(List<Superseded> decisions, boolean dryRun) {
        return decisions.stream().collect(java.util.stream.Collectors.toMap(Superseded::thumbprint,
                decision -> decision.describe(dryRun)));
    }
}
