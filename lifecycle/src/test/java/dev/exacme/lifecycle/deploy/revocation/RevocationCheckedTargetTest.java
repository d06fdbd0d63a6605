package dev.exacme.lifecycle.deploy.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.lifecycle.deploy.DeployedCertificate;
import dev.exacme.lifecycle.deploy.DeploymentOutcome;
import dev.exacme.lifecycle.deploy.DeploymentTarget;
import dev.exacme.lifecycle.deploy.Superseded;
import dev.exacme.lifecycle.network.ProxySource;
import dev.exacme.lifecycle.network.ResolvedNetwork;
import dev.exacme.lifecycle.run.RecordingProgress;
import dev.exacme.store.Thumbprint;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guard in front of the Exchange and IIS targets, with the real CRL check against a real
 * HTTP server: a CRL that cannot be fetched means the target is never asked (nothing changed),
 * one that can means the target is asked and the plan's notes say which CRLs were fetched.
 */
class RevocationCheckedTargetTest {

    private final CrlServer server = newServer();
    private final TestCa ca = new TestCa(List.of(server.url("/root.crl")));
    private final List<String> asked = new ArrayList<>();
    private final RecordingProgress progress = new RecordingProgress();

    @AfterEach
    void stop() {
        server.close();
    }

    private static CrlServer newServer() {
        try {
            return new CrlServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A target that only records being asked and answers DEPLOYED with a note of its own. */
    private final DeploymentTarget exchange = new DeploymentTarget() {
        @Override
        public String name() {
            return "exchange";
        }

        @Override
        public DeploymentOutcome deploy(DeployedCertificate certificate, boolean dryRun) {
            asked.add("deploy " + certificate.thumbprint());
            return new DeploymentOutcome("exchange", DeploymentOutcome.Status.DEPLOYED, List.of("IIS: old -> new"),
                    List.of("SMTP keeps the self-signed certificate"), Optional.empty(), Optional.of("served"),
                    List.of());
        }

        @Override
        public List<Superseded> cleanUp(Thumbprint current, Instant since, boolean dryRun) {
            asked.add("cleanUp " + current);
            return List.of();
        }
    };

    private RevocationCheckedTarget guarded() {
        var check = new CrlReachability(() -> new ResolvedNetwork(OutboundNetwork.direct(
                TrustedCertificates.systemDefault()), ProxySource.NONE, ProxySource.NONE.description()),
                Clock.systemUTC());
        return new RevocationCheckedTarget(exchange, check, progress);
    }

    private DeployedCertificate deployed(String crlPath) {
        var leaf = ca.leaf("mail.contoso.com", List.of(server.url(crlPath)));
        return new DeployedCertificate(Thumbprint.of(leaf), Optional.empty(), List.of("mail.contoso.com"),
                List.of(leaf, ca.intermediate));
    }

    @Test
    void aCrlThatCannotBeFetchedRefusesBeforeTheTargetIsAsked() throws Exception {
        server.crl("/root.crl", ca.rootCrl());
        var certificate = deployed("/gone.crl");

        var outcome = guarded().deploy(certificate, false);

        assertEquals(DeploymentOutcome.Status.REFUSED, outcome.status());
        assertEquals(List.of(), asked, "Exchange was not asked anything");
        var failure = outcome.failure().orElseThrow();
        assertTrue(failure.startsWith("not deployed, nothing changed: the CRL " + server.url("/gone.crl")
                + " of the certificate (CN=mail.contoso.com) could not be fetched directly"), failure);
    }

    @Test
    void reachableCrlsLetTheTargetDeployAndAreNotedFirst() throws Exception {
        server.crl("/r99.crl", ca.intermediateCrl(Instant.now().plus(7, ChronoUnit.DAYS)));
        server.crl("/root.crl", ca.rootCrl());
        var certificate = deployed("/r99.crl");

        var outcome = guarded().deploy(certificate, false);

        assertEquals(DeploymentOutcome.Status.DEPLOYED, outcome.status());
        assertEquals(List.of("deploy " + certificate.thumbprint()), asked);
        assertEquals(3, outcome.notes().size(), outcome.notes().toString());
        assertTrue(outcome.notes().get(0).startsWith("CRL of the certificate (CN=mail.contoso.com) fetched directly"));
        assertEquals("SMTP keeps the self-signed certificate", outcome.notes().get(2));
        assertEquals(List.of("IIS: old -> new"), outcome.plan());
    }

    @Test
    void cleanupIsTheTargetsOwn() throws Exception {
        var thumbprint = Thumbprint.parse("1111111111111111111111111111111111111111");
        guarded().cleanUp(thumbprint, Instant.now(), true);
        assertEquals(List.of("cleanUp " + thumbprint), asked);
        assertEquals(List.of(), server.requested(), "cleanup fetches no CRL");
    }
}
