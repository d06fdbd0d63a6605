package dev.exacme.acme.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RsaKeyPairsTest {

    @ParameterizedTest
    @ValueSource(ints = {2048, 3072})
    void keysFollowTheRulesOfTheJdksGenerator(int bits) throws Exception {
        var seenModuli = new HashSet<BigInteger>();
        for (int round = 0; round < 3; round++) {
            var pair = RsaKeyPairs.generate(bits, () -> false);
            var publicKey = (RSAPublicKey) pair.getPublic();
            var key = (RSAPrivateCrtKey) pair.getPrivate();
            var p = key.getPrimeP();
            var q = key.getPrimeQ();
            var e = publicKey.getPublicExponent();
            var n = publicKey.getModulus();
            assertTrue(seenModuli.add(n), "every key is new");
            assertEquals(bits, n.bitLength());
            assertEquals(n, p.multiply(q));
            assertEquals(BigInteger.valueOf(65537), e);
            assertTrue(p.isProbablePrime(64) && q.isProbablePrime(64), "p and q are prime");
            var minimum = BigInteger.ONE.shiftLeft(bits - 1).sqrt();
            assertTrue(p.compareTo(minimum) > 0 && q.compareTo(minimum) > 0, "both primes above sqrt(2) * 2^(bits/2-1)");
            assertTrue(p.subtract(q).abs().bitLength() > bits / 2 - 100, "|p - q| > 2^(bits/2-100)");
            var pMinus1 = p.subtract(BigInteger.ONE);
            var qMinus1 = q.subtract(BigInteger.ONE);
            var lcm = pMinus1.multiply(qMinus1).divide(pMinus1.gcd(qMinus1));
            assertEquals(BigInteger.ONE, e.multiply(key.getPrivateExponent()).mod(lcm), "e * d = 1 mod lcm(p-1, q-1)");
            assertTrue(key.getPrivateExponent().bitLength() > bits / 2, "d > 2^(bits/2)");
            assertEquals(key.getPrivateExponent().mod(pMinus1), key.getPrimeExponentP());
            assertEquals(key.getPrivateExponent().mod(qMinus1), key.getPrimeExponentQ());
            assertEquals(BigInteger.ONE, q.multiply(key.getCrtCoefficient()).mod(p));
            assertNotEquals(p, q);

            // The CRT parameters are what the JDK signs with: a signature it verifies proves them consistent.
            var signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(new byte[] {1, 2, 3});
            var signature = signer.sign();
            var verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(publicKey);
            verifier.update(new byte[] {1, 2, 3});
            assertTrue(verifier.verify(signature));
        }
        searchersEnd();
    }

    @Test
    void aClosedKeyStopsItsSearchers() throws Exception {
        // RSA 4096 takes seconds under any JIT: closed at once, its generation ends after the primes in flight.
        var key = CertificateKey.start(KeyType.RSA_4096, Optional.empty());
        key.close();
        assertThrows(CancellationException.class, key::await);
        searchersEnd();
    }

    /** No searcher thread outlives its key (the one in flight finishes its prime first). */
    private static void searchersEnd() throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals("exacme-rsa-primes"))) {
            assertTrue(System.nanoTime() < deadline, "searcher threads still running after 60 s");
            Thread.sleep(20);
        }
    }
}
