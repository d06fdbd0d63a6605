package dev.exacme.acme.polling;

import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.CaCall;
import dev.exacme.acme.failure.NetworkFailure;
import dev.exacme.acme.progress.ProgressEvent;
import dev.exacme.acme.progress.ProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.AcmeJsonResource;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;

/**
 * Polls an ACME resource until its status leaves the waiting states, honouring the CA's
 * Retry-After whenever it sends one and backing off per {@link PollingPolicy} otherwise.
 */
public final class Poller {

    /** Sleeps; a seam so that tests can see the delays chosen without waiting them out. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Set<Status> WAITING = Set.of(Status.PENDING, Status.PROCESSING, Status.UNKNOWN);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final PollingPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ProgressListener progress;

    public Poller(PollingPolicy policy, Clock clock, Sleeper sleeper, ProgressListener progress) {
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.progress = progress;
    }

    public Poller(PollingPolicy policy, ProgressListener progress) {
        this(policy, Clock.systemUTC(), Sleeper.REAL, progress);
    }

    /**
     * Waits until {@code resource} is no longer pending or processing and returns its status.
     *
     * @param what     what is being waited for, for progress and timeout messages
     *                 ("validation of www.example.com")
     * @param stopAt   statuses that end the wait besides the non-waiting ones (for an order:
     *                 {@code READY} while waiting for authorizations); may be empty
     */
    public <R extends AcmeJsonResource & PollableResource> Status await(
            R resource, String what, Set<Status> stopAt) throws AcmeFailure {
        var start = clock.instant();
        var deadline = start.plus(policy.timeout());
        var lastReport = start;
        int attempt = 0;
        while (true) {
            Optional<Instant> retryAfter = CaCall.attempt("checking " + what, resource.getLocation(),
                    resource::fetch);
            var status = resource.getStatus();
            if (!WAITING.contains(status) || stopAt.contains(status)) {
                return status;
            }
            var now = clock.instant();
            var backoff = policy.delayBefore(attempt);
            var delay = retryAfter.map(at -> Duration.between(now, at))
                    .map(d -> d.isNegative() ? Duration.ZERO : d)
                    .orElse(backoff);
            attempt++;
            if (now.plus(delay).isAfter(deadline)) {
                throw new NetworkFailure("Gave up waiting for " + what + " after "
                        + Duration.between(start, now).toSeconds() + " s (status " + status.name().toLowerCase(Locale.ROOT)
                        + (retryAfter.isPresent() ? ", the CA asked to wait until " + retryAfter.get() : "")
                        + "); raise the limit with --timeout.");
            }
            if (Duration.between(lastReport, now).compareTo(PROGRESS_EVERY) >= 0) {
                progress.on(new ProgressEvent.StillWaiting(what, Duration.between(start, now)));
                lastReport = now;
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkFailure("Interrupted while waiting for " + what, e);
            }
        }
    }
}
