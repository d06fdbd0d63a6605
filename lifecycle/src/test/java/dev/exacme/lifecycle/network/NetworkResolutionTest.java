package dev.exacme.lifecycle.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.network.TrustedCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which source wins, and what each contributes. */
class NetworkResolutionTest {

    private static final Optional<WinHttpSettings> WINHTTP =
            Optional.of(WinHttpSettings.parse(WinHttpSettingsTest.fixture("proxy-bypass.hex")));
    private static final SavedNetwork SAVED = new SavedNetwork("http://saved.corp:8080", "saved.example", Optional.empty());
    private static final Map<String, String> ENVIRONMENT =
            Map.of("HTTPS_PROXY", "http://env.corp:3128", "NO_PROXY", "env.example");

    @TempDir
    Path temp;

    private static ResolvedNetwork resolve(Optional<String> proxy, Optional<String> noProxy, Optional<Path> credentials,
                                           Optional<SavedNetwork> saved, Map<String, String> environment,
                                           Optional<WinHttpSettings> winHttp) throws InvalidRequest {
        return NetworkResolution.resolve(new NetworkResolution.Inputs(proxy, noProxy, credentials, saved,
                Path.of("/etc/exacme/network.json"), environment, winHttp, OutboundNetwork.DEFAULT_CONNECT_TIMEOUT,
                OutboundNetwork.DEFAULT_REQUEST_TIMEOUT, TrustedCertificates.systemDefault()));
    }

    private static String host(ResolvedNetwork resolved) {
        return resolved.network().proxy().map(proxy -> proxy.host()).orElse("direct");
    }

    @Test
    void theOptionWinsOverEverything() throws InvalidRequest {
        var resolved = resolve(Optional.of("http://option.corp:1080"), Optional.empty(), Optional.empty(),
                Optional.of(SAVED), ENVIRONMENT, WINHTTP);
        assertEquals(ProxySource.OPTION, resolved.source());
        assertEquals("option.corp", host(resolved));
        assertTrue(resolved.network().noProxy().entries().isEmpty(), "other sources' lists do not leak in");
        var direct = resolve(Optional.of("direct"), Optional.empty(), Optional.empty(), Optional.of(SAVED),
                ENVIRONMENT, WINHTTP);
        assertEquals("direct", host(direct));
        assertEquals(ProxySource.OPTION, direct.source());
    }

    @Test
    void savedSettingsComeNext() throws InvalidRequest {
        var resolved = resolve(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(SAVED), ENVIRONMENT,
                WINHTTP);
        assertEquals(ProxySource.SAVED, resolved.source());
        assertEquals("saved.corp", host(resolved));
        assertTrue(resolved.network().noProxy().bypasses("ca.saved.example"));
    }

    @Test
    void thenTheEnvironmentWithItsNoProxy() throws InvalidRequest {
        var resolved = resolve(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), ENVIRONMENT,
                WINHTTP);
        assertEquals(ProxySource.ENVIRONMENT, resolved.source());
        assertEquals("HTTPS_PROXY", resolved.origin());
        assertEquals("env.corp", host(resolved));
        assertTrue(resolved.network().noProxy().bypasses("env.example"));
        var lower = resolve(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of("http_proxy", "http://u:p@lower.corp:3128", "no_proxy", "x.example"), Optional.empty());
        assertEquals("lower.corp", host(lower));
        assertEquals("u", lower.network().proxy().orElseThrow().credentials().orElseThrow().user());
    }

    @Test
    void thenWinHttpWithItsBypassList() throws InvalidRequest {
        var resolved = resolve(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), WINHTTP);
        assertEquals(ProxySource.WINHTTP, resolved.source());
        assertEquals("proxy.corp.example.com", host(resolved));
        assertTrue(resolved.network().noProxy().bypasses("exchange01"));
        assertTrue(resolved.network().noProxy().bypasses("ca.corp.example.com"));
    }

    @Test
    void otherwiseDirect() throws InvalidRequest {
        var direct = Optional.of(WinHttpSettings.parse(WinHttpSettingsTest.fixture("direct.hex")));
        var resolved = resolve(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), direct);
        assertEquals(ProxySource.NONE, resolved.source());
        assertEquals("direct", host(resolved));
        assertTrue(resolved.route().startsWith("The connection was direct"), resolved.route());
    }

    @Test
    void noProxyOptionAppliesToWhicheverSourceWon() throws InvalidRequest {
        var resolved = resolve(Optional.empty(), Optional.of("only.example"), Optional.empty(), Optional.empty(),
                ENVIRONMENT, Optional.empty());
        assertTrue(resolved.network().noProxy().bypasses("only.example"));
        assertFalse(resolved.network().noProxy().bypasses("env.example"));
    }

    @Test
    void credentialsComeFromAnOwnerOnlyFileNeverFromTheOption() throws Exception {
        var file = Files.writeString(temp.resolve("proxy-credentials"), "svc-exacme:pa:ss\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        var resolved = resolve(Optional.empty(), Optional.empty(), Optional.of(file), Optional.of(SAVED), Map.of(),
                Optional.empty());
        var credentials = resolved.network().proxy().orElseThrow().credentials().orElseThrow();
        assertEquals("svc-exacme", credentials.user());
        assertEquals("pa:ss", credentials.password());

        var inline = assertThrows(InvalidRequest.class, () -> resolve(Optional.of("http://a:s3cret@p.corp:1"),
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty()));
        assertTrue(inline.getMessage().contains("--proxy-credentials-file"), inline.getMessage());
        assertFalse(inline.getMessage().contains("s3cret"));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        var readable = assertThrows(InvalidRequest.class, () -> resolve(Optional.empty(), Optional.empty(),
                Optional.of(file), Optional.of(SAVED), Map.of(), Optional.empty()));
        assertTrue(readable.getMessage().contains("chmod 600"), readable.getMessage());
    }

    @Test
    void savedSettingsRoundTrip() throws IOException {
        var saved = new SavedNetwork("http://p.corp:3128", "a.example,b.example", Optional.of(temp.resolve("c")));
        saved.save(temp);
        assertEquals(Optional.of(new SavedNetwork("http://p.corp:3128", "a.example,b.example",
                Optional.of(temp.resolve("c").toAbsolutePath()))), SavedNetwork.load(temp));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(SavedNetwork.file(temp))));
        assertTrue(SavedNetwork.clear(temp));
        assertEquals(Optional.empty(), SavedNetwork.load(temp));
    }

    @Test
    void aTimeoutNoOneMeansIsRefusedNamingTheOption() {
        var refusal = org.junit.jupiter.api.Assertions.assertThrows(InvalidRequest.class, () ->
                NetworkResolution.resolve(new NetworkResolution.Inputs(Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Path.of("/etc/exacme/network.json"), Map.of(),
                        Optional.empty(), java.time.Duration.ofHours(99999999), OutboundNetwork.DEFAULT_REQUEST_TIMEOUT,
                        TrustedCertificates.systemDefault())));
        assertTrue(refusal.getMessage().startsWith("--connect-timeout 99999999h"), refusal.getMessage());
    }
}
