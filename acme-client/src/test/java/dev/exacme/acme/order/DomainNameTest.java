package dev.exacme.acme.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainNameTest {

    @Test
    void internationalizedNamesBecomeALabels() throws InvalidRequest {
        var name = DomainName.parse("Bücher.Example.");
        assertEquals("xn--bcher-kva.example", name.ascii());
        assertEquals("Bücher.Example.", name.asTyped());
    }

    @Test
    void wildcardCoversTheFirstLabel() throws InvalidRequest {
        var name = DomainName.parse("*.Mail.Example.com");
        assertTrue(name.isWildcard());
        assertEquals("*.mail.example.com", name.ascii());
        assertFalse(DomainName.parse("mail.example.com").isWildcard());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.0.2.10|IP address",
        "2001:db8::1|IP address",
        "[::1]|IP address",
        "localhost|single label",
        "mail_server.example.com|letters, digits and inner hyphens",
        "-mail.example.com|letters, digits and inner hyphens",
        "mail..example.com|empty label",
        "mail.*.example.com|whole first label",
        "*mail.example.com|whole first label",
        "mail.example.123|numeric label",
        "'   '|empty name",
        ".example.com|leading dot",
        "xn--zz.example.com|not punycode for any name",
        "https://mail.contoso.com/owa|appears to be a URL; give the host name alone: -d mail.contoso.com",
        "http://mail.contoso.com:8080|-d mail.contoso.com",
        "HTTPS://Mail.Contoso.com/owa/|appears to be a URL; give the host name alone: -d Mail.Contoso.com.",
        "https://admin@mail.contoso.com/ecp|give the host name alone: -d mail.contoso.com.",
        "https://192.0.2.10/owa|its host 192.0.2.10 is an IP address",
        "https://[2001:db8::1]:443/owa|its host 2001:db8::1 is an IP address",
        "mail.contoso.com:443|holds a port (:443); a certificate is for a host on every port: -d mail.contoso.com.",
        "192.0.2.10:443|192.0.2.10 is an IP address",
        "[2001:db8::1]:443|is an IP address",
        "mail.contoso.com/|holds a path after the host name; give the host name alone: -d mail.contoso.com.",
        "mail.contoso.com/owa|give the host name alone: -d mail.contoso.com.",
        "192.0.2.10/owa|192.0.2.10 is an IP address",
        "admin@contoso.com|is an e-mail address; -d takes the host name the certificate is for (e.g. -d mail.contoso.com)",
        "admin@contoso.com|--email admin@contoso.com",
        "mail.contoso.com autodiscover.contoso.com|-d mail.contoso.com -d autodiscover.contoso.com (or -d mail.contoso.com,autodiscover.contoso.com)",
        "mail contoso.com|holds a space; a name has none. Type the name again without it",
        "192.0.2.10.|IP address",
        "::1|IP address",
    })
    void refusesWhatIsNotAHostname(String input, String expected) {
        var refusal = assertThrows(InvalidRequest.class, () -> DomainName.parse(input));
        assertTrue(refusal.getMessage().contains(expected), refusal.getMessage());
        if (!input.isBlank()) {
            assertTrue(refusal.getMessage().contains(input.trim()), "names the input: " + refusal.getMessage());
        }
    }

    @Test
    void refusesOverlongLabelsAndNames() {
        var label = "a".repeat(64);
        var refusal = assertThrows(InvalidRequest.class, () -> DomainName.parse(label + ".example.com"));
        assertTrue(refusal.getMessage().contains("63"), refusal.getMessage());
        var name = ("a".repeat(60) + ".").repeat(5) + "com";
        var tooLong = assertThrows(InvalidRequest.class, () -> DomainName.parse(name));
        assertTrue(tooLong.getMessage().contains("253"), tooLong.getMessage());
    }

    @Test
    void aControlCharacterIsRefusedNotStripped() {
        var refusal = assertThrows(InvalidRequest.class, () -> DomainName.parse("mail.example.com\u0007"));
        assertTrue(refusal.getMessage().contains("control character"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("mail.example.com\\u0007"), "shown, not swallowed: "
                + refusal.getMessage());
    }

    @Test
    void anInvisibleSpaceInsideIsShownAndOnesAroundAreDropped() throws InvalidRequest {
        var refusal = assertThrows(InvalidRequest.class, () -> DomainName.parse("mail\u00a0.contoso.com"));
        assertTrue(refusal.getMessage().contains("'mail\\u00a0.contoso.com' holds a space"), refusal.getMessage());
        assertEquals("mail.contoso.com", DomainName.parse("\u200bmail.contoso.com\u00a0 ").ascii());
    }

    @Test
    void upperCaseAndATrailingDotAreAcceptedAsTheSameName() throws InvalidRequest {
        var name = DomainName.parse("MAIL.Contoso.COM.");
        assertEquals("mail.contoso.com", name.ascii());
        assertEquals("MAIL.Contoso.COM.", name.asTyped());
    }

    @Test
    void validPunycodeStillPasses() throws InvalidRequest {
        assertEquals("xn--bcher-kva.example", DomainName.parse("xn--bcher-kva.example").ascii());
    }
}
