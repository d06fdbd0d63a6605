package dev.exacme.acme.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * RSA key pairs whose primes are searched on several threads at once.
 *
 * <p>Why: the launcher runs the JIT's first tier only (start-up is most of a run), and there the
 * JDK's generator takes 0.3 to 2.2 s for one RSA 2048 key (bench/README.md): it searches its
 * primes one after the other, and about 3.4 of them on average, since a prime counts only above
 * sqrt(2) * 2^(bits/2-1). Here every searcher draws the JDK's own {@link BigInteger#probablePrime}
 * from its own {@link SecureRandom}, and the key is made from the first primes that pass: in a
 * fresh JVM on two cores 0.63 s instead of 0.95 s (bench/STARTUP.md), where a whole issuance does
 * not keep both cores busy already. The rules are the JDK's {@code RSAKeyPairGenerator}'s
 * (FIPS 186-5 A.1.3): each prime above sqrt(2) * 2^(bits/2-1) with p-1 coprime to e = 65537,
 * |p - q| above 2^(bits/2-100), a modulus of exactly {@code bits} bits, d = e^-1 mod
 * lcm(p-1, q-1) above 2^(bits/2).
 */
final class RsaKeyPairs {

    private static final BigInteger E = RSAKeyGenParameterSpec.F4;
    /** Generations running in this process: only a lone one searches on two threads. */
    private static final AtomicInteger RUNNING = new AtomicInteger();

    private RsaKeyPairs() {
    }

    /**
     * A new key pair with a modulus of {@code bits} bits (even) and public exponent 65537.
     *
     * @param cancelled asked between primes: once true, the searchers stop after the prime in
     *                  flight and this throws {@link CancellationException}
     */
    static KeyPair generate(int bits, BooleanSupplier cancelled) throws GeneralSecurityException {
        var minimum = BigInteger.ONE.shiftLeft(bits - 1).sqrt();
        var primes = new LinkedBlockingQueue<BigInteger>();
        var done = new AtomicBoolean();
        BooleanSupplier stop = () -> done.get() || cancelled.getAsBoolean();
        // Concurrent generations (renew orders several certificates at once) already keep the cores busy.
        boolean alone = RUNNING.incrementAndGet() == 1;
        try {
            int searchers = alone && Runtime.getRuntime().availableProcessors() > 1 ? 2 : 1;
            for (int i = 0; i < searchers; i++) {
                var thread = new Thread(() -> search(bits / 2, minimum, primes, stop), "exacme-rsa-primes");
                // A search still running when the key is made only finishes its prime; it never keeps the process alive.
                thread.setDaemon(true);
                thread.start();
            }
            return assemble(bits, primes, stop);
        } finally {
            done.set(true);
            RUNNING.decrementAndGet();
        }
    }

    private static void search(int bits, BigInteger minimum, BlockingQueue<BigInteger> primes, BooleanSupplier stop) {
        var random = new SecureRandom();
        while (!stop.getAsBoolean()) {
            var prime = BigInteger.probablePrime(bits, random);
            if (prime.compareTo(minimum) > 0 && !prime.subtract(BigInteger.ONE).mod(E).equals(BigInteger.ZERO)) {
                primes.add(prime);
            }
        }
    }

    private static KeyPair assemble(int bits, BlockingQueue<BigInteger> primes, BooleanSupplier stop)
            throws GeneralSecurityException {
        var minimumDistance = BigInteger.ONE.shiftLeft(bits / 2 - 100);
        var minimumD = BigInteger.ONE.shiftLeft(bits / 2);
        while (true) {
            var p = take(primes, stop);
            var q = take(primes, stop);
            while (p.subtract(q).abs().compareTo(minimumDistance) <= 0) {
                q = take(primes, stop);
            }
            var n = p.multiply(q);
            if (n.bitLength() != bits) {
                continue; // cannot happen with both primes above the minimum; checked as the JDK does
            }
            var pMinus1 = p.subtract(BigInteger.ONE);
            var qMinus1 = q.subtract(BigInteger.ONE);
            var lcm = pMinus1.multiply(qMinus1).divide(pMinus1.gcd(qMinus1));
            var d = E.modInverse(lcm);
            if (d.compareTo(minimumD) <= 0) {
                continue;
            }
            var factory = KeyFactory.getInstance("RSA");
            var publicKey = factory.generatePublic(new RSAPublicKeySpec(n, E));
            var privateKey = factory.generatePrivate(new RSAPrivateCrtKeySpec(n, E, d, p, q,
                    d.mod(pMinus1), d.mod(qMinus1), q.modInverse(p)));
            return new KeyPair(publicKey, privateKey);
        }
    }

    private static BigInteger take(BlockingQueue<BigInteger> primes, BooleanSupplier stop) {
        try {
            while (true) {
                var prime = primes.poll(50, TimeUnit.MILLISECONDS);
                if (prime != null) {
                    return prime;
                }
                if (stop.getAsBoolean()) {
                    throw new CancellationException("the RSA key is no longer needed");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating an RSA key", e);
        }
    }
}
