package dev.exacme.acme.polling;

import java.time.Duration;

/**
 * How often to ask the CA whether something is done when it does not say (no Retry-After):
 * start after {@code initialDelay}, multiply by {@code factor} each time up to
 * {@code maxDelay}, and give up after {@code timeout}.
 *
 * <p>acme4j waits a fixed three seconds between polls; a CA like Let's Encrypt usually
 * validates and issues in well under a second, so starting short is most of exacme's speed.
 */
public record PollingPolicy(Duration initialDelay, double factor, Duration maxDelay, Duration timeout) {

    /** 20 ms, doubling to 2 s, for at most 5 minutes. */
    public static final PollingPolicy DEFAULT =
            new PollingPolicy(Duration.ofMillis(20), 2.0, Duration.ofSeconds(2), Duration.ofMinutes(5));

    public PollingPolicy {
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || factor < 1.0
                || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("inconsistent polling policy: " + initialDelay + ", x"
                    + factor + ", max " + maxDelay + ", timeout " + timeout);
        }
    }

    /** The same policy with another overall timeout. */
    public PollingPolicy withTimeout(Duration newTimeout) {
        return new PollingPolicy(initialDelay, factor, maxDelay, newTimeout);
    }

    /** The delay before poll number {@code attempt} (0-based) when the CA gives no Retry-After. */
    public Duration delayBefore(int attempt) {
        double millis = initialDelay.toMillis() * Math.pow(factor, attempt);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }
}
