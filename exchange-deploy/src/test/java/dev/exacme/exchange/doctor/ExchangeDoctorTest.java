package dev.exacme.exchange.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.connectors.Connector;
import dev.exacme.exchange.connectors.TlsCertificateName;
import dev.exacme.exchange.deploy.ExchangeShell;
import dev.exacme.exchange.iis.WebBinding;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cumulative-update preflight on the seed's server: a key Administrators cannot open, and the usual other traps. */
class ExchangeDoctorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final CertificateBundle letsEncrypt = TestBundles.rsa("mail.contoso.com");
    private final CertificateBundle selfSigned = TestBundles.rsa("EX01");
    private final CertificateBundle auth = TestBundles.rsa("Microsoft Exchange Server Auth Certificate");

    /** LocalMachine\My as the doctor sees it: which certificates have keys, and their access verdicts. */
    private static final class Keys implements CertificateStore {
        final Map<Thumbprint, StoredCertificate> stored = new HashMap<>();
        final Map<Thumbprint, KeyAccess> access = new HashMap<>();

        void add(CertificateBundle bundle, List<String> problems) {
            stored.put(bundle.thumbprint(), new StoredCertificate(bundle.thumbprint(), bundle.leaf(), "",
                    Optional.of("container")));
            access.put(bundle.thumbprint(), new KeyAccess("CSP", "", "", List.of(), problems));
        }

        @Override public String location() { return "LocalMachine\\My"; }
        @Override public void prepare() { }
        @Override public Installation install(CertificateBundle bundle, String friendlyName) { throw new UnsupportedOperationException(); }
        @Override public Optional<StoredCertificate> find(Thumbprint thumbprint) { return Optional.ofNullable(stored.get(thumbprint)); }
        @Override public List<StoredCertificate> list() { return List.copyOf(stored.values()); }
        @Override public KeyAccess keyAccess(Thumbprint thumbprint) { return access.get(thumbprint); }
        @Override public KeyAccess grant(Thumbprint thumbprint, List<KeyGrant> grants) { throw new UnsupportedOperationException(); }
        @Override public void remove(Thumbprint thumbprint, CertificateUsage usage) throws StoreException { throw new UnsupportedOperationException(); }
    }

    private static ExchangeCertificate exchange(CertificateBundle bundle, Set<ExchangeService> services, Instant notAfter,
                                                boolean selfSigned, String issuer) {
        return new ExchangeCertificate(bundle.thumbprint(), services, "Valid", notAfter,
                "CN=" + bundle.dnsNames().get(0), issuer, selfSigned, "", bundle.dnsNames(), false);
    }

    @Test
    void theSeedsServerIsToldWhatBlocksTheUpdateAndHowToFixIt() throws Exception {
        var keys = new Keys();
        keys.add(letsEncrypt, List.of("BUILTIN\\Administrators (S-1-5-32-544) lacks full control"));
        keys.add(selfSigned, List.of());
        keys.add(auth, List.of());
        var shell = new ShellState(
                List.of(exchange(letsEncrypt, EnumSet.of(ExchangeService.IIS, ExchangeService.SMTP),
                                NOW.plus(20, ChronoUnit.DAYS), false, "CN=R11, O=Let's Encrypt, C=US"),
                        exchange(selfSigned, EnumSet.of(ExchangeService.SMTP), NOW.plus(900, ChronoUnit.DAYS), true, "CN=EX01"),
                        exchange(auth, Set.of(), NOW.minus(3, ChronoUnit.DAYS), true, "CN=Microsoft Exchange Server Auth Certificate")),
                List.of(new WebBinding("Default Web Site", "*", 443, "", Optional.of(letsEncrypt.thumbprint()), false),
                        new WebBinding("Exchange Back End", "*", 444, "", Optional.of(letsEncrypt.thumbprint()), false)),
                List.of(new Connector(Connector.Kind.SEND, "Outbound to Office 365",
                        Optional.of(new TlsCertificateName("CN=R10, O=Let's Encrypt, C=US", "CN=mail.contoso.com")))),
                Optional.of(auth.thumbprint()));

        var findings = new ExchangeDoctor(shell, keys).examine("EX01", NOW);

        var blocking = findings.stream().filter(finding -> finding.severity() == Finding.Severity.BLOCKS_UPDATE).toList();
        assertEquals(3, blocking.size(), findings.toString());
        assertEquals("exacme store grant " + letsEncrypt.thumbprint(), blocking.get(0).fix());
        assertTrue(blocking.get(0).problem().contains("lacks full control"), blocking.get(0).toString());
        assertTrue(blocking.get(1).subject().contains("the Exchange Auth certificate"), blocking.get(1).toString());
        assertTrue(blocking.get(1).fix().contains("Set-AuthConfig"), blocking.get(1).toString());
        assertEquals("exacme exchange rescue", blocking.get(2).fix());
        var warnings = findings.stream().filter(finding -> finding.severity() == Finding.Severity.WARNING).toList();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).problem().contains("within 30 days"), warnings.toString());
        assertTrue(warnings.get(1).problem().contains("matches no installed certificate"), warnings.toString());
    }

    @Test
    void aHealthyServerHasNoFindings() throws Exception {
        var keys = new Keys();
        keys.add(letsEncrypt, List.of());
        keys.add(selfSigned, List.of());
        var shell = new ShellState(
                List.of(exchange(letsEncrypt, EnumSet.of(ExchangeService.IIS, ExchangeService.SMTP),
                                NOW.plus(60, ChronoUnit.DAYS), false, "CN=R11, O=Let's Encrypt, C=US"),
                        exchange(selfSigned, EnumSet.of(ExchangeService.SMTP), NOW.plus(900, ChronoUnit.DAYS), true, "CN=EX01")),
                List.of(new WebBinding("Exchange Back End", "*", 444, "", Optional.of(selfSigned.thumbprint()), false)),
                List.of(new Connector(Connector.Kind.SEND, "Outbound to Office 365",
                        Optional.of(new TlsCertificateName("CN=R11, O=Let's Encrypt, C=US", "CN=mail.contoso.com")))),
                Optional.empty());

        assertEquals(List.of(), new ExchangeDoctor(shell, keys).examine("EX01", NOW));
    }

    private record ShellState(List<ExchangeCertificate> certificates, List<WebBinding> bindings,
                              List<Connector> connectors, Optional<Thumbprint> auth) implements ExchangeShell {
        @Override public List<ExchangeCertificate> certificates(String server) { return certificates; }
        @Override public String exchangeShell() { return "the Exchange Management Shell"; }
        @Override public List<String> servers() { return List.of("EX01"); }
        @Override public void copy(Thumbprint thumbprint, String fromServer, String toServer) { throw new UnsupportedOperationException("the doctor changes nothing"); }
        @Override public Optional<Thumbprint> defaultSmtpCertificate(String server) { return Optional.empty(); }
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
        @Override public Optional<Thumbprint> authCertificate() { return auth; }
        @Override public void remove(String server, Thumbprint thumbprint) { throw new UnsupportedOperationException("the doctor changes nothing"); }
        @Override public Thumbprint newSelfSigned(String server, List<String> names) { throw new UnsupportedOperationException("the doctor changes nothing"); }
        @Override public Optional<String> certificateName(String server, dev.exacme.exchange.certificates.MailProtocol protocol) { return Optional.empty(); }
        @Override public void setCertificateName(String server, dev.exacme.exchange.certificates.MailProtocol protocol, Optional<String> name) { throw new UnsupportedOperationException("the doctor changes nothing"); }
        @Override public void restart(String server, dev.exacme.exchange.certificates.MailProtocol protocol) { throw new UnsupportedOperationException("the doctor changes nothing"); }
    }
}
