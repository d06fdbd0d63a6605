package dev.exacme.acme.failure;

import java.time.Instant;
import java.util.Optional;

/**
 * The CA answered with an ACME problem document: it refused the request, a challenge
 * failed validation, or it is rate limiting this client. {@link #retryAfter()} tells when
 * to try again when the CA said so.
 */
public final class CaRefused extends AcmeFailure {

    private final ProblemReport problem;
    private final Instant retryAfter;

    public CaRefused(String message, ProblemReport problem, Instant retryAfter) {
        super(message, null);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    /** The problem document as the CA sent it. */
    public ProblemReport problem() {
        return problem;
    }

    /** When the CA allows the next attempt, for rate limits that came with Retry-After. */
    public Optional<Instant> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
