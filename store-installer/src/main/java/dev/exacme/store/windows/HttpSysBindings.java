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
 * use. Read from the three tables under
 * {@code HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters}: {@code SslBindingInfo}
 * (address and port), {@code SslSniBindingInfo} (host name and port) and
 * {@code SslCcsBindingInfo} (central certificate store, one per port), one subkey per binding
 * with the certificate's SHA-1 in the REG_BINARY {@code SslCertHash}.
 *
 * <p>A central certificate store binding normally carries no hash: http.sys loads
 * {@code HOSTNAME.pfx} from the share IIS is configured with, so no certificate of the machine
 * store is in use through it. That its record has the same values as the other two tables
 * (a {@code SslCertHash} when one is set, which then names a certificate of the store) is
 * inference from its documented structure ({@code HTTP_SERVICE_CONFIG_SSL_CCS_SET} holds the
 * same {@code HTTP_SERVICE_CONFIG_SSL_PARAM}), and a hash found there is taken as in use, since
 * keeping a certificate costs less than removing a served one. Exchange's own service
 * assignments are exchange-deploy's to check. The registry read is not yet run on Windows.
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
     * Central certificate store bindings (Windows Server 2012 and later), named by port like an
     * address binding ({@code 0.0.0.0:443}, inference from {@code netsh http show sslcert ccs}),
     * so told apart in what is said.
     */
    private static final String CCS = "SslCcsBindingInfo";

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
            read(registry, name, "", bindings);
        }
        read(registry, CCS, " (central certificate store)", bindings);
        return new HttpSysBindings(bindings);
    }

    /** The bindings of one table that name a certificate, by their subkey's name and {@code suffix}. */
    private static void read(Registry registry, String table, String suffix, Map<String, byte[]> bindings) {
        var key = PARAMETERS + table;
        if (!registry.exists(key)) {
            return;
        }
        for (var binding : registry.subKeys(key)) {
            // An empty hash names no certificate: that is how a central certificate store binding reads.
            if (registry.values(key + "\\" + binding).get("SslCertHash") instanceof byte[] hash && hash.length > 0) {
                bindings.put(binding + suffix, hash);
            }
        }
    }

    @Override
    public Optional<String> usedBy(Thumbprint thumbprint) {
        var users = bindings.entrySet().stream()
                .filter(binding -> HexFormat.of().withUpperCase().formatHex(binding.getValue()).equals(thumbprint.hex()))
                .map(binding -> "the https binding " + binding.getKey()).toList();
        return users.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", users));
    }
}
