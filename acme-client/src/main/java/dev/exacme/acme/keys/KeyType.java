package dev.exacme.acme.keys;

import dev.exacme.acme.failure.InvalidRequest;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The key types exacme generates for certificates: RSA, which every Exchange version
 * accepts and which goes into the SChannel CSP on Windows, and ECDSA on the NIST curves
 * CAs accept.
 */
public enum KeyType {
    RSA_2048("rsa2048", "RSA", 2048, "SHA256withRSA"),
    RSA_3072("rsa3072", "RSA", 3072, "SHA256withRSA"),
    RSA_4096("rsa4096", "RSA", 4096, "SHA256withRSA"),
    EC_P256("ec256", "EC", 256, "SHA256withECDSA"),
    EC_P384("ec384", "EC", 384, "SHA384withECDSA");

    private final String id;
    private final String algorithm;
    private final int size;
    private final String signatureAlgorithm;

    KeyType(String id, String algorithm, int size, String signatureAlgorithm) {
        this.id = id;
        this.algorithm = algorithm;
        this.size = size;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The name used on the command line and in state files, e.g. {@code rsa2048}. */
    public String id() {
        return id;
    }

    /** The JCA signature algorithm for a CSR signed with this key. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** Generates a fresh key pair of this type (an RSA key's primes on several threads, {@link RsaKeyPairs}). */
    public KeyPair generate() {
        return generate(() -> false);
    }

    /** As {@link #generate()}; an RSA generation stops once {@code cancelled} says so. */
    KeyPair generate(BooleanSupplier cancelled) {
        try {
            if (algorithm.equals("RSA")) {
                return RsaKeyPairs.generate(size, cancelled);
            }
            var generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(new ECGenParameterSpec(size == 256 ? "secp256r1" : "secp384r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot generate " + id + " keys", e);
        }
    }

    /**
     * Parses a key type as the user wrote it. Accepts the canonical names and the spellings
     * other ACME clients use ({@code rsa-2048}, {@code ecdsa-p256}, {@code p384}, ...).
     */
    public static KeyType parse(String text) throws InvalidRequest {
        var normalized = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        normalized = normalized.replace("ecdsap", "ec").replace("secp", "ec").replace("r1", "");
        if (normalized.matches("p(256|384)")) {
            normalized = "ec" + normalized.substring(1);
        }
        for (var type : values()) {
            if (type.id.equals(normalized)) {
                return type;
            }
        }
        throw new InvalidRequest("Unknown key type '" + text + "': use one of " + names() + ".");
    }

    /** The type of an existing key pair, for reusing a key. */
    public static KeyType of(KeyPair keyPair) throws InvalidRequest {
        var key = keyPair.getPublic();
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            for (var type : values()) {
                if (type.algorithm.equals("RSA") && type.size == bits) {
                    return type;
                }
            }
            throw new InvalidRequest("The RSA key has " + bits + " bits; exacme uses 2048, 3072 or 4096.");
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            for (var type : values()) {
                if (type.algorithm.equals("EC") && type.size == bits) {
                    return type;
                }
            }
            throw new InvalidRequest("The EC key is on a " + bits + "-bit curve; exacme uses P-256 or P-384.");
        }
        throw new InvalidRequest("Unsupported key algorithm " + key.getAlgorithm() + ": use RSA or EC.");
    }

    /** The accepted canonical names, comma separated. */
    public static String names() {
        return Arrays.stream(values()).map(KeyType::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
