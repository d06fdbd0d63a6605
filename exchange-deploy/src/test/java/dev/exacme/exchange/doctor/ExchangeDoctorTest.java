package dev.exacme.exchange.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.connectors.Connector;
import dev.exacme.exchange.connectors.TlsCertificateName;
import dev.exacme.exchange.deploy.ClientAccessUrl;
import dev.exacme.exchange.deploy.ExchangeShell;
import dev.exacme.exchange.doctor.Finding.Severity;
import dev.exacme.exchange.iis.WebBinding;
import dev.exacme.exchange.verify.Endpoint;
import dev.exacme.exchange.verify.SniKeyManager;
import dev.exacme.exchange.verify.TestTlsServer;
import dev.exacme.exchange.verify.WireProbe;
import dev.exacme.exchange.verify.WireVerifier;
import dev.exacme.store.CertificateBundle;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.CertificateUsage;
import dev.exacme.store.Installation;
import dev.exacme.store.KeyAccess;
import dev.exacme.store.KeyGrant;
import dev.exacme.store.StoreException;
import dev.exacme.store.StoredCertificate;
import dev.exacme.store.TestBundles;
import dev.exacme.store.Thumbprint;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The preflight on the seed's server, and each of HealthChecker's certificate checks and those it lacks. */
class ExchangeDoctorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final CertificateBundle letsEncrypt = TestBundles.rsa("mail.contoso.com", "autodiscover.contoso.com");
    private final CertificateBundle selfSigned = TestBundles.selfSigned("EX01");
    private final CertificateBundle auth = TestBundles.selfSigned("Microsoft Exchange Server Auth Certificate");

    private final Keys keys = new Keys();
    private final List<CertificateFacts> inventory = new ArrayList<>();
    private final List<WebBinding> bindings = new ArrayList<>();
    private final List<Connector> connectors = new ArrayList<>();
    private final Map<String, List<ExchangeCertificate>> others = new HashMap<>();
    private final List<ClientAccessUrl> urls = new ArrayList<>();
    private AuthConfig authConfig;
    private String ecc = "";

    /** LocalMachine\My as the doctor sees it: which certificates have keys, and their access verdicts. */
    private static final class Keys implements CertificateStore {
        final Map<Thumbprint, StoredCertificate> stored = new HashMap<>();
        final Map<Thumbprint, KeyAccess> access = new HashMap<>();

        void add(CertificateBundle bundle, String provider, List<String> problems) {
            stored.put(bundle.thumbprint(), new StoredCertificate(bundle.thumbprint(), bundle.leaf(), "",
                    Optional.of("container")));
            access.put(bundle.thumbprint(), new KeyAccess(provider, "", "", List.of(), problems));
        }

        @Override public String location() { return "LocalMachine\\My"; }
        @Override public void prepare() { }
        @Override public Installation install(CertificateBundle bundle, String friendlyName) { throw new UnsupportedOperationException(); }
        @Override public Optional<StoredCertificate> find(Thumbprint thumbprint) { return Optional.ofNullable(stored.get(thumbprint)); }
        @Override public List<StoredCertificate> list() { return List.copyOf(stored.values()); }
        @Override public KeyAccess keyAccess(Thumbprint thumbprint) { return access.get(thumbprint); }
        @Override public KeyAccess grant(Thumbprint thumbprint, List<KeyGrant> grants) { throw new UnsupportedOperationException("the doctor changes nothing"); }
        @Override public void remove(Thumbprint thumbprint, CertificateUsage usage) throws StoreException { throw new UnsupportedOperationException("the doctor changes nothing"); }
    }

    private static CertificateFacts facts(CertificateBundle bundle, Set<ExchangeService> services, String status,
                                          Instant notBefore, Instant notAfter) {
        var leaf = bundle.leaf();
        var exchange = new ExchangeCertificate(bundle.thumbprint(), services, status, notAfter,
                leaf.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC1779),
                leaf.getIssuerX500Principal().getName(javax.security.auth.x500.X500Principal.RFC1779),
                leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()), "", bundle.dnsNames(), false);
        return new CertificateFacts(exchange, notBefore, Optional.of(leaf), true, List.of(), List.of());
    }

    /** A healthy server: a 90-day certificate half way through its life, Exchange's own, the Auth certificate. */
    private void aHealthyServer() {
        keys.add(letsEncrypt, "Microsoft RSA SChannel Cryptographic Provider (CAPI)", List.of());
        keys.add(selfSigned, "Microsoft RSA SChannel Cryptographic Provider (CAPI)", List.of());
        keys.add(auth, "Microsoft Enhanced RSA and AES Cryptographic Provider (CAPI)", List.of());
        inventory.add(facts(letsEncrypt, EnumSet.of(ExchangeService.IIS, ExchangeService.SMTP), "Valid",
                NOW.minus(45, ChronoUnit.DAYS), NOW.plus(45, ChronoUnit.DAYS)));
        inventory.add(facts(selfSigned, EnumSet.of(ExchangeService.SMTP), "Valid", NOW.minus(900, ChronoUnit.DAYS),
                NOW.plus(900, ChronoUnit.DAYS)));
        inventory.add(facts(auth, Set.of(), "Valid", NOW.minus(300, ChronoUnit.DAYS), NOW.plus(1500, ChronoUnit.DAYS)));
        bindings.add(new WebBinding("Default Web Site", "*", 443, "", Optional.of(letsEncrypt.thumbprint()), false));
        bindings.add(new WebBinding("Exchange Back End", "*", 444, "", Optional.of(selfSigned.thumbprint()), false));
        connectors.add(new Connector(Connector.Kind.SEND, "Outbound to Office 365",
                Optional.of(TlsCertificateName.of(letsEncrypt.leaf()))));
        connectors.add(new Connector(Connector.Kind.HYBRID, "Hybrid Configuration",
                Optional.of(TlsCertificateName.of(letsEncrypt.leaf()))));
        authConfig = new AuthConfig(Optional.of(auth.thumbprint()), Optional.empty(), Optional.empty());
        urls.add(new ClientAccessUrl("owa external", "https://mail.contoso.com/owa"));
        urls.add(new ClientAccessUrl("autodiscover", "https://autodiscover.contoso.com/Autodiscover/Autodiscover.xml"));
        others.put("EX02", List.of(inventory.get(0).exchange()));
    }

    private Examination examine(Optional<dev.exacme.exchange.verify.ServedCertificateCheck> served) throws Exception {
        var shell = new ShellState(bindings, connectors, Optional.of(selfSigned.thumbprint()), others);
        DoctorShell doctor = server -> new ServerInventory(inventory, authConfig, ecc, false,
                List.of("Outbound to Office 365"));
        return new ExchangeDoctor(shell, doctor, keys, () -> urls, served, thumbprint -> Optional.empty())
                .examine("EX01", "127.0.0.1", NOW);
    }

    private Examination examine() throws Exception {
        return examine(Optional.empty());
    }

    private void replace(int index, CertificateFacts facts) {
        inventory.set(index, facts);
    }

    @Test
    void aHealthyServerHasNoFindings() throws Exception {
        aHealthyServer();

        var examination = examine();

        assertEquals(List.of(), examination.findings());
        assertFalse(examination.blocksUpdate());
    }

    @Test
    void theSeedsServerIsToldWhatBlocksTheUpdateAndHowToFixIt() throws Exception {
        aHealthyServer();
        keys.add(letsEncrypt, "Microsoft RSA SChannel Cryptographic Provider (CAPI)",
                List.of("BUILTIN\\Administrators (S-1-5-32-544) lacks full control"));
        bindings.set(1, new WebBinding("Exchange Back End", "*", 444, "", Optional.of(letsEncrypt.thumbprint()), false));

        var examination = examine();

        assertTrue(examination.blocksUpdate());
        var blocking = examination.findings().stream().filter(finding -> finding.severity() == Severity.BLOCKS_UPDATE)
                .toList();
        assertEquals(2, blocking.size(), examination.findings().toString());
        assertEquals("exacme store grant " + letsEncrypt.thumbprint(), blocking.get(0).fix());
        assertEquals(Check.BACK_END, blocking.get(1).check());
        assertEquals(Severity.BLOCKS_UPDATE, examination.findings().get(0).severity(), "blocking findings come first");
    }

    @Test
    void lifetimesAreFractionsOfTheCertificatesOwnLifetimeNotHealthCheckersFixedDays() throws Exception {
        aHealthyServer();
        // A 6-day certificate with 4 days left (HealthChecker: red, under 30 days) is healthy.
        replace(0, facts(letsEncrypt, EnumSet.of(ExchangeService.IIS, ExchangeService.SMTP), "Valid",
                NOW.minus(2, ChronoUnit.DAYS), NOW.plus(4, ChronoUnit.DAYS)));
        assertEquals(List.of(), examine().of(Check.LIFETIME));

        // The same with 1.5 days left: under a third, yellow.
        replace(0, facts(letsEncrypt, EnumSet.of(ExchangeService.IIS, ExchangeService.SMTP), "Valid",
                NOW.minus(108, ChronoUnit.HOURS), NOW.plus(36, ChronoUnit.HOURS)));
        var yellow = examine().of(Check.LIFETIME);
        assertEquals(1, yellow.size(), yellow.toString());
        assertEquals(Severity.WARNING, yellow.get(0).severity());
        assertTrue(yellow.get(0).problem().contains("25 %"), yellow.toString());

        // 12 hours of 6 days left: under a tenth, red.
        replace(0, facts(letsEncrypt, EnumSet.of(ExchangeService.IIS, ExchangeService.SMTP), "Valid",
                NOW.minus(132, ChronoUnit.HOURS), NOW.plus(12, ChronoUnit.HOURS)));
        assertEquals(Severity.ERROR, examine().of(Check.LIFETIME).get(0).severity());
    }

    @Test
    void anOverdueRenewalIsRedWhateverIsLeft() throws Exception {
        aHealthyServer();
        var shell = new ShellState(bindings, connectors, Optional.of(selfSigned.thumbprint()), others);
        DoctorShell doctor = server -> new ServerInventory(inventory, authConfig, "", false, List.of());
        var findings = new ExchangeDoctor(shell, doctor, keys, () -> urls, Optional.empty(),
                thumbprint -> thumbprint.equals(letsEncrypt.thumbprint()) ? Optional.of(NOW.minus(1, ChronoUnit.DAYS))
                        : Optional.empty()).examine("EX01", "127.0.0.1", NOW).of(Check.LIFETIME);

        assertEquals(1, findings.size(), findings.toString());
        assertEquals(Severity.ERROR, findings.get(0).severity());
        assertTrue(findings.get(0).problem().contains("past its renewal time"), findings.toString());
    }

    @Test
    void statusesAreWarningsOrErrorsAsHealthCheckerColoursThem() throws Exception {
        for (var status : List.of("Unknown", "Untrusted", "RevocationCheckFailure", "PendingRequest", "Revoked",
                "DateInvalid", "Invalid")) {
            inventory.clear();
            bindings.clear();
            connectors.clear();
            urls.clear();
            aHealthyServer();
            replace(0, facts(letsEncrypt, EnumSet.of(ExchangeService.IIS, ExchangeService.SMTP), status,
                    NOW.minus(45, ChronoUnit.DAYS), NOW.plus(45, ChronoUnit.DAYS)));
            var findings = examine().of(Check.STATUS);
            assertEquals(1, findings.size(), status + ": " + findings);
            assertEquals(Set.of("Revoked", "DateInvalid", "Invalid").contains(status) ? Severity.ERROR : Severity.WARNING,
                    findings.get(0).severity(), status);
        }
    }

    @Test
    void anExpiredCertificateBoundInIisBlocksTheUpdate() throws Exception {
        aHealthyServer();
        var old = TestBundles.rsa("intranet.contoso.com");
        keys.add(old, "Microsoft RSA SChannel Cryptographic Provider (CAPI)", List.of());
        inventory.add(facts(old, Set.of(), "DateInvalid", NOW.minus(100, ChronoUnit.DAYS), NOW.minus(10, ChronoUnit.DAYS)));
        bindings.add(new WebBinding("Intranet", "*", 443, "intranet.contoso.com", Optional.of(old.thumbprint()), true));
        var gone = TestBundles.rsa("wiki.contoso.com");
        bindings.add(new WebBinding("Wiki", "*", 443, "wiki.contoso.com", Optional.of(gone.thumbprint()), true));

        var examination = examine();

        var iis = examination.of(Check.IIS_BINDINGS);
        assertEquals(2, iis.size(), iis.toString());
        assertTrue(iis.stream().allMatch(finding -> finding.severity() == Severity.BLOCKS_UPDATE), iis.toString());
        assertTrue(iis.get(0).problem().contains("setup fails on an expired certificate bound in IIS"), iis.toString());
        assertTrue(iis.get(1).problem().contains("not on this server"), iis.toString());
        assertTrue(examination.blocksUpdate());
    }

    @Test
    void weakKeysAndSignaturesAreHealthCheckersRedAndYellow() throws Exception {
        aHealthyServer();
        var weak = WeakCertificates.rsa1024Sha1("legacy.contoso.com");
        keys.add(weak, "Microsoft RSA SChannel Cryptographic Provider (CAPI)", List.of());
        inventory.add(facts(weak, EnumSet.of(ExchangeService.POP), "Valid", NOW.minus(10, ChronoUnit.DAYS),
                NOW.plus(300, ChronoUnit.DAYS)));

        var examination = examine();

        assertEquals(Severity.ERROR, examination.of(Check.KEY_SIZE).get(0).severity());
        assertTrue(examination.of(Check.KEY_SIZE).get(0).problem().contains("1024 bits"));
        assertEquals(Severity.WARNING, examination.of(Check.SIGNATURE).get(0).severity());
        assertTrue(examination.of(Check.SIGNATURE).get(0).problem().contains("sha1"));
    }

    @Test
    void theAuthCertificateIsReadNeverRepairedAndWarnedOfInItsLastFifthOrWhenCaIssued() throws Exception {
        aHealthyServer();
        replace(2, facts(auth, Set.of(), "Valid", NOW.minus(1700, ChronoUnit.DAYS), NOW.plus(100, ChronoUnit.DAYS)));
        keys.add(auth, "Microsoft Enhanced RSA and AES Cryptographic Provider (CAPI)",
                List.of("NT AUTHORITY\\NETWORK SERVICE (S-1-5-20) lacks read"));

        var findings = examine().of(Check.AUTH);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).problem().contains("last fifth"), findings.toString());
        var access = examine().of(Check.KEY_ACCESS);
        assertTrue(access.get(0).fix().startsWith("exacme never changes the Auth certificate"), access.toString());

        // A CA-issued Auth certificate, and a next one that is not on the server.
        authConfig = new AuthConfig(Optional.of(letsEncrypt.thumbprint()), Optional.of(TestBundles.rsa("x").thumbprint()),
                Optional.of(NOW.plus(2, ChronoUnit.DAYS)));
        var caIssued = examine().of(Check.AUTH);
        assertEquals(2, caIssued.size(), caIssued.toString());
        assertTrue(caIssued.stream().anyMatch(finding -> finding.problem().contains("Microsoft's Auth certificate is"
                + " self-signed")), caIssued.toString());
        assertTrue(caIssued.stream().anyMatch(finding -> finding.problem().contains("staged for rotation")),
                caIssued.toString());
    }

    @Test
    void backEndTransportConnectorsHybridAndEccAreChecked() throws Exception {
        aHealthyServer();
        bindings.set(1, new WebBinding("Exchange Back End", "10.0.0.5", 444, "", Optional.of(selfSigned.thumbprint()),
                false));
        connectors.set(0, new Connector(Connector.Kind.SEND, "Outbound to Office 365", Optional.of(
                new TlsCertificateName("CN=R10, O=Let's Encrypt, C=US", "CN=mail.contoso.com"))));
        var ecdsa = TestBundles.ecdsa("mail.contoso.com");
        keys.add(ecdsa, "Microsoft Software Key Storage Provider (CNG)", List.of());
        inventory.add(facts(ecdsa, EnumSet.of(ExchangeService.IMAP), "Valid", NOW.minus(1, ChronoUnit.DAYS),
                NOW.plus(89, ChronoUnit.DAYS)));

        var examination = examine();

        assertEquals(Severity.ERROR, examination.of(Check.BACK_END).get(0).severity());
        assertTrue(examination.of(Check.BACK_END).get(0).problem().contains("*:444:"));
        assertTrue(examination.of(Check.CONNECTORS).get(0).problem().contains("matches no installed certificate"));
        assertEquals(Severity.ERROR, examination.of(Check.CONNECTORS).get(0).severity(), "a cloud mail connector");
        assertTrue(examination.of(Check.HYBRID).get(0).problem().contains("is not the hybrid configuration's"));
        assertTrue(examination.of(Check.ECC).get(0).problem().contains("EnableEccCertificateSupport is not 1"));
        assertEquals(List.of(), examination.of(Check.PROVIDER), "ECDSA keys are CNG keys by nature");

        ecc = "1";
        assertEquals(List.of(), examine().of(Check.ECC));
    }

    @Test
    void anRsaKeyInAKeyStorageProviderBreaksOwaAndEcp() throws Exception {
        aHealthyServer();
        keys.add(letsEncrypt, "Microsoft Software Key Storage Provider (CNG)", List.of());

        var findings = examine().of(Check.PROVIDER);

        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).problem().contains("OWA and ECP"), findings.toString());
    }

    @Test
    void namesTheVirtualDirectoriesAndOtherServersTheCertificateDoesNotCover() throws Exception {
        aHealthyServer();
        urls.add(new ClientAccessUrl("ews internal", "https://ex01.contoso.local/EWS/Exchange.asmx"));
        urls.add(new ClientAccessUrl("owa internal", "https://ex01.contoso.local/owa"));
        var older = TestBundles.rsa("mail.contoso.com");
        others.put("EX02", List.of(new ExchangeCertificate(older.thumbprint(), EnumSet.of(ExchangeService.IIS), "Valid",
                NOW.plus(3, ChronoUnit.DAYS), "CN=mail.contoso.com", "CN=R11, O=Let's Encrypt, C=US", false, "",
                List.of("mail.contoso.com"), false)));

        var examination = examine();

        var namespaces = examination.of(Check.NAMESPACES);
        assertEquals(1, namespaces.size(), namespaces.toString());
        assertTrue(namespaces.get(0).problem().contains("ex01.contoso.local (ews internal, owa internal)"),
                namespaces.toString());
        var servers = examination.of(Check.SAME_EVERYWHERE);
        assertEquals(1, servers.size(), servers.toString());
        assertTrue(servers.get(0).subject().equals("server EX02") && servers.get(0).problem().contains(
                older.thumbprint().toString()), servers.toString());
        assertTrue(ExchangeDoctor.covers("*.contoso.com", "mail.contoso.com"));
        assertFalse(ExchangeDoctor.covers("*.contoso.com", "a.mail.contoso.com"));
    }

    @Test
    void theCertificateServedOnTheWireIsCompared() throws Exception {
        aHealthyServer();
        var wire = new WireVerifier(new WireProbe(Duration.ofSeconds(2), Duration.ofSeconds(2), "doctor.exacme.test"), 2);
        // A real TLS server on 443's place presenting Exchange's self-signed certificate instead of the bound one.
        try (var server = TestTlsServer.start(SniKeyManager.single(selfSigned), TestTlsServer.IMPLICIT_TLS)) {
            dev.exacme.exchange.verify.ServedCertificateCheck onLoopback = (endpoints, expected) -> wire.verify(
                    endpoints.stream().map(endpoint -> new Endpoint(endpoint.host(), endpoint.port() == 443
                            ? server.port() : 1, endpoint.protocol(), endpoint.serverName())).toList(), expected);

            var served = examine(Optional.of(onLoopback)).of(Check.SERVED);

            var https = served.stream().filter(finding -> finding.severity() == Severity.ERROR).toList();
            assertEquals(1, https.size(), served.toString());
            assertTrue(https.get(0).problem().contains("presents " + selfSigned.thumbprint()), https.toString());
            // SMTP on 25 and 587 reached nothing here: warnings, not errors.
            assertEquals(2, served.stream().filter(finding -> finding.severity() == Severity.WARNING).count(),
                    served.toString());
        }
    }

    private record ShellState(List<WebBinding> bindings, List<Connector> connectors, Optional<Thumbprint> transport,
                              Map<String, List<ExchangeCertificate>> others) implements ExchangeShell {
        @Override public List<ExchangeCertificate> certificates(String server) { return others.getOrDefault(server, List.of()); }
        @Override public String exchangeShell() { return "the Exchange Management Shell"; }
        @Override public List<String> servers() { return List.of("EX01", "EX02"); }
        @Override public void copy(Thumbprint thumbprint, String fromServer, String toServer) { throw new UnsupportedOperationException("the doctor changes nothing"); }
        @Override public Optional<Thumbprint> defaultSmtpCertificate(String server) { return transport; }
        @Override public boolean defaultWebSiteRequiresSsl() { return true; }
        @Override public void enable(String server, Thumbprint thumbprint, Set<ExchangeService> services, boolean doNotRequireSsl) { throw new UnsupportedOperationException("the doctor changes nothing"); }
        @Override public List<String> sites() { return bindings.stream().map(WebBinding::site).distinct().toList(); }
        @Override public List<WebBinding> webBindings() { return bindings; }
        @Override public List<String> sslBindings() { return bindings.stream().map(WebBinding::sslBinding).distinct().toList(); }
        @Override public void bind(WebBinding binding, Thumbprint thumbprint) { throw new UnsupportedOperationException("the doctor changes nothing"); }
        @Override public List<Connector> connectors() { return connectors; }
        @Override public void create(WebBinding binding, Thumbprint thumbprint) { throw new UnsupportedOperationException("the doctor changes nothing"); }
        @Override public void delete(WebBinding binding) { throw new UnsupportedOperationException("the doctor changes nothing"); }
        @Override public void rename(Connector connector, TlsCertificateName name) { throw new UnsupportedOperationException("the doctor changes nothing"); }
        @Override public Optional<Thumbprint> authCertificate() { throw new UnsupportedOperationException("the doctor reads Get-AuthConfig in its inventory"); }
        @Override public void remove(String server, Thumbprint thumbprint) { throw new UnsupportedOperationException("the doctor changes nothing"); }
        @Override public Thumbprint newSelfSigned(String server, List<String> names) { throw new UnsupportedOperationException("the doctor changes nothing"); }
        @Override public Optional<String> certificateName(String server, dev.exacme.exchange.certificates.MailProtocol protocol) { return Optional.empty(); }
        @Override public void setCertificateName(String server, dev.exacme.exchange.certificates.MailProtocol protocol, Optional<String> name) { throw new UnsupportedOperationException("the doctor changes nothing"); }
        @Override public void restart(String server, dev.exacme.exchange.certificates.MailProtocol protocol) { throw new UnsupportedOperationException("the doctor changes nothing"); }
    }
}
