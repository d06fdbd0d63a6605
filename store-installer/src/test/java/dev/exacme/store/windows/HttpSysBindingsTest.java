package dev.exacme.store.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exacme.store.Thumbprint;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What {@link HttpSysBindings} makes of http.sys's three binding tables, read from a registry
 * in memory laid out as the Windows documentation and {@code netsh http show sslcert} describe
 * it (one subkey per binding, the certificate's SHA-1 in the REG_BINARY {@code SslCertHash});
 * the real registry read is not yet run on Windows.
 */
class HttpSysBindingsTest {

    private static final Thumbprint ADDRESS = Thumbprint.parse("1111111111111111111111111111111111111111");
    private static final Thumbprint SNI = Thumbprint.parse("2222222222222222222222222222222222222222");
    private static final Thumbprint CCS = Thumbprint.parse("3333333333333333333333333333333333333333");
    private static final Thumbprint UNUSED = Thumbprint.parse("4444444444444444444444444444444444444444");

    /** Keys by path, each with its values; a key's subkeys are the paths one level below it. */
    private final Map<String, Map<String, Object>> keys = new LinkedHashMap<>();

    private void binding(String table, String name, Map<String, Object> values) {
        keys.putIfAbsent(HttpSysBindings.PARAMETERS + table, Map.of());
        keys.put(HttpSysBindings.PARAMETERS + table + "\\" + name, values);
    }

    private static Map<String, Object> hash(Thumbprint thumbprint) {
        return Map.of("SslCertHash", HexFormat.of().parseHex(thumbprint.hex()), "SslCertStoreName", "MY",
                "AppId", "{4dc3e181-e14b-4a21-b022-59fc669b0914}");
    }

    private HttpSysBindings read() {
        return HttpSysBindings.read(new HttpSysBindings.Registry() {
            @Override
            public boolean exists(String key) {
                return keys.containsKey(key);
            }

            @Override
            public List<String> subKeys(String key) {
                var names = new ArrayList<String>();
                keys.keySet().stream().filter(path -> path.startsWith(key + "\\"))
                        .map(path -> path.substring(key.length() + 1)).filter(name -> !name.contains("\\"))
                        .forEach(names::add);
                return names;
            }

            @Override
            public Map<String, Object> values(String key) {
                return keys.get(key);
            }
        });
    }

    @Test
    void everyTableIsReadAndEachBindingIsNamedForWhatItIs() {
        binding("SslBindingInfo", "0.0.0.0:443", hash(ADDRESS));
        binding("SslSniBindingInfo", "mail.contoso.com:443", hash(SNI));
        // The same subkey name as the address binding: the two must not hide each other.
        binding("SslCcsBindingInfo", "0.0.0.0:443", hash(CCS));

        var bindings = read();

        assertEquals(Optional.of("the https binding 0.0.0.0:443"), bindings.usedBy(ADDRESS));
        assertEquals(Optional.of("the https binding mail.contoso.com:443"), bindings.usedBy(SNI));
        assertEquals(Optional.of("the https binding 0.0.0.0:443 (central certificate store)"), bindings.usedBy(CCS));
        assertEquals(Optional.empty(), bindings.usedBy(UNUSED));
    }

    @Test
    void aCentralCertificateStoreBindingWithoutAHashNamesNoCertificateOfTheStore() {
        // What IIS makes for "Use Centralized Certificate Store": the certificate comes from the share, by host name.
        binding("SslCcsBindingInfo", "0.0.0.0:443", Map.of("AppId", "{4dc3e181-e14b-4a21-b022-59fc669b0914}"));
        binding("SslCcsBindingInfo", "0.0.0.0:8443", Map.of("SslCertHash", new byte[0]));

        assertEquals(Optional.empty(), read().usedBy(UNUSED));
    }

    @Test
    void aMachineWithoutAnyTableHasNoBinding() {
        assertEquals(Optional.empty(), read().usedBy(ADDRESS));
    }
}
