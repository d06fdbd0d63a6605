package dev.exacme.acme.renewal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to renew a certificate, as its CA suggests through ACME Renewal Information
 * (RFC 9773) or, without it, as exacme derives from the certificate's lifetime
 * ({@code RenewalTiming.lifetimeWindow} in the lifecycle module).
 *
 * @param start       the earliest time renewal is suggested
 * @param end         the time by which it should have happened
 * @param checkAfter  when to ask the CA again ({@code Retry-After} of the renewal information), if said
 * @param explanation a page the CA links to explain the window (e.g. a revocation incident), if any
 */
public record RenewalWindow(Instant start, Instant end, Optional<Instant> checkAfter, Optional<String> explanation) {

    /** Refuses a window that ends before it starts. */
    public RenewalWindow {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a renewal window ending before it starts: " + start + " .. " + end);
        }
    }

    /**
     * A time chosen uniformly at random inside the window, as RFC 9773 section 4.2 asks, so
     * that the CA does not see every client at once. A window already over gives its start.
     */
    public Instant chooseTime(RandomGenerator random) {
        var span = Duration.between(start, end).toMillis();
        return span <= 0 ? start : start.plusMillis(random.nextLong(span));
    }
}
