package dev.exacme.exchange.doctor;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How much of a certificate's own lifetime is left. Thresholds are fractions of that lifetime,
 * never fixed days: a 6-day or 45-day certificate renewed on time is healthy, where
 * HealthChecker's fixed 60/30 days mark every one of them yellow or red from the day it is issued.
 *
 * @param notBefore start of validity
 * @param notAfter  end of validity
 * @param renewal   when it should have been renewed, if known (the CA's ARI window or exacme's schedule)
 */
public record Lifetime(Instant notBefore, Instant notAfter, Optional<Instant> renewal) {

    /** Red below this fraction left. */
    static final double RED = 0.10;
    /** Yellow below this fraction left. */
    static final double YELLOW = 1.0 / 3;
    /** The Auth certificate: warn within its lifetime's last fifth. */
    static final double AUTH = 0.20;

    /** The whole lifetime, at least a second (a broken certificate with notAfter before notBefore). */
    public Duration total() {
        var total = Duration.between(notBefore, notAfter);
        return total.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : total;
    }

    /** The time left at {@code now}, negative once expired. */
    public Duration left(Instant now) {
        return Duration.between(now, notAfter);
    }

    /** The fraction of the lifetime left at {@code now}, below 0 once expired. */
    public double fractionLeft(Instant now) {
        return (double) left(now).toSeconds() / total().toSeconds();
    }

    /** Whether it has expired at {@code now}. */
    public boolean expired(Instant now) {
        return !now.isBefore(notAfter);
    }

    /** Whether the renewal time, when known, has passed. */
    public boolean overdue(Instant now) {
        return renewal.map(time -> !now.isBefore(time)).orElse(false);
    }

    /** Whether less than {@code fraction} of the lifetime is left. */
    public boolean under(double fraction, Instant now) {
        return fractionLeft(now) < fraction;
    }
}
