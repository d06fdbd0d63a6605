package dev.exacme.exchange.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.powershell.ExchangeSession;
import dev.exacme.exchange.powershell.PowerShellRunner;
import dev.exacme.store.Thumbprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The doctor's inventory script, run with {@code fake-powershell.py} standing in for PowerShell,
 * which answers with the constructed {@code Get-ExchangeCertificate} shapes of a CN-less and an
 * ECDSA certificate ({@code fixtures/doctor}); the script compared with its reviewed copy.
 */
class PowerShellDoctorShellTest {

    private static final Path STAND_IN = Path.of("src/test/resources/fake-powershell.py").toAbsolutePath();
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/doctor/inventory.json");

    private static String thumbprint(int index) throws Exception {
        return new ObjectMapper().readTree(FIXTURE.toFile()).get("Certificates").get(index).get("Thumbprint").asText();
    }

    @Test
    void readsTheCnLessAndTheEcdsaCertificateAsPowerShellWritesThem() throws Exception {
        var shell = new PowerShellDoctorShell(new PowerShellRunner(List.of("python3", STAND_IN.toString()),
                Duration.ofSeconds(30)), new ExchangeSession.ManagementShell());

        var inventory = shell.inventory("EX01");

        assertEquals(4, inventory.certificates().size());
        var cnLess = inventory.certificates().get(0);
        assertEquals(Thumbprint.parse(thumbprint(0)), cnLess.exchange().thumbprint());
        assertTrue(cnLess.noCommonName());
        assertEquals("", cnLess.exchange().subject());
        assertEquals(List.of("mail.contoso.com", "autodiscover.contoso.com"), cnLess.subjectAltNames());
        assertEquals(Optional.of(2048), cnLess.rsaKeySize());
        assertEquals(Set.of(ExchangeService.IIS, ExchangeService.SMTP), cnLess.exchange().services());
        assertEquals(List.of("RevocationStatusUnknown", "OfflineRevocation"), cnLess.revocation());
        assertEquals(List.of("http://ye1.c.lencr.org/17.crl"), CertificateChecks.crlUrls(cnLess));
        assertEquals(45, cnLess.lifetime(Optional.empty()).total().plusSeconds(1).toDays());
        var ecdsa = inventory.certificates().get(1);
        assertTrue(ecdsa.ecdsa());
        assertFalse(ecdsa.noCommonName());
        assertEquals(Optional.empty(), ecdsa.rsaKeySize(), "PublicKeySize 0 is not read as a weak RSA key");
        assertEquals(Optional.empty(), ecdsa.weakSignature());
        assertEquals(Optional.of(Thumbprint.parse(thumbprint(3))), inventory.auth().current());
        assertEquals(Optional.empty(), inventory.auth().next());
        assertFalse(inventory.eccEnabled());
        assertFalse(inventory.rootAutoUpdateDisabled());
        assertEquals(List.of("Outbound to Office 365"), inventory.cloudMailConnectors());
    }

    @Test
    void theScriptIsTheReviewedOne() throws Exception {
        var actual = PowerShellDoctorShell.script(new ExchangeSession.ManagementShell(), "EX01").text() + "\n";
        var expected = Path.of("src/test/resources/expected-scripts/doctor-inventory.ps1");
        if (!Files.exists(expected)) {
            Files.createDirectories(Path.of("target/actual-scripts"));
            Files.writeString(Path.of("target/actual-scripts/doctor-inventory.ps1"), actual);
        }
        assertEquals(Files.readString(expected), actual);
    }
}
