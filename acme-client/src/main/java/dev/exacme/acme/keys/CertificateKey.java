package dev.exacme.acme.keys;

import dev.exacme.acme.failure.InvalidRequest;
import java.security.KeyPair;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The key a certificate is ordered for: an existing one to reuse, or a new one generated on a
 * daemon thread from the moment the order begins. It is needed only for the CSR at
 * finalization, so an RSA key (up to a second or two under the launcher's JIT settings) is
 * made while the account logs in and the CA validates, and never keeps the process alive.
 * Closing it stops a generation still running (an order that failed needs no key).
 */
public final class CertificateKey implements AutoCloseable {

    private final KeyType type;
    private final CompletableFuture<KeyPair> pair;
    private final AtomicBoolean closed;

    private CertificateKey(KeyType type, CompletableFuture<KeyPair> pair, AtomicBoolean closed) {
        this.type = type;
        this.pair = pair;
        this.closed = closed;
    }

    /**
     * {@code reuse} when present, else a new key of {@code type}, its generation started now.
     *
     * @throws InvalidRequest when the key to reuse is of a type exacme does not certify
     */
    public static CertificateKey start(KeyType type, Optional<KeyPair> reuse) throws InvalidRequest {
        if (reuse.isPresent()) {
            return new CertificateKey(KeyType.of(reuse.get()), CompletableFuture.completedFuture(reuse.get()),
                    new AtomicBoolean());
        }
        var closed = new AtomicBoolean();
        return new CertificateKey(type, CompletableFuture.supplyAsync(() -> type.generate(closed::get),
                CertificateKey::daemon), closed);
    }

    /** The type of the key, for the CSR's signature algorithm. */
    public KeyType type() {
        return type;
    }

    /** The key pair, waiting for its generation to finish. */
    public KeyPair await() {
        try {
            return pair.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Stops the generation if it is still running; a key already made is not affected. */
    @Override
    public void close() {
        closed.set(true);
    }

    private static void daemon(Runnable generation) {
        var thread = new Thread(generation, "exacme-certificate-key");
        thread.setDaemon(true);
        thread.start();
    }
}
