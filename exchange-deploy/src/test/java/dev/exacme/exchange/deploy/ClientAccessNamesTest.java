package dev.exacme.exchange.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exacme.exchange.powershell.ExchangeSession;
import dev.exacme.exchange.powershell.PowerShellRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The names the guided setup proposes from an Exchange server's client access URLs: read with
 * {@code fake-powershell.py} standing in for PowerShell, and the script compared with its
 * reviewed copy.
 */
class ClientAccessNamesTest {

    private static final Path STAND_IN = Path.of("src/test/resources/fake-powershell.py").toAbsolutePath();

    @Test
    void theVirtualDirectoriesGiveExternalNamesFirstThenInternalThenAutodiscover() throws Exception {
        var names = new PowerShellClientAccessNames(new PowerShellRunner(List.of("python3", STAND_IN.toString()),
                Duration.ofSeconds(30)));

        var urls = names.urls();
        assertEquals(12, urls.size(), "the empty MAPI external URL is left out: " + urls);
        assertEquals(new ClientAccessUrl("autodiscover", "https://ex01.contoso.local/Autodiscover/Autodiscover.xml"),
                urls.get(urls.size() - 1));
        assertEquals(List.of("mail.contoso.com", "ex01.contoso.local", "autodiscover.contoso.com"), names.names());
    }

    @Test
    void urlsWithoutAHostAndSingleLabelParentsProposeNothingOfTheirOwn() {
        var names = ClientAccessUrl.names(List.of(
                new ClientAccessUrl("owa external", "not a url"),
                new ClientAccessUrl("ews external", "https://webmail.example/EWS/Exchange.asmx"),
                new ClientAccessUrl("ecp internal", "https://EX01.corp.example.org./ecp"),
                new ClientAccessUrl("oab external", "https://autodiscover.example.org/OAB"),
                new ClientAccessUrl("autodiscover", "https://autodiscover.example.org/Autodiscover/Autodiscover.xml")));

        assertEquals(List.of("webmail.example", "autodiscover.example.org", "ex01.corp.example.org"), names);
    }

    @Test
    void theScriptIsTheReviewedOne() throws Exception {
        var actual = PowerShellClientAccessNames.script(new ExchangeSession.ManagementShell()).text() + "\n";
        var expected = Path.of("src/test/resources/expected-scripts/client-access-urls.ps1");
        if (!Files.exists(expected)) {
            Files.createDirectories(Path.of("target/actual-scripts"));
            Files.writeString(Path.of("target/actual-scripts/client-access-urls.ps1"), actual);
        }
        assertEquals(Files.readString(expected), actual);
    }
}
