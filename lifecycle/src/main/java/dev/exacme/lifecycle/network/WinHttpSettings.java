package dev.exacme.lifecycle.network;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.ProxyServer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine-wide WinHTTP proxy, what {@code netsh winhttp show proxy} shows and what a
 * SYSTEM task should use. Windows keeps it as the binary value {@code WinHttpSettings} under
 * {@code HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\Connections}:
 * little-endian DWORDs for a version, a change counter and flags (1 always set, 2 manual
 * proxy, 4 PAC URL, 8 auto-detect), then length-prefixed ASCII strings: proxy, bypass list
 * and, in newer versions, the PAC URL.
 *
 * @param flags     the flags DWORD
 * @param proxy     the proxy string, {@code host:port} or {@code http=h:p;https=h:p}
 * @param bypass    the bypass list, e.g. {@code <local>;*.corp.example.com}
 */
public record WinHttpSettings(int flags, String proxy, String bypass) {

    private static final int MANUAL_PROXY = 2;

    /**
     * Decodes the registry value.
     *
     * @throws IllegalArgumentException if the blob is shorter than its own lengths say
     */
    public static WinHttpSettings parse(byte[] blob) {
        var buffer = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        try {
            buffer.getInt(); // version
            buffer.getInt(); // change counter
            var flags = buffer.getInt();
            var proxy = string(buffer);
            var bypass = buffer.remaining() >= 4 ? string(buffer) : "";
            return new WinHttpSettings(flags, proxy, bypass);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the WinHttpSettings value is truncated or damaged (" + blob.length
                    + " bytes)", e);
        }
    }

    private static String string(ByteBuffer buffer) {
        var length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("string length " + length + " beyond the value");
        }
        var bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** Whether a proxy is set ({@code netsh winhttp set proxy}), rather than direct access. */
    public boolean usesProxy() {
        return (flags & MANUAL_PROXY) != 0 && !proxy.isBlank();
    }

    /**
     * The proxy for HTTPS: the {@code https=} entry of a per-scheme list, else the
     * {@code http=} one, else the single proxy.
     */
    public Optional<ProxyServer> httpsProxy() throws InvalidRequest {
        if (!usesProxy()) {
            return Optional.empty();
        }
        String chosen = null;
        String plain = null;
        for (var entry : proxy.split("[;\\s]+")) {
            var lower = entry.toLowerCase(Locale.ROOT);
            if (lower.startsWith("https=")) {
                chosen = entry.substring(6);
            } else if (lower.startsWith("http=") && plain == null) {
                plain = entry.substring(5);
            } else if (!entry.contains("=") && !entry.isBlank() && plain == null) {
                plain = entry;
            }
        }
        var value = chosen != null ? chosen : plain;
        return value == null ? Optional.empty()
                : Optional.of(ProxyServer.parse(value, "the WinHTTP proxy '" + proxy + "'"));
    }
}
