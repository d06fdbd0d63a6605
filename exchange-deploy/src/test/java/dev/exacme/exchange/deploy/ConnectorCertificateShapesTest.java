package dev.exacme.exchange.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.connectors.Connector;
import dev.exacme.exchange.connectors.ConnectorCertificate;
import dev.exacme.exchange.connectors.ProfileCertificates;
import dev.exacme.exchange.connectors.ProfileCertificates.Shape;
import dev.exacme.exchange.powershell.ExchangeSession;
import dev.exacme.exchange.powershell.PowerShellRunner;
import dev.exacme.exchange.rollout.DeployResult;
import dev.exacme.exchange.verify.Outcome;
import dev.exacme.exchange.verify.Presented;
import dev.exacme.exchange.verify.Verification;
import dev.exacme.store.KeyAccess;
import dev.exacme.store.Thumbprint;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployment plan for certificates of each ACME profile's shape, against the connectors of
 * a hybrid organisation read through {@code fake-powershell.py} (the connectors script's JSON,
 * parsed as on Exchange): a certificate without a subject common name is kept from connectors
 * and the hybrid configuration unless allowed, and a certificate without clientAuth is warned
 * about where Exchange presents it as a TLS client.
 */
class ConnectorCertificateShapesTest {

    private static final Path STAND_IN = Path.of("src/test/resources/fake-powershell.py").toAbsolutePath();
    private static final KeyAccess FIT = new KeyAccess("Microsoft Software Key Storage Provider (CNG)", "", "",
            List.of(), List.of());
    private static final Thumbprint OLD = Thumbprint.parse("1F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C");
    private static final Instant OLD_NOT_AFTER = Instant.now().plus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private static final List<String> NAMES = List.of("mail.contoso.com", "autodiscover.contoso.com");

    private final FakeExchangeShell exchange = new FakeExchangeShell();
    private List<Connector> hybrid;

    @BeforeEach
    void aHybridOrganisationOnLastQuartersCertificate() throws Exception {
        hybrid = new PowerShellExchangeShell(new PowerShellRunner(List.of("python3", STAND_IN.toString()),
                Duration.ofSeconds(30)), new ExchangeSession.ManagementShell()).connectors();
        exchange.connectors.addAll(hybrid);
        // IIS only: Enable-ExchangeCertificate -Services SMTP leaves SMTP on the previous one too, which would keep it.
        exchange.add(new ExchangeCertificate(OLD, EnumSet.of(ExchangeService.IIS), "Valid",
                OLD_NOT_AFTER, "CN=mail.contoso.com", "CN=R11, O=Let's Encrypt, C=US", false, "exacme", NAMES, false));
    }

    private DeployPlan plan(X509Certificate certificate, boolean connectorsWithoutCn) throws Exception {
        exchange.add(new ExchangeCertificate(Thumbprint.of(certificate), Set.of(), "Valid",
                certificate.getNotAfter().toInstant(), certificate.getSubjectX500Principal().getName(),
                ProfileCertificates.ISSUER, false, "exacme", NAMES, false));
        return DeployPlan.of(exchange, certificate, FIT, new DeployOptions(List.of("EX01"),
                EnumSet.of(ExchangeService.IIS, ExchangeService.SMTP), false, false, false, Optional.empty(),
                connectorsWithoutCn));
    }

    private static X509Certificate leaf(Shape shape) {
        return ProfileCertificates.chain(ProfileCertificates.ec().getPublic(), NAMES, shape).get(0);
    }

    private static List<String> renamed(DeployPlan plan) {
        return plan.steps().stream().filter(step -> step instanceof DeployStep.Rename)
                .map(step -> ((DeployStep.Rename) step).connector().identity()).toList();
    }

    private static List<String> notes(DeployPlan plan, String start) {
        return plan.notes().stream().filter(note -> note.startsWith(start)).toList();
    }

    @Test
    void theConnectorsScriptGivesWhatEachConnectorDemandsOfTls() {
        assertEquals(6, hybrid.size(), hybrid.toString());
        var outbound = hybrid.get(0);
        assertEquals(new Connector.TlsSettings(true, false, true, "DomainValidation"), outbound.tls());
        assertEquals("RequireTLS, CloudServicesMailEnabled, TlsAuthLevel DomainValidation", outbound.tls().describe());
        assertEquals(Connector.TlsSettings.NONE, hybrid.get(3).tls(), "Default Frontend demands nothing");
        assertEquals(Connector.Kind.HYBRID, hybrid.get(5).kind());
        assertEquals(Optional.empty(), hybrid.get(2).certificate(), "Internet lets Exchange choose");
    }

    @Test
    void theShapesAreToldApart() {
        var tlsserver = new ConnectorCertificate(leaf(Shape.TLSSERVER));
        assertFalse(tlsserver.hasCommonName());
        assertFalse(tlsserver.allowsClientAuth());
        assertEquals("", tlsserver.name().subject(), tlsserver.name().toString());
        assertFalse(new ConnectorCertificate(leaf(Shape.SHORTLIVED)).hasCommonName());
        var classic = new ConnectorCertificate(leaf(Shape.CLASSIC));
        assertTrue(classic.hasCommonName());
        assertFalse(classic.allowsClientAuth());
        assertTrue(new ConnectorCertificate(leaf(Shape.CLASSIC_WITH_CLIENT_AUTH)).allowsClientAuth());
    }

