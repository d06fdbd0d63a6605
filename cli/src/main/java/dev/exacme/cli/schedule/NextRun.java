package dev.exacme.cli.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * When the installed daily schedule starts {@code exacme renew} next: at its time of day in
 * the machine's time zone, up to its random delay later; read from the settings every
 * scheduler reports alike, so that it is the same for systemd, cron and Task Scheduler.
 *
 * @param earliest the earliest start
 * @param latest   the latest start (the earliest plus the random delay)
 */
public record NextRun(Instant earliest, Instant latest) {

    /**
     * The next run of the schedule whose installed settings are {@code settings}, seen at
     * {@code now}: today's when its window is not over and no run has started in it
     * ({@code lastStart}), else tomorrow's; empty when the settings name no daily time.
     */
    public static Optional<NextRun> of(Map<String, String> settings, ZonedDateTime now, Optional<Instant> lastStart) {
        LocalTime time;
        try {
            time = LocalTime.parse(settings.getOrDefault(Setting.TIME, ""));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        var delay = Optional.ofNullable(settings.get(Setting.RANDOM_DELAY)).flatMap(DurationWords::parse)
                .orElse(Duration.ZERO);
        var today = window(now.with(time), delay);
        var startedToday = lastStart.filter(start -> !start.isBefore(today.earliest())).isPresent();
        if (now.toInstant().isBefore(today.latest()) && !startedToday) {
            return Optional.of(today);
        }
        return Optional.of(window(now.with(time).plusDays(1), delay));
    }

    private static NextRun window(ZonedDateTime start, Duration delay) {
        var earliest = start.toInstant();
        return new NextRun(earliest, earliest.plus(delay));
    }
}
