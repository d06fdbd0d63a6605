package dev.exacme.lifecycle.deploy.revocation;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The CRL distribution points of a certificate (RFC 5280 section 4.2.1.13), read with
 * BouncyCastle: the full names that are URIs, in certificate order.
 *
 * @param http   the {@code http} and {@code https} URLs, which exacme fetches
 * @param others the URIs of other schemes ({@code ldap:}, {@code file:}), which it does not
 */
public record CrlDistributionPoints(List<URI> http, List<String> others) {

    /** Copies the lists. */
    public CrlDistributionPoints {
        http = List.copyOf(http);
        others = List.copyOf(others);
    }

    /** Whether the certificate names no distribution point at all. */
    public boolean none() {
        return http.isEmpty() && others.isEmpty();
    }

    /**
     * The distribution points of {@code certificate}.
     *
     * @throws IllegalArgumentException when the extension is there but not valid DER
     */
    public static CrlDistributionPoints of(X509Certificate certificate) {
        var value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (value == null) {
            return new CrlDistributionPoints(List.of(), List.of());
        }
        var http = new ArrayList<URI>();
        var others = new ArrayList<String>();
        var points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(value).getOctets());
        for (var point : points.getDistributionPoints()) {
            var name = point.getDistributionPoint();
            // A name relative to the issuer (nameRelativeToCRLIssuer) names no URL to fetch.
            if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                continue;
            }
            for (var general : GeneralNames.getInstance(name.getName()).getNames()) {
                if (general.getTagNo() != GeneralName.uniformResourceIdentifier) {
                    continue;
                }
                var text = ASN1IA5String.getInstance(general.getName()).getString();
                try {
                    var uri = new URI(text);
                    var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                    if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                        http.add(uri);
                    } else {
                        others.add(text);
                    }
                } catch (URISyntaxException e) {
                    others.add(text);
                }
            }
        }
        return new CrlDistributionPoints(http, others);
    }
}
