package dev.exacme.exchange.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.connectors.Connector;
import dev.exacme.exchange.connectors.TlsCertificateName;
import dev.exacme.exchange.iis.BindingChange;
import dev.exacme.exchange.iis.WebBinding;
import dev.exacme.exchange.rollout.DeployRefused;
import dev.exacme.exchange.rollout.DeployResult;
import dev.exacme.exchange.verify.Outcome;
import dev.exacme.exchange.verify.Presented;
import dev.exacme.exchange.verify.ServedCertificateCheck;
import dev.exacme.exchange.verify.Verification;
import dev.exacme.store.CertificateBundle;
import dev.exacme.store.KeyAccess;
import dev.exacme.store.TestBundles;
import dev.exacme.store.Thumbprint;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The deployment's logic through the shell interface: what it plans, applies, verifies and restores. */
class DeploymentTest {

    private static final KeyAccess FIT = new KeyAccess("Microsoft RSA SChannel Cryptographic Provider (CAPI)", "", "",
            List.of(), List.of());
    private static final Thumbprint SELF_SIGNED = Thumbprint.parse("0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C");
    private static final Thumbprint UNRELATED = Thumbprint.parse("1111111111111111111111111111111111111111");

    private final CertificateBundle fresh = TestBundles.rsa("mail.contoso.com", "autodiscover.contoso.com");
    private final CertificateBundle old = TestBundles.rsa("mail.contoso.com", "autodiscover.contoso.com");
    private final FakeExchangeShell exchange = new FakeExchangeShell();
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void aServerWithLastQuartersCertificate() {
        exchange.add(new ExchangeCertificate(SELF_SIGNED, EnumSet.of(ExchangeService.IMAP, ExchangeService.POP,
                ExchangeService.SMTP), "Valid", Instant.now().plus(1000, ChronoUnit.DAYS), "CN=EX01", "CN=EX01", true,
                "Microsoft Exchange", List.of("EX01", "EX01.contoso.local"), true));
        exchange.add(certificate(old, EnumSet.of(ExchangeService.IIS, ExchangeService.SMTP), "CN=R10, O=Let's Encrypt, C=US"));
        exchange.add(certificate(fresh, Set.of(), "CN=exacme test intermediate"));
        exchange.defaultSmtp = Optional.of(SELF_SIGNED);
        exchange.bindings.add(new WebBinding("Default Web Site", "*", 443, "", Optional.of(old.thumbprint()), false));
        exchange.bindings.add(new WebBinding("Exchange Back End", "*", 444, "", Optional.of(SELF_SIGNED), false));
        exchange.bindings.add(new WebBinding("Intranet", "*", 8443, "", Optional.of(old.thumbprint()), false));
        exchange.bindings.add(new WebBinding("Wiki", "*", 443, "wiki.contoso.com", Optional.of(UNRELATED), true));
        exchange.connectors.add(new Connector(Connector.Kind.SEND, "Outbound to Office 365",
                Optional.of(new TlsCertificateName("CN=R10, O=Let's Encrypt, C=US", "CN=mail.contoso.com"))));
        exchange.connectors.add(new Connector(Connector.Kind.RECEIVE, "EX01\\Default Frontend EX01", Optional.empty()));
        exchange.connectors.add(new Connector(Connector.Kind.RECEIVE, "EX01\\Partner",
                Optional.of(new TlsCertificateName("CN=Contoso Issuing CA", "CN=partner.contoso.com"))));
    }

    private static ExchangeCertificate certificate(CertificateBundle bundle, Set<ExchangeService> services, String issuer) {
        var leaf = bundle.leaf();
        return new ExchangeCertificate(bundle.thumbprint(), services, "Valid", leaf.getNotAfter().toInstant(),
                "CN=mail.contoso.com", issuer, false, "exacme", bundle.dnsNames(), false);
    }

    private static ExchangeCertificate exportable(ExchangeCertificate known) {
        return new ExchangeCertificate(known.thumbprint(), known.services(), known.status(), known.notAfter(),
                known.subject(), known.issuer(), known.selfSigned(), known.friendlyName(), known.domains(), true);
    }

