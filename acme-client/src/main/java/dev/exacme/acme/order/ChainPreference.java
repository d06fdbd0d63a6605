package dev.exacme.acme.order;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Chooses among the chains a CA offers (RFC 8555 section 7.4.2, {@code Link: rel="alternate"})
 * the one whose root or an issuer has the preferred common name, like certbot's and
 * win-acme's {@code --preferred-chain}. Without a match the CA's default chain stays.
 */
final class ChainPreference {

    private ChainPreference() {
    }

    /**
     * The index of the first chain that matches, or empty.
     *
     * @param chains the default chain first, then the alternates; each leaf first
     */
    static Optional<Integer> choose(List<List<X509Certificate>> chains, String issuerCommonName) {
        var wanted = issuerCommonName.trim();
        for (int i = 0; i < chains.size(); i++) {
            for (var certificate : chains.get(i)) {
                if (commonName(certificate.getIssuerX500Principal()).equalsIgnoreCase(wanted)) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }

    /** The issuer names of a chain, for telling the user what was on offer. */
    static String describe(List<X509Certificate> chain) {
        var top = chain.get(chain.size() - 1);
        return commonName(top.getIssuerX500Principal());
    }

    private static String commonName(X500Principal principal) {
        var rdns = X500Name.getInstance(principal.getEncoded()).getRDNs(BCStyle.CN);
        if (rdns.length == 0) {
            return principal.getName();
        }
        return IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
