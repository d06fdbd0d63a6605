package dev.exacme.acme.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import java.io.IOException;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class KeyTypeTest {

    @ParameterizedTest
    @CsvSource({"rsa2048,RSA_2048", "RSA-3072,RSA_3072", "rsa_4096,RSA_4096", "ec256,EC_P256",
        "ecdsa-p256,EC_P256", "P-384,EC_P384", "secp384r1,EC_P384", "ec-384,EC_P384"})
    void acceptsTheSpellingsOfOtherClients(String text, KeyType expected) throws InvalidRequest {
        assertEquals(expected, KeyType.parse(text));
    }

    @Test
    void unknownTypeNamesTheInputAndTheChoices() {
        var refusal = assertThrows(InvalidRequest.class, () -> KeyType.parse("rsa1024"));
        assertTrue(refusal.getMessage().contains("'rsa1024'"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("rsa2048, rsa3072, rsa4096, ec256, ec384"), refusal.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"RSA_2048", "EC_P256", "EC_P384"})
    void generatedKeysSurvivePemAndSign(KeyType type) throws Exception {
        var pair = type.generate();
        assertEquals(type, KeyType.of(pair));
        var read = PemFormat.readKeyPair(PemFormat.privateKey(pair.getPrivate()));
        assertEquals(pair.getPublic(), read.getPublic());
        var signer = Signature.getInstance(type.signatureAlgorithm());
        signer.initSign(read.getPrivate());
        signer.update(new byte[] {1, 2, 3});
        var verifier = Signature.getInstance(type.signatureAlgorithm());
        verifier.initVerify(pair.getPublic());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signer.sign()));
    }

    @Test
    void readingSomethingElseFailsClearly() {
        var failure = assertThrows(IOException.class, () -> PemFormat.readKeyPair("not a key"));
        assertTrue(failure.getMessage().contains("PRIVATE KEY"), failure.getMessage());
    }
}
