package dev.exacme.lifecycle.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.network.ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Decoding the registry value {@code WinHttpSettings} from fixtures (hex dumps under
 * {@code src/test/resources/winhttp}, laid out as {@code netsh winhttp set proxy} writes it;
 * built from the documented layout, not captured on Windows).
 */
class WinHttpSettingsTest {

    static byte[] fixture(String name) {
        try (var in = WinHttpSettingsTest.class.getResourceAsStream("/winhttp/" + name)) {
            var hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.startsWith("#")).collect(Collectors.joining()).replace(" ", "");
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void directAccessMeansNoProxy() throws Exception {
        var settings = WinHttpSettings.parse(fixture("direct.hex"));
        assertFalse(settings.usesProxy());
        assertEquals(Optional.empty(), settings.httpsProxy());
    }

    @Test
    void aProxyWithItsBypassList() throws Exception {
        var settings = WinHttpSettings.parse(fixture("proxy-bypass.hex"));
        assertTrue(settings.usesProxy());
        assertEquals(3, settings.flags());
        assertEquals(Optional.of(new ProxyServer("proxy.corp.example.com", 3128, Optional.empty())),
                settings.httpsProxy());
        assertEquals("<local>;*.corp.example.com;10.*", settings.bypass());
    }

    @Test
    void perSchemeListsPreferTheHttpsEntry() throws Exception {
        var settings = WinHttpSettings.parse(fixture("per-scheme.hex"));
        assertEquals(Optional.of(new ProxyServer("secure.corp", 8443, Optional.empty())), settings.httpsProxy());
        assertEquals("", settings.bypass());
    }

    @Test
    void aDamagedValueIsRefused() {
        var failure = assertThrows(IllegalArgumentException.class,
                () -> WinHttpSettings.parse(fixture("truncated.hex")));
        assertTrue(failure.getMessage().contains("truncated or damaged"), failure.getMessage());
    }
}
