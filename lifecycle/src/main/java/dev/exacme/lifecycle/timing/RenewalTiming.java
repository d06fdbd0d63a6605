package dev.exacme.lifecycle.timing;

import dev.exacme.acme.renewal.RenewalWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to renew a certificate, for a client that wakes up on a schedule (RFC 9773 section 4.2).
 *
 * <p>The window is the CA's when it offers renewal information (ARI), otherwise
 * {@link #lifetimeWindow(Instant, Instant)}. A time is chosen at random inside it once and
 * kept while the window stays the same. Renewal is due when that time has come, or when it
 * comes before the next scheduled run: waiting for that run would renew late, and for a
 * six-day certificate on a daily schedule "late" can mean after the window has closed.
 *
 * <p>Whatever the window says, the chosen time is never inside the last tenth of the
 * certificate's lifetime, so that a failed attempt leaves room for another before expiry.
 *
 * @param schedulePeriod how long from one scheduled run to the next (e.g. {@link #DAILY})
 */
public record RenewalTiming(Duration schedulePeriod) {

    /** The period of exacme's scheduled task. */
    public static final Duration DAILY = Duration.ofDays(1);

    /** Below this lifetime a certificate counts as short-lived, like Let's Encrypt's six-day {@code shortlived}. */
    private static final Duration SHORT_LIVED = Duration.ofDays(10);

    /** Refuses a period that is not positive: a schedule must move forward. */
    public RenewalTiming {
        if (schedulePeriod == null || schedulePeriod.isZero() || schedulePeriod.isNegative()) {
            throw new IllegalArgumentException("the schedule period must be positive, not " + schedulePeriod);
        }
    }

    /**
     * The window exacme uses without renewal information (ARI). It opens at two thirds of the
     * lifetime, or at half of it for certificates living under ten days, where two thirds would
     * leave too few daily runs; it closes at {@code notAfter} minus a tenth of the lifetime, room
     * for a failed attempt and a retry, and never before it opens.
     *
     * @throws IllegalArgumentException when {@code notAfter} is not after {@code notBefore}
     */
    public static RenewalWindow lifetimeWindow(Instant notBefore, Instant notAfter) {
        var lifetime = lifetime(notBefore, notAfter);
        var opens = lifetime.compareTo(SHORT_LIVED) < 0
                ? notBefore.plus(lifetime.dividedBy(2))
                : notBefore.plus(lifetime.multipliedBy(2).dividedBy(3));
        var closes = latestRenewal(notBefore, notAfter);
        return new RenewalWindow(opens, closes.isBefore(opens) ? opens : closes, Optional.empty(), Optional.empty());
    }

    /**
     * A time chosen in the window, uniformly at random in {@code [start, end)} as RFC 9773 section
     * 4.2 asks, so that the CA does not see all its clients at once; never inside the last tenth of
     * the certificate's lifetime, also when a CA's window reaches into it (then the choice is
     * uniform over the part before it, or that boundary itself when the window starts later).
     * A window already over (start equal to end) gives its start.
     *
     * <p>When {@code previousWindow} has the same start and end as {@code window}, {@code previous}
     * is kept, so repeated runs do not roll the dice again; only the start and end count, as the
     * CA's {@code Retry-After} changes with every poll. A kept time is still held out of the last
     * tenth, which matters for one chosen before this rule existed.
     *
     * @param window         the window to choose in: the CA's, or {@link #lifetimeWindow}
     * @param notBefore      the certificate's start of validity
     * @param notAfter       the certificate's end of validity
     * @param previous       the time chosen at an earlier run, if any
     * @param previousWindow the window that time was chosen in, if any
     * @param random         where the randomness comes from
     * @throws IllegalArgumentException when {@code notAfter} is not after {@code notBefore}
     */
    public Instant choose(RenewalWindow window, Instant notBefore, Instant notAfter, Optional<Instant> previous,
                          Optional<RenewalWindow> previousWindow, RandomGenerator random) {
        var latest = latestRenewal(notBefore, notAfter);
        var unchanged = previousWindow.filter(earlier -> earlier.start().equals(window.start())
                && earlier.end().equals(window.end())).isPresent();
        if (unchanged && previous.isPresent()) {
            return earlier(previous.get(), latest);
        }
        if (!window.start().isBefore(latest)) {
            return latest;
        }
        return new RenewalWindow(window.start(), earlier(window.end(), latest), Optional.empty(), Optional.empty())
                .chooseTime(random);
    }

    /**
     * Whether to renew at this run: when {@code now} is at or past the chosen time, or when the
     * chosen time comes before the next scheduled run ({@code now} plus the schedule period), as
     * RFC 9773 section 4.2 says: "if the selected time is before the next time that the client
     * would wake up, the client should attempt renewal immediately".
     *
     * @param chosen the time chosen in the window ({@link #choose})
     * @param window the window it was chosen in, named in the reason
     * @param source where the window comes from, named in the reason: {@code ari} or {@code lifetime}
     * @param now    the time of this run
     */
    public Decision decide(Instant chosen, RenewalWindow window, String source, Instant now) {
        var described = "(" + source + " window " + TimeText.of(window.start()) + " to " + TimeText.of(window.end())
                + ")";
        if (!now.isBefore(chosen)) {
            return new Decision(true, "due since " + TimeText.of(chosen) + " " + described);
        }
        if (chosen.isBefore(now.plus(schedulePeriod))) {
            return new Decision(true, "due now: the chosen time " + TimeText.of(chosen)
                    + " comes before the next scheduled run (every " + describe(schedulePeriod) + ")");
        }
        return new Decision(false, "not due before " + TimeText.of(chosen) + " " + described);
    }

    /**
     * Whether to renew at this run, and why.
     *
     * @param due    renew now
     * @param reason why (or why not), a sentence naming the times in UTC and the window's source
     */
    public record Decision(boolean due, String reason) {
    }

    private static Duration lifetime(Instant notBefore, Instant notAfter) {
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("a certificate valid from " + notBefore + " must end after it, not at "
                    + notAfter);
        }
        return Duration.between(notBefore, notAfter);
    }

    /** The start of the last tenth of the lifetime: renewal should have been tried before it. */
    private static Instant latestRenewal(Instant notBefore, Instant notAfter) {
        return notAfter.minus(lifetime(notBefore, notAfter).dividedBy(10));
    }

    private static Instant earlier(Instant one, Instant other) {
        return one.isBefore(other) ? one : other;
    }

    /**
     * The period in the largest unit that states it exactly: {@code 24 h}, {@code 90 min}, {@code 30 s}
     * (ISO-8601 below a millisecond, which no real schedule uses).
     */
    private static String describe(Duration period) {
        if (period.equals(Duration.ofHours(period.toHours()))) {
            return period.toHours() + " h";
        }
        if (period.equals(Duration.ofMinutes(period.toMinutes()))) {
            return period.toMinutes() + " min";
        }
        if (period.equals(Duration.ofSeconds(period.toSeconds()))) {
            return period.toSeconds() + " s";
        }
        if (period.equals(Duration.ofMillis(period.toMillis()))) {
            return period.toMillis() + " ms";
        }
        return period.toString();
    }
}