    private DeployPlan plan(DeployOptions options) throws Exception {
        return DeployPlan.of(exchange, fresh.leaf(), FIT, options);
    }

    private ServedCertificateCheck serving(X509Certificate certificate) {
        return (endpoints, expected) -> new Verification(expected, endpoints.stream()
                .map(endpoint -> Outcome.judge(Presented.certificate(endpoint, List.of(certificate)), expected)).toList());
    }

    @Test
    void thePlanTakesOverTheOldCertificatesBindingsAndConnectorsAndKeepsTheDefaultSmtpCertificate() throws Exception {
        var plan = plan(DeployOptions.defaults("EX01"));

        var t = fresh.thumbprint();
        var o = old.thumbprint();
        assertEquals(String.join("\n",
                "Deploy " + t,
                "  1. Enable-ExchangeCertificate -Server EX01 -Thumbprint " + t + " -Services IIS,SMTP -Force (taking over"
                        + " from [" + SELF_SIGNED + " SMTP, " + o + " IIS,SMTP])",
                "  2. keep " + SELF_SIGNED + " as the default SMTP (internal transport) certificate of EX01:"
                        + " Enable-ExchangeCertificate -Thumbprint " + SELF_SIGNED + " -Services SMTP -Force"
                        + " (its overwrite prompt cannot be answered \"no\" in a non-interactive run)",
                "  3. IIS site 'Intranet' binding https *:8443: (0.0.0.0!8443): " + o + " -> " + t,
                "  4. send connector 'Outbound to Office 365' TlsCertificateName: <I>CN=R10, O=Let's Encrypt, C=US"
                        + "<S>CN=mail.contoso.com -> <I>CN=exacme test intermediate<S>CN=mail.contoso.com",
                "  then check that these present it: tls://EX01:443 (no SNI), tls://EX01:443 (SNI mail.contoso.com),"
                        + " tls://EX01:443 (SNI autodiscover.contoso.com), smtp+starttls://EX01:25 (no SNI),"
                        + " smtp+starttls://EX01:587 (no SNI)",
                "  and restore everything above if one does not.",
                "  note: Exchange cmdlets through the Exchange Management Shell (RemoteExchange.ps1,"
                        + " Connect-ExchangeServer -auto).",
                "  note: the Exchange Back End site keeps " + SELF_SIGNED + " (Microsoft's advice; --include-backend"
                        + " changes it).",
                ""), plan.describe());
    }

    @Test
    void aDeploymentThatVerifiesLeavesEverythingOnTheNewCertificate() throws Exception {
        var result = new Deployment(exchange, serving(fresh.leaf()), progress::add).run(plan(DeployOptions.defaults("EX01")));

        assertEquals(DeployResult.Outcome.DEPLOYED, result.outcome());
        var t = Optional.of(fresh.thumbprint());
        assertEquals(t, exchange.bindings.get(0).certificate(), "Default Web Site, by Enable-ExchangeCertificate");
        assertEquals(Optional.of(SELF_SIGNED), exchange.bindings.get(1).certificate(), "Back End untouched");
        assertEquals(t, exchange.bindings.get(2).certificate());
        assertEquals(Optional.of(UNRELATED), exchange.bindings.get(3).certificate());
        assertEquals("CN=exacme test intermediate", exchange.connectors.get(0).certificate().orElseThrow().issuer());
        assertEquals(Optional.of(SELF_SIGNED), exchange.defaultSmtp, "the default SMTP certificate is kept");
        assertTrue(progress.get(progress.size() - 1).startsWith("Verifying on the wire: 5 endpoint(s)"), progress.toString());
    }

    @Test
    void aFailedVerificationRestoresEveryBindingConnectorAndService() throws Exception {
        var before = snapshot();

        var result = new Deployment(exchange, serving(old.leaf()), progress::add).run(plan(DeployOptions.defaults("EX01")));

        assertEquals(DeployResult.Outcome.ROLLED_BACK, result.outcome());
        assertTrue(result.failure().orElseThrow().contains("not served as expected"), result.failure().toString());
        assertEquals(before, snapshot());
        assertTrue(exchange.certificates.get(old.thumbprint()).services().contains(ExchangeService.IIS));
    }

