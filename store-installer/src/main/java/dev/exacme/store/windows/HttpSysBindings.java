package dev.exacme.store.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinReg;
import dev.exacme.store.CertificateUsage;
import dev.exacme.store.StoreException;
import dev.exacme.store.Thumbprint;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The https bindings of http.sys (what {@code netsh http show sslcert} lists, IIS's https
 * bindings among them) as a {@link CertificateUsage}: a certificate one of them serves is in
 * use. Read from {@code HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters\SslBindingInfo}
 * (address and port) and {@code ...\SslSniBindingInfo} (host name and port), one key per binding
 * with the certificate's SHA-1 in {@code SslCertHash}; central certificate store bindings
 * ({@code SslCcsBindingInfo}) name no certificate of the store. Exchange's own
 * service assignments are exchange-deploy's to check. The registry read is not yet run on
 * Windows.
 */
public final class HttpSysBindings implements CertificateUsage {

    /** Where http.sys keeps its configuration, under {@code HKEY_LOCAL_MACHINE}. */
    static final String PARAMETERS = "SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\";
    /**
     * Address and port bindings, and since Windows Server 2012 host name and port (SNI)
     * bindings, which IIS's SNI bindings, ADFS and the Web Application Proxy make: a check that
     * read only the first would pass a certificate every SNI site still serves.
     */
    private static final List<String> KEYS = List.of("SslBindingInfo", "SslSniBindingInfo");

    /**
     * The part of the registry this class reads, so that what it makes of the keys can be
     * tested off Windows; {@link #fromRegistry()} reads the real one.
     */
    interface Registry {

        /** Whether {@code key} (under {@code HKEY_LOCAL_MACHINE}) exists. */
        boolean exists(String key);

        /** The names of {@code key}'s subkeys. */
        List<String> subKeys(String key);

        /** {@code key}'s values by name: {@code byte[]} for REG_BINARY, as JNA's {@code Advapi32Util} gives them. */
        Map<String, Object> values(String key);
    }

    private final Map<String, byte[]> bindings;

    /** Bindings by name ({@code 0.0.0.0:443}, {@code mail.example.com:443}) with their certificate hashes. */
    public HttpSysBindings(Map<String, byte[]> bindings) {
        this.bindings = Map.copyOf(bindings);
    }

    /** The bindings as the registry holds them now. */
    public static HttpSysBindings fromRegistry() throws StoreException {
        try {
            return read(new Registry() {
                @Override
                public boolean exists(String key) {
                    return Advapi32Util.registryKeyExists(WinReg.HKEY_LOCAL_MACHINE, key);
                }

                @Override
                public List<String> subKeys(String key) {
                    return List.of(Advapi32Util.registryGetKeys(WinReg.HKEY_LOCAL_MACHINE, key));
                }

                @Override
                public Map<String, Object> values(String key) {
                    return Advapi32Util.registryGetValues(WinReg.HKEY_LOCAL_MACHINE, key);
                }
            });
        } catch (Win32Exception e) {
            throw new StoreException("the https bindings of http.sys cannot be read (" + e.getMessage()
                    + "); nothing was removed.", e);
        }
    }

    /** The bindings as {@code registry} holds them. */
    static HttpSysBindings read(Registry registry) {
        var bindings = new LinkedHashMap<String, byte[]>();
        for (var name : KEYS) {
            var key = PARAMETERS + name;
            if (!registry.exists(key)) {
                continue;
            }
            for (var binding : registry.subKeys(key)) {
                if (registry.values(key + "\\" + binding).get("SslCertHash") instanceof byte[] hash) {
                    bindings.put(binding, hash);
                }
            }
        }
        return new HttpSysBindings(bindings);
    }

    @Override
    public Optional<String> usedBy(Thumbprint thumbprint) {
        var users = bindings.entrySet().stream()
                .filter(binding -> HexFormat.of().withUpperCase().formatHex(binding.getValue()).equals(thumbprint.hex()))
                .map(binding -> "the https binding " + binding.getKey()).toList();
        return users.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", users));
    }
}
