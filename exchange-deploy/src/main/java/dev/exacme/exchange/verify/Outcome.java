package dev.exacme.exchange.verify;

import dev.exacme.store.Thumbprint;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict for one endpoint.
 *
 * @param endpoint the endpoint checked
 * @param status   whether it presents the expected certificate
 * @param seen     the thumbprint presented; empty when {@link Status#UNREACHABLE}
 * @param subject  the subject of the certificate presented; empty when {@link Status#UNREACHABLE}
 * @param reason   why no certificate could be read; present only when {@link Status#UNREACHABLE}
 */
public record Outcome(Endpoint endpoint, Status status, Optional<Thumbprint> seen, Optional<String> subject,
                      Optional<String> reason) {

    /** How an endpoint fared. */
    public enum Status {
        /** It presents the expected certificate. */
        OK,
        /** It presents another certificate. */
        WRONG_CERTIFICATE,
        /** No certificate could be read: see {@link Outcome#reason()}. */
        UNREACHABLE
    }

    /** Checks that the optional parts fit the status. */
    public Outcome {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(status, "status");
        var reachable = status != Status.UNREACHABLE;
        if (seen.isPresent() != reachable || subject.isPresent() != reachable || reason.isPresent() == reachable) {
            throw new IllegalArgumentException("a " + status + " outcome needs " + (reachable
                    ? "the thumbprint and subject seen and no reason" : "a reason and no certificate"));
        }
    }

    /** Judges what an endpoint presented against the thumbprint expected. */
    public static Outcome judge(Presented presented, Thumbprint expected) {
        if (presented.failure().isPresent()) {
            return new Outcome(presented.endpoint(), Status.UNREACHABLE, Optional.empty(), Optional.empty(),
                    presented.failure());
        }
        var seen = presented.thumbprint().orElseThrow();
        var subject = presented.leaf().orElseThrow().getSubjectX500Principal().getName();
        return new Outcome(presented.endpoint(), seen.equals(expected) ? Status.OK : Status.WRONG_CERTIFICATE,
                Optional.of(seen), Optional.of(subject), Optional.empty());
    }

    /** Whether the endpoint presents the expected certificate. */
    public boolean passed() {
        return status == Status.OK;
    }

    /** One line for people, such as {@code tls://mail.example.com:443 (no SNI): presents 12AB... (CN=old) instead of 34CD...}. */
    public String describe(Thumbprint expected) {
        return endpoint.describe() + ": " + switch (status) {
            case OK -> "presents " + expected + " as expected";
            case WRONG_CERTIFICATE -> "presents " + seen.orElseThrow() + " (" + subject.orElseThrow() + ") instead of "
                    + expected;
            case UNREACHABLE -> "could not be checked: " + reason.orElseThrow();
        };
    }
}
