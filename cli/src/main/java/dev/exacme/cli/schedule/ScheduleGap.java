package dev.exacme.cli.schedule;

import dev.exacme.lifecycle.timing.RenewalTiming;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How far apart the daily scheduled renewals can fall, from the installed schedule's random
 * delay and time limit (the defaults' where it has none or they cannot be read): what
 * {@code renew} decides with and what {@code status} measures the last run against, read once.
 *
 * @param randomDelay how late after its daily time a run may start
 * @param timeLimit   how long a run may take before the scheduler stops it
 */
public record ScheduleGap(Duration randomDelay, Duration timeLimit) {

    /** The gap of the schedule {@code exacme schedule install} writes by default. */
    public static final ScheduleGap DEFAULT =
            new ScheduleGap(RenewalSchedule.DEFAULT_RANDOM_DELAY, RenewalSchedule.DEFAULT_TIME_LIMIT);

    /** The gap of a schedule with these {@link Setting}s; none installed, or a setting unreadable, is the default's. */
    public static ScheduleGap of(Optional<Map<String, String>> installed) {
        var delay = installed.map(settings -> settings.get(Setting.RANDOM_DELAY)).flatMap(DurationWords::parse)
                .orElse(RenewalSchedule.DEFAULT_RANDOM_DELAY);
        var limit = installed.map(settings -> settings.get(Setting.TIME_LIMIT)).flatMap(DurationWords::parse)
                .orElse(RenewalSchedule.DEFAULT_TIME_LIMIT);
        return new ScheduleGap(delay, limit);
    }

    /**
     * The longest time from the start of one run to the start of the next: a day, the later one
     * up to its random delay late.
     */
    public Duration betweenStarts() {
        return RenewalTiming.DAILY.plus(randomDelay);
    }

    /** The longest time from the start of one run to the end of the next: {@link #betweenStarts()} and its time limit. */
    public Duration untilNextRunEnds() {
        return betweenStarts().plus(timeLimit);
    }
}
