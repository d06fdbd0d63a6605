package dev.exacme.acme.order;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.keys.KeyType;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * What to ask the CA for: names, key, and the CA-side options.
 *
 * @param names          one to {@value #MAX_NAMES} distinct names; the first becomes the
 *                       subject's common name
 * @param keyType        the type of a freshly generated key, or of {@code reuseKey}
 * @param reuseKey       an existing key to certify instead of a fresh one
 * @param profile        an ACME profile the CA's directory offers ({@code shortlived}, ...)
 * @param preferredChain the issuer common name of the alternate chain to prefer
 * @param replaces       the certificate this order renews, named to CAs that offer renewal
 *                       information (RFC 9773 {@code replaces})
 */
public record CertificateRequest(List<DomainName> names, KeyType keyType, Optional<KeyPair> reuseKey,
                                 Optional<String> profile, Optional<String> preferredChain,
                                 Optional<X509Certificate> replaces) {

    /** Let's Encrypt's (and RFC-common) limit on names per certificate. */
    public static final int MAX_NAMES = 100;

    public CertificateRequest {
        names = List.copyOf(names);
    }

    /** A request that renews nothing. */
    public CertificateRequest(List<DomainName> names, KeyType keyType, Optional<KeyPair> reuseKey,
                              Optional<String> profile, Optional<String> preferredChain) {
        this(names, keyType, reuseKey, profile, preferredChain, Optional.empty());
    }

    /**
     * Parses the names as typed and checks them together: at least one, at most
     * {@value #MAX_NAMES}, no duplicates (also after IDN conversion and case folding).
     *
     * @throws InvalidRequest naming the first offending input
     */
    public static List<DomainName> parseNames(List<String> typed) throws InvalidRequest {
        if (typed.isEmpty()) {
            throw new InvalidRequest("No names given: pass at least one -d NAME.");
        }
        if (typed.size() > MAX_NAMES) {
            throw new InvalidRequest(typed.size() + " names given; a certificate may hold at most " + MAX_NAMES
                    + ". Split them over several certificates.");
        }
        var names = new ArrayList<DomainName>();
        var seen = new HashMap<String, DomainName>();
        for (var text : typed) {
            var name = DomainName.parse(text);
            var earlier = seen.putIfAbsent(name.ascii(), name);
            if (earlier != null) {
                throw new InvalidRequest("'" + text + "' is given twice"
                        + (earlier.asTyped().equals(name.asTyped()) ? "" : " (also as '" + earlier.asTyped() + "')")
                        + "; list each name once.");
            }
            names.add(name);
        }
        return names;
    }

    /** The key type actually used: the reused key's type when one is given. */
    public KeyType effectiveKeyType() throws InvalidRequest {
        return reuseKey.isPresent() ? KeyType.of(reuseKey.get()) : keyType;
    }
}
