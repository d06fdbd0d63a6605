package dev.exacme.acme.http01.iis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading an Exchange server's applicationHost.config (a shortened copy in test resources). */
class IisConfigurationTest {

    private static IisConfiguration exchangeServer() throws InvalidRequest, URISyntaxException {
        var file = Path.of(IisConfigurationTest.class.getResource("/iis/applicationHost.config").toURI());
        return IisConfiguration.read(file, Map.of("SystemDrive", "C:"));
    }

    @Test
    void readsSitesWithTheirRootFolderAndHttpHosts() throws Exception {
        var sites = exchangeServer().sites();
        assertEquals(3, sites.size());
        assertEquals(new IisSite(1, "Default Web Site", Path.of("C:/inetpub/wwwroot"), List.of("", "localhost")),
                sites.get(0));
        assertEquals(Path.of("D:/Sites/Intranet"), sites.get(2).physicalPath());
    }

    @Test
    void iisPicksTheSiteBoundToTheNameElseTheDefaultWebSite() throws Exception {
        var configuration = exchangeServer();
        assertEquals(3, configuration.site("iis", "INTRANET.contoso.com").id());
        assertEquals(1, configuration.site("iis", "mail.contoso.com").id());
        assertEquals("Exchange Back End", configuration.site("2", "x").name());
        assertEquals(3, configuration.site("intranet", "x").id());
    }

    @Test
    void anUnknownSiteListsTheSites() throws Exception {
        var refusal = assertThrows(InvalidRequest.class, () -> exchangeServer().site("Extranet", "x"));
        assertTrue(refusal.getMessage().startsWith("--webroot: no site named 'Extranet' in "), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("1 'Default Web Site', 2 'Exchange Back End', 3 'Intranet'"),
                refusal.getMessage());
    }

    @Test
    void aMissingConfigurationIsNamed(@org.junit.jupiter.api.io.TempDir Path temp) {
        var missing = temp.resolve("applicationHost.config");
        var refusal = assertThrows(InvalidRequest.class, () -> IisConfiguration.read(missing, Map.of()));
        assertTrue(refusal.getMessage().contains(missing.toString()), refusal.getMessage());
    }
}
