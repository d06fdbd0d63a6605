package dev.exacme.exchange.dnsserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.exacme.exchange.powershell.PowerShellLexer;
import dev.exacme.exchange.powershell.PowerShellScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The DnsServer scripts compared with reviewed copies in
 * {@code src/test/resources/expected-scripts/dns-*.ps1}; the values are hostile on purpose and
 * each stays one single-quoted literal. The grammar test parses them with every hostile value.
 */
class DnsServerScriptsTest {

    private static final String HOSTILE = "DC01'; Remove-Item C:\\ -Recurse; '\u2019$(whoami)`n\nx";

    private static Map<String, PowerShellScript> scripts() {
        var local = new PowerShellDnsServer.Scripts(Optional.empty());
        var remote = new PowerShellDnsServer.Scripts(Optional.of(HOSTILE));
        var scripts = new LinkedHashMap<String, PowerShellScript>();
        scripts.put("dns-zones", local.zones());
        scripts.put("dns-zones-remote", remote.zones());
        scripts.put("dns-add-txt", local.addTxt("contoso.com", "_acme-challenge.mail", "gfj9Xq...Rg85nM",
                Duration.ofSeconds(60)));
        scripts.put("dns-add-txt-remote", remote.addTxt("contoso.com", HOSTILE, "v'1", Duration.ofMinutes(5)));
        scripts.put("dns-remove-txt", local.removeTxt("contoso.com", "@", "gfj9Xq...Rg85nM"));
        scripts.put("dns-remove-txt-remote", remote.removeTxt(HOSTILE, "_acme-challenge", "v'1"));
        return scripts;
    }

    @Test
    void everyScriptIsTheReviewedOne() throws Exception {
        var missing = new ArrayList<String>();
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
        assertEquals(List.of(), missing, "scripts without a reviewed copy");
    }

    @Test
    void theHostileServerNameIsOneLiteral() {
        for (var name : List.of("dns-zones-remote", "dns-add-txt-remote", "dns-remove-txt-remote")) {
            var text = scripts().get(name).text();
            var start = text.indexOf("-ComputerName ") + "-ComputerName ".length();
            var end = text.indexOf("' ", start) + 1;
            end = end == 0 ? text.lastIndexOf('\'') + 1 : end;
            assertEquals(HOSTILE, PowerShellLexer.singleQuoted(text.substring(start, end)), name);
        }
    }

    @Test
    void aTtlTheCmdletCannotTakeIsRefusedBeforeAnyScript() {
        var scripts = new PowerShellDnsServer.Scripts(Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> scripts.addTxt("z", "n", "v", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> scripts.addTxt("z", "n", "v", Duration.ofDays(30000)));
    }
}
