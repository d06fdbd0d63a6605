package dev.exacme.acme.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;

/**
 * Recovers the public half of a key pair from a PKCS#8 private key, which carries no
 * public key for EC in some encoders and none at all for RSA in the JCA view.
 */
final class PublicKeys {

    private PublicKeys() {
    }

    static KeyPair derive(PrivateKey key) throws IOException {
        try {
            if (key instanceof RSAPrivateCrtKey rsa) {
                var spec = new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent());
                return new KeyPair(KeyFactory.getInstance("RSA").generatePublic(spec), key);
            }
            if (key instanceof ECPrivateKey ec) {
                var params = ec.getParams();
                var curve = EC5Util.convertCurve(params.getCurve());
                var g = EC5Util.convertPoint(curve, params.getGenerator());
                var q = g.multiply(ec.getS()).normalize();
                var point = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
                var spec = new ECPublicKeySpec(point, params);
                return new KeyPair(KeyFactory.getInstance("EC").generatePublic(spec), key);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot derive the public key: " + e.getMessage(), e);
        }
        throw new IOException("unsupported private key algorithm " + key.getAlgorithm());
    }
}
