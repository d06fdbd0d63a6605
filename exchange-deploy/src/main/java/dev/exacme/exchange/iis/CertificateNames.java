package dev.exacme.exchange.iis;

import dev.exacme.store.CertificateBundle;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * The DNS names a certificate is for, as IIS host names are matched against them.
 *
 * @param names the names, wildcards ({@code *.contoso.com}) among them
 */
public record CertificateNames(List<String> names) {

    /** Copies the list. */
    public CertificateNames {
        names = List.copyOf(names);
    }

    /** The DNS names of {@code certificate}'s subject alternative names. */
    public static CertificateNames of(X509Certificate certificate) {
        return new CertificateNames(CertificateBundle.dnsNames(certificate));
    }

    /** Whether the certificate covers {@code host} (exactly, or by a wildcard for one label). */
    public boolean covers(String host) {
        var lower = host.toLowerCase(Locale.ROOT);
        return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).anyMatch(name -> name.equals(lower)
                || name.startsWith("*.") && lower.endsWith(name.substring(1))
                && lower.indexOf('.') == lower.length() - name.length() + 1);
    }

    /** The names that are not wildcards, in lower case, each once: what IIS can bind a host name to. */
    public List<String> hostNames() {
        return names.stream().filter(name -> !name.startsWith("*.")).map(name -> name.toLowerCase(Locale.ROOT))
                .distinct().toList();
    }

    /** The wildcard names, which IIS does not bind host names to. */
    public List<String> wildcards() {
        return names.stream().filter(name -> name.startsWith("*.")).distinct().toList();
    }
}
