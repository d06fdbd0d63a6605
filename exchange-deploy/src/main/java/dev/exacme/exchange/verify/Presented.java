package dev.exacme.exchange.verify;

import dev.exacme.store.Thumbprint;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one endpoint presented: the certificate chain of a completed handshake, or why there
 * was none, in words for people.
 *
 * @param endpoint   the endpoint that was connected to
 * @param thumbprint the thumbprint of the leaf the server presented; empty on failure
 * @param chain      the presented chain, leaf first, as sent (not validated); empty on failure
 * @param failure    why no certificate could be read; empty on success
 */
public record Presented(Endpoint endpoint, Optional<Thumbprint> thumbprint, List<X509Certificate> chain,
                        Optional<String> failure) {

    /** Checks that exactly one of a certificate and a failure is present. */
    public Presented {
        Objects.requireNonNull(endpoint, "endpoint");
        chain = List.copyOf(chain);
        if (thumbprint.isPresent() == failure.isPresent() || thumbprint.isPresent() == chain.isEmpty()) {
            throw new IllegalArgumentException("a presented result has either a certificate chain with its thumbprint"
                    + " or a failure");
        }
    }

    /** A successful read of {@code chain} (leaf first, not empty). */
    public static Presented certificate(Endpoint endpoint, List<X509Certificate> chain) {
        return new Presented(endpoint, Optional.of(Thumbprint.of(chain.get(0))), chain, Optional.empty());
    }

    /** A failure, {@code reason} in words for people. */
    public static Presented failure(Endpoint endpoint, String reason) {
        return new Presented(endpoint, Optional.empty(), List.of(), Optional.of(reason));
    }

    /** The leaf certificate, when the handshake completed. */
    public Optional<X509Certificate> leaf() {
        return chain.stream().findFirst();
    }
}
