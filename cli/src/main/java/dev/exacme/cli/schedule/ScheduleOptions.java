package dev.exacme.cli.schedule;

import dev.exacme.cli.DurationConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --time}, {@code --random-delay} and {@code --time-limit}, checked while the command line is read. */
public final class ScheduleOptions {

    @Option(names = "--time", paramLabel = "HH:MM", converter = TimeOfDay.class,
            description = "Local time of day the renewal starts (default: 09:00).")
    private LocalTime time;

    @Option(names = "--random-delay", paramLabel = "DURATION", converter = RandomDelay.class,
            description = "Start up to this much later, at random, so that hosts do not reach the CA at once "
                    + "(default: 4h; 0 for none; at most 23h).")
    private Duration randomDelay;

    @Option(names = "--time-limit", paramLabel = "DURATION", converter = TimeLimit.class,
            description = "Stop a renewal that runs longer (default: 2h; 1m to 24h; not enforced under cron).")
    private Duration timeLimit;

    /**
     * The schedule these options ask for; an option not given takes its value from
     * {@code installed} (settings in words, as a {@link Scheduler} reads them) when that
     * holds a usable one, else the default.
     */
    RenewalSchedule schedule(Path launcher, Optional<Path> configDirectory, Map<String, String> installed) {
        var chosenTime = Optional.ofNullable(time).or(() -> fromInstalled(installed, Setting.TIME, ScheduleOptions::time))
                .orElse(RenewalSchedule.DEFAULT_TIME);
        var chosenDelay = Optional.ofNullable(randomDelay)
                .or(() -> fromInstalled(installed, Setting.RANDOM_DELAY, DurationWords::parse)
                        .filter(delay -> delay.compareTo(RenewalSchedule.MAX_RANDOM_DELAY) <= 0))
                .orElse(RenewalSchedule.DEFAULT_RANDOM_DELAY);
        var chosenLimit = Optional.ofNullable(timeLimit)
                .or(() -> fromInstalled(installed, Setting.TIME_LIMIT, DurationWords::parse)
                        .filter(limit -> limit.compareTo(RenewalSchedule.MIN_TIME_LIMIT) >= 0
                                && limit.compareTo(RenewalSchedule.MAX_TIME_LIMIT) <= 0))
                .orElse(RenewalSchedule.DEFAULT_TIME_LIMIT);
        return RenewalSchedule.of(chosenTime, chosenDelay, chosenLimit, launcher.toString(), configDirectory);
    }

    private static <T> Optional<T> fromInstalled(Map<String, String> installed, String key,
                                                 Function<String, Optional<T>> parser) {
        return Optional.ofNullable(installed.get(key)).flatMap(parser);
    }

    private static Optional<LocalTime> time(String text) {
        try {
            return Optional.of(LocalTime.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code HH:MM}, 00:00 to 23:59. */
    static final class TimeOfDay implements ITypeConverter<LocalTime> {

        private static final Pattern HOUR_MINUTE = Pattern.compile("(\\d{1,2}):(\\d{2})");

        @Override
        public LocalTime convert(String value) {
            var matcher = HOUR_MINUTE.matcher(value.trim());
            if (matcher.matches()) {
                var hour = Integer.parseInt(matcher.group(1));
                var minute = Integer.parseInt(matcher.group(2));
                if (hour < 24 && minute < 60) {
                    return LocalTime.of(hour, minute);
                }
            }
            throw new TypeConversionException("'" + value + "' is not a time of day: use HH:MM from 00:00 to 23:59,"
                    + " e.g. 09:00");
        }
    }

    /** 0 or a duration up to 23h, whole seconds. */
    static final class RandomDelay implements ITypeConverter<Duration> {

        @Override
        public Duration convert(String value) {
            if (value.trim().matches("0+[a-z]*")) {
                return Duration.ZERO;
            }
            Duration delay;
            try {
                delay = new DurationConverter().convert(value);
            } catch (TypeConversionException e) {
                throw new TypeConversionException("'" + value + "' is not a delay of 0 or more: use e.g. 0, 30m or 4h");
            }
            if (delay.compareTo(RenewalSchedule.MAX_RANDOM_DELAY) > 0 || delay.getNano() != 0) {
                throw new TypeConversionException("'" + value + "': the random delay must be whole seconds up to 23h;"
                        + " a day or more would make runs skip days");
            }
            return delay;
        }
    }

    /** 1m to 24h, whole seconds. */
    static final class TimeLimit implements ITypeConverter<Duration> {

        @Override
        public Duration convert(String value) {
            var limit = new DurationConverter().convert(value);
            if (limit.compareTo(RenewalSchedule.MIN_TIME_LIMIT) < 0 || limit.compareTo(RenewalSchedule.MAX_TIME_LIMIT) > 0
                    || limit.getNano() != 0) {
                throw new TypeConversionException("'" + value + "': the time limit must be whole seconds from 1m to 24h");
            }
            return limit;
        }
    }
}
