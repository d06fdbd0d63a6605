package dev.exacme.cli.guided;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.exchange.deploy.ClientAccessNames;
import dev.exacme.exchange.deploy.ClientAccessUrl;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.lifecycle.notify.NotificationSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The questions of the guided Exchange setup, answered through a {@link ScriptedPrompter}. */
class ExchangeInterviewTest {

    private static final ExchangeInterview.Open EVERYTHING = new ExchangeInterview.Open(true, true, true);

    private static final ClientAccessNames CONTOSO = () -> List.of(
            new ClientAccessUrl("owa internal", "https://ex01.contoso.local/owa"),
            new ClientAccessUrl("owa external", "https://mail.contoso.com/owa"),
            new ClientAccessUrl("autodiscover", "https://ex01.contoso.local/Autodiscover/Autodiscover.xml"));

    @Test
    void theVirtualDirectoriesNamesAreProposedWithoutLocalOnesAndEnterTakesThem() throws Exception {
        var prompter = new ScriptedPrompter("", "not-an-address", "admin@contoso.com", "", "");
        var setup = new ExchangeInterview(prompter, Optional.of(CONTOSO)).ask("exchange", EVERYTHING);

        assertEquals(List.of("mail.contoso.com", "autodiscover.contoso.com"), setup.domains());
        assertEquals(Optional.of("admin@contoso.com"), setup.email());
        assertEquals(List.of(), setup.challengeArguments(), "HTTP-01 is the default");
        assertEquals(Optional.empty(), setup.mail());
        assertEquals(List.of(), setup.commandsBefore());
        var transcript = prompter.transcript();
        assertTrue(transcript.contains("Not proposed, as a public CA does not issue for them: ex01.contoso.local\n"),
                transcript);
        assertTrue(transcript.contains("Names the certificate covers, separated by commas"
                + " [mail.contoso.com,autodiscover.contoso.com]: \n"), transcript);
        assertTrue(transcript.contains("  --email 'not-an-address' is not an e-mail address.\n"), transcript);
    }

    @Test
    void aBadNameIsAskedAgainWithTheReasonTheDomainOptionGives() throws Exception {
        var prompter = new ScriptedPrompter("https://mail.contoso.com/owa", "mail.contoso.com mail.contoso.com",
                "mail.contoso.com, Autodiscover.Contoso.com", "", "2", "cloudflare", "tok-3f9a", "");
        var setup = new ExchangeInterview(prompter, Optional.empty()).ask("exchange", EVERYTHING);

        assertEquals(List.of("mail.contoso.com", "autodiscover.contoso.com"), setup.domains());
        assertEquals(Optional.empty(), setup.email());
        var transcript = prompter.transcript();
        assertTrue(transcript.contains("  'https://mail.contoso.com/owa' appears to be a URL; give the host name alone:"
                + " -d mail.contoso.com.\n"), transcript);
        assertTrue(transcript.contains("  'mail.contoso.com' is given twice; list each name once.\n"), transcript);
        assertEquals(List.of("--dns", "cloudflare", "--cloudflare-token-file", "secret:exchange-cloudflare-token"),
                setup.challengeArguments());
        assertEquals(1, setup.secrets().size());
        assertArrayEquals("tok-3f9a".toCharArray(), setup.secrets().get(0).value());
        assertFalse(transcript.contains("tok-3f9a"), "a secret is never shown: " + transcript);
        assertFalse(setup.secrets().get(0).toString().contains("tok-3f9a"));
        assertEquals(List.of(List.of("secret", "set", "exchange-cloudflare-token")), setup.commandsBefore());
    }

    @Test
    void rfc2136AsksForTheServerKeyAlgorithmAndSecret() throws Exception {
        var prompter = new ScriptedPrompter("mail.contoso.com", "", "dns-01", "dns", "rfc2136", "ns1.contoso.com:5353",
                "exacme-key", "hmac-sha512", "c2VjcmV0", "");
        var setup = new ExchangeInterview(prompter, Optional.empty()).ask("mail", EVERYTHING);

        assertTrue(prompter.transcript().contains("  'dns' is not one of rfc2136, cloudflare, azure, route53,"
                + " acme-dns, script, windows.\n"), prompter.transcript());
        assertEquals(List.of("--dns", "rfc2136", "--rfc2136-server", "ns1.contoso.com:5353", "--rfc2136-tsig-key",
                "exacme-key", "--rfc2136-tsig-algorithm", "hmac-sha512", "--rfc2136-tsig-secret-file",
                "secret:mail-rfc2136-tsig-secret"), setup.challengeArguments());
        assertEquals("mail-rfc2136-tsig-secret", setup.secrets().get(0).name());
    }