    @Test
    void aFailingStepUndoesOnlyWhatWasAppliedAndARestoreFailureIsReported() throws Exception {
        exchange.failOn = "rename";
        var before = snapshot();
        var result = new Deployment(exchange, serving(fresh.leaf()), progress::add).run(plan(DeployOptions.defaults("EX01")));

        assertEquals(DeployResult.Outcome.ROLLED_BACK, result.outcome());
        assertEquals(3, result.applied().size());
        assertTrue(result.verification().isEmpty(), "no verification after a failed step");
        assertTrue(result.failure().orElseThrow().contains("simulated failure of rename"), result.failure().toString());
        assertEquals(before, snapshot());

        exchange.failOn = "";
        exchange.calls.clear();
        exchange.failUndoOn = "bind Intranet";
        var incomplete = new Deployment(exchange, serving(old.leaf()), progress::add).run(plan(DeployOptions.defaults("EX01")));
        assertEquals(DeployResult.Outcome.ROLLBACK_INCOMPLETE, incomplete.outcome());
        assertEquals(1, incomplete.rollbackFailures().size());
        assertTrue(incomplete.rollbackFailures().get(0).startsWith("IIS site 'Intranet'"), incomplete.rollbackFailures().toString());
    }

    @Test
    void backEndOnlyOnRequestAndTheDefaultSmtpReplacedOnlyOnRequest() throws Exception {
        var plan = plan(new DeployOptions(List.of("EX01"), EnumSet.of(ExchangeService.IIS, ExchangeService.SMTP), true, true,
                false));

        assertTrue(plan.steps().stream().anyMatch(step -> step instanceof BindingChange.Rebind rebind && rebind.binding().backEnd()));
        assertFalse(plan.steps().stream().anyMatch(step -> step instanceof DeployStep.KeepDefaultSmtp));
        assertTrue(plan.notes().stream().anyMatch(note -> note.contains("becomes the default SMTP certificate")), plan.notes().toString());
    }

    @Test
    void theHybridConfigurationFollowsLikeAConnector() throws Exception {
        exchange.connectors.add(new Connector(Connector.Kind.HYBRID, "Hybrid Configuration",
                Optional.of(new TlsCertificateName("CN=R10, O=Let's Encrypt, C=US", "CN=mail.contoso.com"))));

        new Deployment(exchange, serving(fresh.leaf()), progress::add).run(plan(DeployOptions.defaults("EX01")));

        assertEquals("CN=exacme test intermediate", exchange.connectors.get(3).certificate().orElseThrow().issuer());
        assertTrue(exchange.calls.contains("rename Hybrid Configuration <I>CN=exacme test intermediate<S>CN=mail.contoso.com"),
                exchange.calls.toString());
    }

    @Test
    void imapGetsACoveredNameAndRestartsOnlyWithConsentLastOnRestoreToo() throws Exception {
        exchange.certificateNames.put(dev.exacme.exchange.certificates.MailProtocol.IMAP, Optional.of("EX01.contoso.local"));
        var services = EnumSet.of(ExchangeService.IIS, ExchangeService.SMTP, ExchangeService.IMAP);

        var withoutConsent = plan(new DeployOptions(List.of("EX01"), services, false, false, false));
        assertTrue(withoutConsent.steps().stream().noneMatch(step -> step instanceof DeployStep.Restart));
        assertTrue(withoutConsent.notes().stream().anyMatch(note -> note.contains("MSExchangeIMAP4 and MSExchangeIMAP4BE"
                + " restart (--restart-services does it); port 993 is not checked")), withoutConsent.notes().toString());
        assertTrue(withoutConsent.endpoints().stream().noneMatch(endpoint -> endpoint.port() == 993));

        var plan = plan(new DeployOptions(List.of("EX01"), services, false, false, true));
        assertTrue(plan.endpoints().stream().anyMatch(endpoint -> endpoint.port() == 993));
        var result = new Deployment(exchange, serving(old.leaf()), progress::add).run(plan);

        assertEquals(DeployResult.Outcome.ROLLED_BACK, result.outcome());
        assertEquals(Optional.of("EX01.contoso.local"), exchange.certificateNames.get(dev.exacme.exchange.certificates.MailProtocol.IMAP));
        var restored = exchange.calls.subList(exchange.calls.indexOf("restart IMAP") + 1, exchange.calls.size());
        assertEquals("restart IMAP", restored.get(restored.size() - 1), "the restart is undone after everything else: "
                + exchange.calls);
        assertTrue(restored.contains("setCertificateName IMAP EX01.contoso.local"), exchange.calls.toString());
        assertTrue(DeployPlan.covers(List.of("*.contoso.com"), "mail.contoso.com"));
        assertFalse(DeployPlan.covers(List.of("*.contoso.com"), "a.mail.contoso.com"));
    }

