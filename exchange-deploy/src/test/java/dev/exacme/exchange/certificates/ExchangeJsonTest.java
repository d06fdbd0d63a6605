package dev.exacme.exchange.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.exchange.connectors.Connector;
import dev.exacme.exchange.connectors.TlsCertificateName;
import dev.exacme.exchange.iis.WebBinding;
import dev.exacme.exchange.powershell.PowerShellJson;
import dev.exacme.store.TestBundles;
import dev.exacme.store.Thumbprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Windows PowerShell 5.1's JSON as exacme's scripts receive it: numeric enums, both date forms, unwrapped singletons. */
class ExchangeJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static com.fasterxml.jackson.databind.JsonNode fixture(String name) throws Exception {
        return JSON.readTree(Files.readString(Path.of("src/test/resources/fixtures", name)));
    }

    @Test
    void exchangeCertificatesWithNumericAndTextServicesAndEveryDateForm() throws Exception {
        var certificates = PowerShellJson.list(fixture("get-exchangecertificate.json")).stream()
                .map(ExchangeCertificate::fromJson).toList();

        var letsEncrypt = certificates.get(0);
        assertEquals(Set.of(ExchangeService.IIS, ExchangeService.SMTP), letsEncrypt.services(), "24 = IIS | SMTP");
        assertEquals(Instant.parse("2026-02-18T23:59:59Z"), letsEncrypt.notAfter());
        assertEquals(List.of("mail.contoso.com", "autodiscover.contoso.com"), letsEncrypt.domains());
        assertTrue(letsEncrypt.valid());
        assertFalse(letsEncrypt.privateKeyExportable());

        var selfSigned = certificates.get(1);
        assertEquals(Set.of(ExchangeService.IMAP, ExchangeService.POP, ExchangeService.IIS, ExchangeService.SMTP),
                selfSigned.services());
        assertEquals(Instant.parse("2029-12-31T23:59:59Z"), selfSigned.notAfter(), "the offset is display only");
        assertEquals(List.of("EX01"), selfSigned.domains(), "a single domain comes unwrapped");
        assertTrue(selfSigned.selfSigned());
        assertTrue(selfSigned.privateKeyExportable());

        var auth = certificates.get(2);
        assertEquals(Set.of(), auth.services());
        assertEquals(Instant.parse("2027-03-01T12:00:00Z"), auth.notAfter());
        assertFalse(auth.valid());
        assertEquals(List.of(), auth.domains());
        assertFalse(auth.privateKeyExportable(), "absent: not exportable");
    }

    @Test
    void servicesFlagsAndNames() {
        assertEquals(Set.of(ExchangeService.values()), ExchangeService.ofFlags(127));
        assertEquals(Set.of(ExchangeService.UM_CALL_ROUTER, ExchangeService.FEDERATION), ExchangeService.parse("96"));
        assertEquals(Set.of(), ExchangeService.parse("None"));
        assertEquals("IIS,SMTP", ExchangeService.argument(ExchangeService.parse("SMTP, IIS")));
        var error = assertThrows(IllegalArgumentException.class, () -> ExchangeService.byName("OWA"));
        assertTrue(error.getMessage().contains("'OWA' is not an Exchange service"), error.getMessage());
    }

    @Test
    void webBindingsWithSiteNamesSniAndNoCertificate() throws Exception {
        var bindings = PowerShellJson.list(fixture("get-webbinding.json")).stream().map(WebBinding::fromJson).toList();

        assertEquals("Default Web Site", bindings.get(0).site());
        assertEquals("*:443:", bindings.get(0).bindingInformation());
        assertEquals(Optional.of(Thumbprint.parse("0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C")),
                bindings.get(0).certificate());
        assertTrue(bindings.get(1).backEnd());
        assertEquals(444, bindings.get(1).port());
        var sni = bindings.get(2);
        assertEquals("O'Brien's site", sni.site());
        assertTrue(sni.sni());
        assertEquals("intranet.contoso.com", sni.host());
        assertEquals(Optional.empty(), sni.certificate());
    }

    @Test
    void connectorsAndTheirCertificateNames() throws Exception {
        var connectors = PowerShellJson.list(fixture("get-sendconnector.json")).stream()
                .map(node -> Connector.fromJson(Connector.Kind.SEND, node)).toList();

        assertEquals(1, connectors.size(), "a single connector comes unwrapped");
        var name = connectors.get(0).certificate().orElseThrow();
        assertEquals("CN=R11, O=Let's Encrypt, C=US", name.issuer());
        assertEquals("CN=mail.contoso.com", name.subject());
        assertTrue(name.names("CN=R11,O=Let's Encrypt,C=US", "cn=mail.contoso.com"), "DNs compared as DNs");
        assertFalse(name.names("CN=R10, O=Let's Encrypt, C=US", "CN=mail.contoso.com"), "another intermediate");
        assertEquals(Optional.empty(), TlsCertificateName.parse(""));
        assertThrows(IllegalArgumentException.class, () -> TlsCertificateName.parse("mail.contoso.com"));
    }

    @Test
    void receiveConnectorsWithEmptyAndNullNamesAndTheAuthCertificate() throws Exception {
        var connectors = PowerShellJson.list(fixture("get-receiveconnector.json")).stream()
                .map(node -> Connector.fromJson(Connector.Kind.ofLabel(node.get("Kind").asText()), node)).toList();

        assertEquals(3, connectors.size());
        assertEquals("EX01\\Default Frontend EX01", connectors.get(0).identity());
        assertEquals(Optional.empty(), connectors.get(0).certificate());
        assertEquals(Optional.empty(), connectors.get(1).certificate(), "null reads as none");
        assertEquals("CN=mail.contoso.com", connectors.get(2).certificate().orElseThrow().subject());
        assertEquals(Connector.Kind.RECEIVE, connectors.get(2).kind());

        assertEquals(Thumbprint.parse("0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C"),
                Thumbprint.parse(fixture("get-authconfig.json").asText()));
    }

    @Test
    void theNameOfACertificateIsWrittenAsWindowsWritesIt() {
        var bundle = TestBundles.rsa("mail.contoso.com");
        var name = TlsCertificateName.of(bundle.leaf());
        assertEquals("<I>CN=exacme test intermediate<S>CN=mail.contoso.com", name.toString());
    }
}
