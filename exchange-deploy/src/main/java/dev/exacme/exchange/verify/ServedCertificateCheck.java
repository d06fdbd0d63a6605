package dev.exacme.exchange.verify;

import dev.exacme.store.Thumbprint;
import java.util.List;

/** Checks on the wire which certificate endpoints present ({@code WireVerifier::verify}). */
@FunctionalInterface
public interface ServedCertificateCheck {

    /** Connects to each endpoint and compares what it presents with {@code expected}. */
    Verification verify(List<Endpoint> endpoints, Thumbprint expected);
}
