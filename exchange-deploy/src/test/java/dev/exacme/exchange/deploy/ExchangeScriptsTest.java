package dev.exacme.exchange.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.connectors.Connector;
import dev.exacme.exchange.connectors.TlsCertificateName;
import dev.exacme.exchange.powershell.ExchangeSession;
import dev.exacme.exchange.powershell.PowerShellLexer;
import dev.exacme.exchange.powershell.PowerShellScript;
import dev.exacme.store.Thumbprint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every script the deployment runs, compared with reviewed copies in
 * {@code src/test/resources/expected-scripts}; IIS's scripts are read by {@code IisScriptsTest}.
 * The values are hostile on purpose (quotes of every kind, {@code ;}, {@code $()}, backticks,
 * newlines): in the reviewed scripts each stays inside one single-quoted literal.
 */
class ExchangeScriptsTest {

    private static final String HOSTILE = "EX01'; Remove-Item C:\\ -Recurse; '\u2019$(whoami)`n\nx";
    private static final Thumbprint THUMBPRINT = Thumbprint.parse("5A7B2C1D0E9F8A7B6C5D4E3F2A1B0C9D8E7F6A5B");

    private static Map<String, PowerShellScript> scripts() {
        var local = new PowerShellExchangeShell.Scripts(new ExchangeSession.ManagementShell());
        var snapIn = new PowerShellExchangeShell.Scripts(new ExchangeSession.SnapIn("hostile '$(reason)'"));
        var remote = new PowerShellExchangeShell.Scripts(
                new ExchangeSession.Remote(URI.create("http://ex01.contoso.local/PowerShell/")));
        var connector = new Connector(Connector.Kind.SEND, "Outbound to Office 365 '$(x)'", Optional.empty());
        var scripts = new LinkedHashMap<String, PowerShellScript>();
        scripts.put("certificates", local.certificates(HOSTILE));
        scripts.put("certificates-remote", remote.certificates("EX01"));
        scripts.put("certificates-snap-in", snapIn.certificates("EX01"));
        scripts.put("probe-management-shell", PowerShellExchangeShell.Scripts.probe(new ExchangeSession.ManagementShell()));
        scripts.put("probe-snap-in", PowerShellExchangeShell.Scripts.probe(new ExchangeSession.SnapIn("")));
        scripts.put("default-smtp", local.defaultSmtpCertificate(HOSTILE));
        scripts.put("require-ssl", local.defaultWebSiteSslFlags());
        scripts.put("enable", local.enable(HOSTILE, THUMBPRINT, EnumSet.of(ExchangeService.SMTP, ExchangeService.IIS),
                true));
        scripts.put("connectors", local.connectors());
        scripts.put("rename", local.rename(connector,
                new TlsCertificateName("CN=R11, O=Let's Encrypt, C=US", "CN=mail.contoso.com")));
        scripts.put("rename-hybrid", local.rename(new Connector(Connector.Kind.HYBRID, "Hybrid Configuration",
                Optional.empty()), new TlsCertificateName("CN=R11, O=Let's Encrypt, C=US", "CN=mail.contoso.com")));
        scripts.put("imap-name", local.certificateName(HOSTILE, dev.exacme.exchange.certificates.MailProtocol.IMAP));
        scripts.put("set-pop-name", local.setCertificateName("EX01", dev.exacme.exchange.certificates.MailProtocol.POP,
                Optional.of("mail.contoso.com")));
        scripts.put("clear-imap-name", local.setCertificateName("EX01",
                dev.exacme.exchange.certificates.MailProtocol.IMAP, Optional.empty()));
        scripts.put("restart-imap", local.restart(HOSTILE, dev.exacme.exchange.certificates.MailProtocol.IMAP));
        scripts.put("servers", local.servers());
        scripts.put("copy", local.copy(THUMBPRINT, "EX01", HOSTILE));
        scripts.put("auth", local.authCertificate());
        scripts.put("remove", local.remove(HOSTILE, THUMBPRINT));
        scripts.put("new-self-signed", local.newSelfSigned("EX01", java.util.List.of("EX01", "EX01.contoso.local")));
        return scripts;
    }

    @Test
    void everyScriptIsTheReviewedOne() throws Exception {
        var missing = new java.util.ArrayList<String>();
        for (var entry : scripts().entrySet()) {
            var expected = Path.of("src/test/resources/expected-scripts", entry.getKey() + ".ps1");
            var actual = entry.getValue().text() + "\n";
            if (!Files.exists(expected)) {
                var written = Files.createDirectories(Path.of("target/actual-scripts")).resolve(entry.getKey() + ".ps1");
                Files.writeString(written, actual);
                missing.add(expected + " (this run's is in " + written + ")");
                continue;
            }
            assertEquals(Files.readString(expected), actual, entry.getKey());
        }
        assertEquals(java.util.List.of(), missing, "scripts without a reviewed copy");
    }

    @Test
    void theHostileServerNameIsOneLiteralWhereverItIsUsed() {
        for (var name : java.util.List.of("certificates", "enable", "remove")) {
            var text = scripts().get(name).text();
            var start = text.indexOf("-Server ") + "-Server ".length();
            var end = text.indexOf("' -", start) + 1;
            end = end == 0 ? text.indexOf("' |", start) + 1 : end;
            assertEquals(HOSTILE, PowerShellLexer.singleQuoted(text.substring(start, end)), name);
        }
    }

    @Test
    void servicesAndStatusComeBackAsTextLocallyAndThroughARemoteSession() {
        // Through a remote session the AllowedServices flags may arrive as a deserialized object,
        // which ConvertTo-Json writes as an object, not as the number or names ExchangeService reads.
        for (var name : java.util.List.of("certificates", "certificates-remote")) {
            var text = scripts().get(name).text();
            assertTrue(text.contains("@{n='Services';e={\"$($_.Services)\"}}"), name + ": " + text);
            assertTrue(text.contains("@{n='Status';e={\"$($_.Status)\"}}"), name + ": " + text);
            assertFalse(text.contains("Thumbprint, Services,"), name + ": " + text);
        }
    }
}