    @Test
    void aCopyToAnotherServerIsRefusedBeforeAnyStepWhenTheKeyIsNotExportable() {
        exchange.missingOn.put("EX02", new java.util.HashSet<>(Set.of(fresh.thumbprint())));
        var options = new DeployOptions(List.of("EX01", "EX02"), EnumSet.of(ExchangeService.IIS), false, false, false);

        var refused = assertThrows(DeployRefused.class, () -> plan(options));

        assertTrue(refused.getMessage().contains("PrivateKeyExportable False"), refused.getMessage());
        assertTrue(refused.getMessage().contains("to EX02"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--exportable"), refused.getMessage());
        assertTrue(exchange.calls.isEmpty(), "nothing was changed: " + exchange.calls);
    }

    @Test
    void bindingChangesWithSeveralServersAreRefusedBeforeAnythingChanges() {
        // The Intranet site's binding serves the old certificate: it would move on this computer only.
        var options = new DeployOptions(List.of("EX01", "EX02"), EnumSet.of(ExchangeService.IIS), false, false, false);

        var refused = assertThrows(DeployRefused.class, () -> plan(options));

        assertTrue(refused.getMessage().contains("IIS site 'Intranet' binding https *:8443:"), refused.getMessage());
        assertTrue(refused.getMessage().contains("only on the computer exacme runs on"), refused.getMessage());
        assertTrue(refused.getMessage().contains("one server at a time"), refused.getMessage());
        assertTrue(exchange.calls.isEmpty(), "nothing was changed: " + exchange.calls);
    }

    @Test
    void otherServersGetACopyThroughExchangeAndLoseItAgainOnRestore() throws Exception {
        exchange.add(exportable(certificate(fresh, Set.of(), "CN=exacme test intermediate")));
        exchange.bindings.removeIf(binding -> binding.site().equals("Intranet"));
        exchange.missingOn.put("EX02", new java.util.HashSet<>(Set.of(fresh.thumbprint())));
        var options = new DeployOptions(List.of("EX01", "EX02"), EnumSet.of(ExchangeService.IIS), false, false, false);

        var plan = plan(options);
        assertTrue(plan.steps().get(1) instanceof DeployStep.Copy copy && copy.toServer().equals("EX02"),
                plan.describe());
        assertTrue(plan.notes().stream().anyMatch(note -> note.contains("copied to EX02")), plan.describe());
        assertTrue(plan.endpoints().stream().anyMatch(endpoint -> endpoint.host().equals("EX02")));

        var result = new Deployment(exchange, serving(old.leaf()), progress::add).run(plan);
        assertEquals(DeployResult.Outcome.ROLLED_BACK, result.outcome());
        assertTrue(exchange.calls.contains("remove " + fresh.thumbprint() + " on EX02"), exchange.calls.toString());
        assertTrue(exchange.missingOn.get("EX02").contains(fresh.thumbprint()));
    }

    @Test
    void sniBindingsAreCreatedOnRequestAndDeletedOnRestore() throws Exception {
        exchange.bindings.add(new WebBinding("Intranet", "*", 443, "autodiscover.contoso.com", Optional.of(UNRELATED), true));
        var options = new DeployOptions(List.of("EX01"), EnumSet.of(ExchangeService.IIS), false, false, false,
                Optional.of("Intranet"));

        var plan = plan(options);
        var created = plan.steps().stream().filter(step -> step instanceof BindingChange.CreateBinding).toList();
        assertEquals(1, created.size(), plan.describe());
        assertTrue(created.get(0).describe().contains("*:443:mail.contoso.com (SNI)"), plan.describe());
        assertTrue(plan.steps().stream().anyMatch(step -> step instanceof BindingChange.Rebind rebind
                && rebind.binding().host().equals("autodiscover.contoso.com")), plan.describe());

        var before = exchange.bindings.size();
        new Deployment(exchange, serving(old.leaf()), progress::add).run(plan);
        assertEquals(before, exchange.bindings.size(), "the created binding is gone again");
        assertEquals(Optional.of(UNRELATED), exchange.bindings.get(before - 1).certificate());
    }

    @Test
    void anSniBindingIsNotCreatedWhereAnotherSiteOrAnotherProgramHoldsItsSslBinding() {
        // The create script replaces an SSL binding of the same name, and its undo deletes it.
        exchange.bindings.add(new WebBinding("Shop", "*", 443, "mail.contoso.com", Optional.of(UNRELATED), true));
        exchange.foreignSslBindings.add("!443!autodiscover.contoso.com");
        var options = new DeployOptions(List.of("EX01"), EnumSet.of(ExchangeService.IIS), false, false, false,
                Optional.of("Intranet"));

        var refused = assertThrows(DeployRefused.class, () -> plan(options));

        assertEquals("IIS site 'Intranet' would get an SNI binding https *:443:mail.contoso.com, but IIS site 'Shop'"
                + " https *:443:mail.contoso.com (SNI) already holds the http.sys SSL binding !443!mail.contoso.com,"
                + " which carries one certificate. Name that site with --sni-site instead, or remove its binding."
                + " IIS site 'Intranet' would get an SNI binding https *:443:autodiscover.contoso.com, but http.sys"
                + " already has the SSL binding !443!autodiscover.contoso.com, which no IIS site uses (ADFS, an RD"
                + " Gateway or netsh may have made it): exacme does not take it over, since restoring would delete"
                + " it. Remove it (netsh http delete sslcert) if nothing needs it, or deploy without --sni-site.",
                refused.getMessage());
        assertTrue(exchange.calls.isEmpty(), "nothing was changed: " + exchange.calls);
    }

    @Test
    void requireSslIsKeptAsTheSiteHadIt() throws Exception {
        exchange.requireSsl = false;
        new Deployment(exchange, serving(fresh.leaf()), progress::add).run(plan(DeployOptions.defaults("EX01")));
        assertTrue(exchange.calls.get(0).endsWith("-DoNotRequireSsl"), exchange.calls.toString());
    }

    @Test
    void preconditionsRefuseBeforeAnythingChanges() {
        var unfit = new KeyAccess("CSP", "", "", List.of(), List.of("BUILTIN\\Administrators lacks full control"));
        var refused = assertThrows(DeployRefused.class,
                () -> DeployPlan.of(exchange, fresh.leaf(), unfit, DeployOptions.defaults("EX01")));
        assertTrue(refused.getMessage().contains("exacme store grant " + fresh.thumbprint()), refused.getMessage());

        var revocation = certificate(fresh, Set.of(), "CN=exacme test intermediate");
        exchange.add(new ExchangeCertificate(revocation.thumbprint(), Set.of(), "RevocationCheckFailure",
                revocation.notAfter(), revocation.subject(), revocation.issuer(), false, "", revocation.domains(), false));
        var offline = assertThrows(DeployRefused.class, () -> plan(DeployOptions.defaults("EX01")));
        assertTrue(offline.getMessage().contains("cannot reach the CA's revocation lists"), offline.getMessage());

        exchange.certificates.remove(fresh.thumbprint());
        var missing = assertThrows(DeployRefused.class, () -> plan(DeployOptions.defaults("EX01")));
        assertTrue(missing.getMessage().contains("does not list " + fresh.thumbprint()), missing.getMessage());
        assertTrue(exchange.calls.isEmpty(), "nothing was changed: " + exchange.calls);
    }

    private List<Object> snapshot() {
        return List.of(List.copyOf(exchange.bindings), List.copyOf(exchange.connectors), exchange.defaultSmtp,
                exchange.certificates.values().stream().filter(known -> known.services().contains(ExchangeService.IIS))
                        .map(ExchangeCertificate::thumbprint).toList());
    }
}