    @Test
    void aCertificateWithoutCommonNameIsNotGivenToConnectorsOrTheHybridConfigurationAndThePlanSaysWhy()
            throws Exception {
        var plan = plan(leaf(Shape.TLSSERVER), false);

        assertEquals(List.of(), renamed(plan), plan.describe());
        var held = notes(plan, "not renamed: ");
        assertEquals(1, held.size(), plan.describe());
        for (var connector : List.of("send connector 'Outbound to Office 365 - 8a5e7c1e'", "send connector 'To Fabrikam'",
                "receive connector 'EX01\\Default Frontend EX01'", "receive connector 'EX01\\From Fabrikam'",
                "the hybrid configuration (keeps " + OLD + ", valid until " + OLD_NOT_AFTER + ")")) {
            assertTrue(held.get(0).contains(connector), connector + " in " + held.get(0));
        }
        assertTrue(held.get(0).contains("no subject common name"), held.get(0));
        assertTrue(held.get(0).contains("--connectors-without-cn"), held.get(0));
        assertTrue(held.get(0).contains("--profile classic"), held.get(0));
        assertEquals(List.of(), notes(plan, "warning: "), "no connector presents it");
        assertTrue(plan.steps().stream().anyMatch(step -> step instanceof DeployStep.Enable), "IIS and SMTP still move");
    }

    @Test
    void theConnectorsKeepingThePreviousCertificateKeepItInstalled() throws Exception {
        var certificate = leaf(Shape.TLSSERVER);
        var plan = plan(certificate, false);
        var result = new Deployment(exchange, (endpoints, expected) -> new Verification(expected, endpoints.stream()
                .map(endpoint -> Outcome.judge(Presented.certificate(endpoint, List.of(certificate)), expected)).toList()),
                line -> { }).run(plan);
        assertEquals(DeployResult.Outcome.DEPLOYED, result.outcome());

        var deployed = exchange.certificates.get(Thumbprint.of(certificate));
        var decisions = SupersededCertificates.decide(deployed, List.copyOf(exchange.certificates.values()),
                exchange.webBindings(), exchange.connectors(), Optional.empty(), Duration.ZERO,
                Instant.now().minus(1, ChronoUnit.DAYS), Instant.now());

        assertEquals(1, decisions.size(), decisions.toString());
        assertFalse(decisions.get(0).remove(), decisions.toString());
        assertTrue(decisions.get(0).reason().contains("connector"), decisions.get(0).reason());
    }

    @Test
    void allowedExplicitlyTheyAreRenamedAndTheClientCertificateUsesWarned() throws Exception {
        var certificate = leaf(Shape.SHORTLIVED);
        var plan = plan(certificate, true);

        assertEquals(List.of("Outbound to Office 365 - 8a5e7c1e", "To Fabrikam", "EX01\\Default Frontend EX01",
                "EX01\\From Fabrikam", "Hybrid Configuration"), renamed(plan));
        assertEquals(1, notes(plan, "renamed although the new certificate has no subject common name").size(),
                plan.describe());
        assertTrue(plan.describe().contains("<I>" + ProfileCertificates.ISSUER + "<S>"), plan.describe());
        assertEquals(3, notes(plan, "warning: ").size(), plan.describe());
    }

    @Test
    void aClassicCertificateWithoutClientAuthIsWarnedAboutWhereExchangeIsTheTlsClientOnly() throws Exception {
        var plan = plan(leaf(Shape.CLASSIC), false);

        assertEquals(5, renamed(plan).size(), plan.describe());
        assertEquals(List.of(), notes(plan, "not renamed: "));
        var warnings = notes(plan, "warning: ");
        assertEquals(3, warnings.size(), plan.describe());
        assertTrue(warnings.get(0).startsWith("warning: send connector 'Outbound to Office 365 - 8a5e7c1e' (RequireTLS,"
                + " CloudServicesMailEnabled, TlsAuthLevel DomainValidation) presents"), warnings.get(0));
        assertTrue(warnings.get(0).contains("lacks the clientAuth extended key usage"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("warning: send connector 'To Fabrikam' (RequireTLS, DomainSecureEnabled,"),
                warnings.get(1));
        assertTrue(warnings.get(2).startsWith("warning: the hybrid configuration (mail flow with Exchange Online)"),
                warnings.get(2));
        assertTrue(warnings.stream().noneMatch(warning -> warning.contains("receive connector")), warnings.toString());
    }

    @Test
    void aCertificateWithClientAuthNeedsNoWarning() throws Exception {
        var plan = plan(leaf(Shape.CLASSIC_WITH_CLIENT_AUTH), false);

        assertEquals(5, renamed(plan).size(), plan.describe());
        assertEquals(List.of(), notes(plan, "warning: "), plan.describe());
    }
}
