package dev.exacme.exchange.rescue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.deploy.FakeExchangeShell;
import dev.exacme.exchange.iis.WebBinding;
import dev.exacme.store.CertificateBundle;
import dev.exacme.store.TestBundles;
import dev.exacme.store.Thumbprint;
import dev.exacme.store.files.FileProtection;
import dev.exacme.store.pem.PemStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeRescueTest {

    private static final Instant NOW = Instant.now();

    @TempDir
    Path temp;

    private final CertificateBundle letsEncrypt = TestBundles.rsa("mail.contoso.com");
    private final CertificateBundle ownCertificate = TestBundles.selfSigned("EX01");
    private final FakeExchangeShell exchange = new FakeExchangeShell();
    private final List<String> netsh = new ArrayList<>();
    private PemStore machineStore;

    @BeforeEach
    void aServerAFailedUpdateLeftOnTheWrongCertificate() throws Exception {
        exchange.bindings.add(new WebBinding("Default Web Site", "*", 443, "", Optional.of(letsEncrypt.thumbprint()), false));
        exchange.bindings.add(new WebBinding("Exchange Back End", "*", 444, "", Optional.empty(), false));
        exchange.bindings.add(new WebBinding("Wiki", "*", 443, "wiki.contoso.com", Optional.of(letsEncrypt.thumbprint()), true));
        // Stands in for LocalMachine\My: a real store holding the server's self-signed certificate with its key.
        machineStore = PemStore.perName(temp, FileProtection.secret(Optional.empty()));
        machineStore.install(ownCertificate, "Microsoft Exchange");
    }

    private ExchangeRescue rescue() {
        return new ExchangeRescue(exchange, machineStore, (ipPort, thumbprint) -> netsh.add(ipPort + " " + thumbprint));
    }

    private void selfSignedInExchange(Instant notAfter) {
        exchange.add(new ExchangeCertificate(ownCertificate.thumbprint(), EnumSet.of(ExchangeService.SMTP), "Valid",
                notAfter, "CN=EX01", "CN=EX01", true, "Microsoft Exchange", List.of("EX01"), true));
    }

    @Test
    void bothSitesGoBackToTheValidSelfSignedCertificateOtherBindingsStay() throws Exception {
        selfSignedInExchange(NOW.plus(900, ChronoUnit.DAYS));

        var result = rescue().rescue("EX01", List.of("EX01", "EX01.contoso.local"), NOW);

        assertEquals(ownCertificate.thumbprint(), result.certificate());
        assertFalse(result.created());
        assertEquals(Optional.of(ownCertificate.thumbprint()), exchange.bindings.get(0).certificate());
        assertEquals(Optional.of(ownCertificate.thumbprint()), exchange.bindings.get(1).certificate());
        assertEquals(Optional.of(letsEncrypt.thumbprint()), exchange.bindings.get(2).certificate(), "SNI sites untouched");
        assertEquals(2, result.actions().size(), result.actions().toString());
    }

    @Test
    void anExpiredSelfSignedCertificateIsReplacedByANewOne() throws Exception {
        selfSignedInExchange(NOW.minus(1, ChronoUnit.DAYS));

        var result = rescue().rescue("EX01", List.of("EX01", "EX01.contoso.local"), NOW);

        assertTrue(result.created());
        assertTrue(exchange.calls.contains("newSelfSigned EX01"), exchange.calls.toString());
        assertEquals(Optional.of(result.certificate()), exchange.bindings.get(1).certificate());
    }

    @Test
    void withoutTheExchangeShellTheCertificateIsFoundInTheStoreAndWithoutIisModuleNetshBinds() throws Exception {
        exchange.exchangeBroken = true;
        exchange.iisBroken = true;

        var result = rescue().rescue("EX01", List.of("EX01"), NOW);

        assertEquals(ownCertificate.thumbprint(), result.certificate());
        assertEquals(List.of("0.0.0.0:443 " + ownCertificate.thumbprint(), "0.0.0.0:444 " + ownCertificate.thumbprint()),
                netsh);
        assertTrue(result.actions().get(0).contains("does not work"), result.actions().toString());
    }

    @Test
    void withoutTheExchangeShellAndWithoutACertificateItSaysWhatToDo() throws Exception {
        exchange.exchangeBroken = true;
        machineStore.remove(ownCertificate.thumbprint(), thumbprint -> Optional.empty());

        var failed = assertThrows(RescueFailed.class, () -> rescue().rescue("EX01", List.of("EX01"), NOW));

        assertTrue(failed.getMessage().contains("New-SelfSignedCertificate -DnsName EX01"), failed.getMessage());
        assertTrue(netsh.isEmpty());
    }

    @Test
    void netshIsCalledWithLiteralsOnly() {
        var script = NetshCertificates.script("0.0.0.0:444", Thumbprint.parse("5A7B2C1D0E9F8A7B6C5D4E3F2A1B0C9D8E7F6A5B"));
        assertTrue(script.text().contains("$exacmeIpPort = 'ipport=' + '0.0.0.0:444'"), script.text());
        assertTrue(script.text().contains("'{4dc3e181-e14b-4a21-b022-59fc669b0914}'"), script.text());
        assertThrows(IllegalArgumentException.class, () -> NetshCertificates.script("0.0.0.0:444; del", Thumbprint.parse(
                "5A7B2C1D0E9F8A7B6C5D4E3F2A1B0C9D8E7F6A5B")));
    }
}