    @Test
    void aWildcardNameIsValidatedThroughDnsWithoutAsking() throws Exception {
        var prompter = new ScriptedPrompter("*.contoso.com", "", "azure", "sub-1", "rg-dns", "y", "");
        var setup = new ExchangeInterview(prompter, Optional.empty()).ask("exchange", EVERYTHING);

        assertTrue(prompter.transcript().contains("A wildcard name is validated through DNS (DNS-01).\n"));
        assertFalse(prompter.transcript().contains("Challenge:"), prompter.transcript());
        assertEquals(List.of("--dns", "azure", "--azure-subscription", "sub-1", "--azure-resource-group", "rg-dns",
                "--azure-managed-identity"), setup.challengeArguments());
        assertEquals(List.of(), setup.secrets());
    }

    @Test
    void aMailNotificationIsCheckedLikeNotifySetSmtpAndItsPasswordBecomesASecret() throws Exception {
        var prompter = new ScriptedPrompter("mail.contoso.com", "", "", "ops at contoso", "ops@contoso.com",
                "smtp.contoso.com:25x", "smtp.contoso.com", "ssl", "tls", "exacme@contoso.com", "relay", "pw-77");
        var setup = new ExchangeInterview(prompter, Optional.empty()).ask("exchange", EVERYTHING);

        var transcript = prompter.transcript();
        assertTrue(transcript.contains("  --to 'ops at contoso' is not a plain mail address (local@domain).\n"),
                transcript);
        assertTrue(transcript.contains("  '25x' is not a port number.\n"), transcript);
        assertTrue(transcript.contains("Password of relay (not shown): \n"), transcript);
        assertFalse(transcript.contains("pw-77"), transcript);
        var smtp = setup.mail().orElseThrow();
        assertEquals(new NotificationSettings.Smtp("smtp.contoso.com", 465, NotificationSettings.Security.TLS,
                "relay", "secret:smtp-password", "exacme@contoso.com", List.of("ops@contoso.com"), null), smtp);
        assertEquals(List.of(List.of("secret", "set", "smtp-password"), List.of("notify", "set-smtp", "--smtp-host",
                "smtp.contoso.com", "--smtp-port", "465", "--smtp-security", "tls", "--smtp-user", "relay",
                "--smtp-password-secret", "smtp-password", "--from", "exacme@contoso.com", "--to", "ops@contoso.com")),
                setup.commandsBefore());
    }

    @Test
    void onlyWhatTheCommandLineLeftOpenIsAsked() throws Exception {
        var prompter = new ScriptedPrompter("mail.contoso.com");
        var setup = new ExchangeInterview(prompter, Optional.empty()).ask("exchange",
                new ExchangeInterview.Open(false, false, false));

        assertEquals(List.of("mail.contoso.com"), setup.domains());
        assertFalse(prompter.transcript().contains("E-mail"), prompter.transcript());
        assertFalse(prompter.transcript().contains("Challenge"), prompter.transcript());
        assertFalse(prompter.transcript().contains("Mail renewal"), prompter.transcript());
    }

    @Test
    void namesThatCannotBeReadAreTyped() throws Exception {
        ClientAccessNames broken = () -> {
            throw new PowerShellFailure(PowerShellFailure.Kind.ERROR_RECORD, "Get-OwaVirtualDirectory: access denied");
        };
        var prompter = new ScriptedPrompter("mail.contoso.com", "", "", "");
        var setup = new ExchangeInterview(prompter, Optional.of(broken)).ask("exchange", EVERYTHING);

        assertEquals(List.of("mail.contoso.com"), setup.domains());
        assertTrue(prompter.transcript().contains("  They could not be read (Get-OwaVirtualDirectory: access denied);"
                + " type the names.\nNames the certificate covers, separated by commas: mail.contoso.com\n"),
                prompter.transcript());
    }

    @Test
    void theEndOfInputOrAnEmptyRequiredAnswerStops() {
        var ended = assertThrows(SetupStopped.class, () -> new ExchangeInterview(new ScriptedPrompter(),
                Optional.empty()).ask("exchange", EVERYTHING));
        assertEquals("input ended", ended.getMessage());

        var empty = assertThrows(SetupStopped.class, () -> new ExchangeInterview(new ScriptedPrompter(""),
                Optional.empty()).ask("exchange", EVERYTHING));
        assertEquals("no answer to 'Names the certificate covers, separated by commas'", empty.getMessage());

        var noToken = assertThrows(SetupStopped.class, () -> new ExchangeInterview(new ScriptedPrompter(
                "mail.contoso.com", "", "dns-01", "cloudflare", ""), Optional.empty()).ask("exchange", EVERYTHING));
        assertEquals("no answer to 'Cloudflare API token (Zone:Read, DNS:Edit)'", noToken.getMessage());
    }

    @Test
    void onlyYOrYesConfirms() throws Exception {
        for (var answer : List.of("y", "YES", " yes ")) {
            assertTrue(new ExchangeInterview(new ScriptedPrompter(answer), Optional.empty()).confirm("Run?"), answer);
        }
        for (var answer : List.of("", "n", "no", "yy", "ok")) {
            assertFalse(new ExchangeInterview(new ScriptedPrompter(answer), Optional.empty()).confirm("Run?"), answer);
        }
        assertThrows(SetupStopped.class, () -> new ExchangeInterview(new ScriptedPrompter(), Optional.empty())
                .confirm("Run?"));
    }
}
