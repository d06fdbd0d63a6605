package dev.exacme.cli.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When and how the machine runs {@code exacme renew} unattended: daily at {@code time}
 * (local time of the machine), started up to {@code randomDelay} later so that not every
 * host reaches the CA at once, stopped after {@code timeLimit}, running
 * {@code launcher arguments...}.
 *
 * @param launcher the absolute path of the exacme launcher, as text, because a Windows path
 *                 must stay one even when this code runs elsewhere (tests)
 */
public record RenewalSchedule(LocalTime time, Duration randomDelay, Duration timeLimit, String launcher,
                              List<String> arguments) {

    /** win-acme's choice too: 09:00, when someone is around to read a failure notice. */
    public static final LocalTime DEFAULT_TIME = LocalTime.of(9, 0);
    public static final Duration DEFAULT_RANDOM_DELAY = Duration.ofHours(4);
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofHours(2);
    /** A delay of a day or more would make runs skip days. */
    public static final Duration MAX_RANDOM_DELAY = Duration.ofHours(23);
    public static final Duration MIN_TIME_LIMIT = Duration.ofMinutes(1);
    public static final Duration MAX_TIME_LIMIT = Duration.ofHours(24);

    public RenewalSchedule {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(randomDelay, "randomDelay");
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(launcher, "launcher");
        time = time.truncatedTo(ChronoUnit.MINUTES);
        arguments = List.copyOf(arguments);
        if (randomDelay.isNegative() || randomDelay.compareTo(MAX_RANDOM_DELAY) > 0 || randomDelay.getNano() != 0) {
            throw new IllegalArgumentException("random delay " + randomDelay + " is not whole seconds from 0 to 23h");
        }
        if (timeLimit.compareTo(MIN_TIME_LIMIT) < 0 || timeLimit.compareTo(MAX_TIME_LIMIT) > 0
                || timeLimit.getNano() != 0) {
            throw new IllegalArgumentException("time limit " + timeLimit + " is not whole seconds from 1min to 24h");
        }
        for (var part : commandLineOf(launcher, arguments)) {
            if (part.isEmpty() || part.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("the scheduled command cannot contain an empty argument or control"
                        + " characters: " + part);
            }
        }
    }

    /**
     * The schedule that runs {@code launcher renew --quiet}, with {@code --config-dir} when
     * the state directory is not the one the scheduled account uses by default.
     */
    public static RenewalSchedule of(LocalTime time, Duration randomDelay, Duration timeLimit, String launcher,
                                     Optional<Path> configDirectory) {
        var arguments = new ArrayList<>(List.of("renew", "--quiet"));
        configDirectory.ifPresent(directory -> {
            arguments.add("--config-dir");
            arguments.add(directory.toString());
        });
        return new RenewalSchedule(time, randomDelay, timeLimit, launcher, arguments);
    }

    /** The launcher followed by its arguments. */
    public List<String> commandLine() {
        return commandLineOf(launcher, arguments);
    }

    private static List<String> commandLineOf(String launcher, List<String> arguments) {
        var all = new ArrayList<String>();
        all.add(launcher);
        all.addAll(arguments);
        return all;
    }
}
