package dev.exacme.acme.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The PKCS#10 certificate signing request for an order, built with BouncyCastle: every
 * name as a subjectAltName, the first one also as common name when it fits the 64
 * characters X.509 allows (CAs take the names from the SAN extension; the CN is for old
 * software that still reads it).
 */
final class SigningRequest {

    private static final int MAX_COMMON_NAME = 64;

    private SigningRequest() {
    }

    static byte[] der(List<DomainName> names, KeyPair keyPair, String signatureAlgorithm) {
        var subject = new X500NameBuilder(BCStyle.INSTANCE);
        var first = names.get(0).ascii();
        if (first.length() <= MAX_COMMON_NAME) {
            subject.addRDN(BCStyle.CN, first);
        }
        var sans = names.stream().map(name -> new GeneralName(GeneralName.dNSName, name.ascii()))
                .toArray(GeneralName[]::new);
        try {
            var extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
            var builder = new JcaPKCS10CertificationRequestBuilder(subject.build(), keyPair.getPublic());
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            var signer = new JcaContentSignerBuilder(signatureAlgorithm).build(keyPair.getPrivate());
            return builder.build(signer).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the CSR with " + signatureAlgorithm, e);
        }
    }
}
