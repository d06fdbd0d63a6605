package dev.exacme.store.pkcs12;

import dev.exacme.store.CertificateBundle;
import java.io.IOException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * Encodes a certificate bundle as PKCS#12: the chain in an encrypted safe, the key in a
 * shrouded key bag, leaf and key tied by a local key id and labelled with a friendly name.
 * Optionally names the Windows cryptographic provider the key should be imported into
 * (bag attribute 1.3.6.1.4.1.311.17.1, which {@code PFXImportCertStore} honours).
 */
public final class Pkcs12Encoder {

    /** The Microsoft "CSP name" PKCS#12 bag attribute. */
    public static final ASN1ObjectIdentifier MICROSOFT_CSP_NAME = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.17.1");

    private static final int ITERATIONS = 10_000;
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final Pkcs12Encryption encryption;

    /** An encoder protecting files with {@code encryption}. */
    public Pkcs12Encoder(Pkcs12Encryption encryption) {
        this.encryption = encryption;
    }

    /**
     * The DER encoding of a PKCS#12 file holding {@code bundle}.
     *
     * @param friendlyName the name importers show for the certificate and key
     * @param providerName the Windows CSP or KSP to import the key into, if any
     */
    public byte[] encode(CertificateBundle bundle, char[] password, String friendlyName, Optional<String> providerName)
            throws IOException {
        try {
            var localKeyId = new JcaX509ExtensionUtils().createSubjectKeyIdentifier(bundle.leaf().getPublicKey());
            var certificates = new ArrayList<PKCS12SafeBag>();
            for (var certificate : bundle.chain()) {
                var bag = new JcaPKCS12SafeBagBuilder(certificate);
                if (certificate == bundle.leaf()) {
                    bag.addBagAttribute(PKCS12SafeBag.friendlyNameAttribute, new DERBMPString(friendlyName));
                    bag.addBagAttribute(PKCS12SafeBag.localKeyIdAttribute, localKeyId);
                }
                certificates.add(bag.build());
            }
            var key = new JcaPKCS12SafeBagBuilder(bundle.key(), encryptor(password));
            key.addBagAttribute(PKCS12SafeBag.friendlyNameAttribute, new DERBMPString(friendlyName));
            key.addBagAttribute(PKCS12SafeBag.localKeyIdAttribute, localKeyId);
            providerName.ifPresent(name -> key.addBagAttribute(MICROSOFT_CSP_NAME, (ASN1Encodable) new DERBMPString(name)));

            var pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(encryptor(password), certificates.toArray(PKCS12SafeBag[]::new));
            pfx.addData(key.build());
            PKCS12PfxPdu pdu = pfx.build(mac(), password);
            return pdu.getEncoded("DER");
        } catch (OperatorCreationException | PKCSException
                 | java.security.NoSuchAlgorithmException e) {
            throw new IOException("the PKCS#12 file cannot be built: " + e.getMessage(), e);
        }
    }

    private OutputEncryptor encryptor(char[] password) throws OperatorCreationException {
        if (encryption == Pkcs12Encryption.LEGACY_3DES_SHA1) {
            return new JcePKCSPBEOutputEncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
                    .setProvider(BOUNCY_CASTLE).setIterationCount(ITERATIONS).build(password);
        }
        return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                .setProvider(BOUNCY_CASTLE).setIterationCount(ITERATIONS).build(password);
    }

    private PKCS12MacCalculatorBuilder mac() {
        var digest = encryption == Pkcs12Encryption.LEGACY_3DES_SHA1
                ? OIWObjectIdentifiers.idSHA1 : NISTObjectIdentifiers.id_sha256;
        return new JcePKCS12MacCalculatorBuilder(digest).setProvider(BOUNCY_CASTLE).setIterationCount(ITERATIONS);
    }
}
