package dev.exacme.cli.schedule;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code /etc/cron.d/exacme} file for hosts without systemd. Cron runs the command with
 * {@code /bin/sh}, which has no {@code $RANDOM}; the random delay reads four bytes from
 * {@code /dev/urandom} with POSIX {@code od} instead, new every day. If that fails the
 * renewal still runs, undelayed. Cron cannot enforce the time limit. In a cron line an
 * unescaped {@code %} ends the command, so every {@code %} is written as {@code \%}.
 */
public final class CronEntry {

    /** The file name: cron ignores names with dots in {@code /etc/cron.d}. */
    public static final String FILE_NAME = "exacme";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@+,-]+");
    private static final Pattern JOB = Pattern.compile(
            "(\\d{1,2}) (\\d{1,2}) \\* \\* \\* root (?:sleep \\$\\(\\( (\\$\\(od -An -N4 -tu4 /dev/urandom\\)) \\\\% "
                    + "(\\d+) \\)\\); )?(.+)");

    private CronEntry() {
    }

    /** The whole file. */
    public static String file(RenewalSchedule schedule) {
        return """
                # Written by `exacme schedule install`; `exacme schedule remove` deletes it.
                # Renews the certificates exacme manages, daily at %s plus a random delay of up to %s.
                SHELL=/bin/sh
                PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
                %s
                """.formatted(schedule.time(), DurationWords.of(schedule.randomDelay()), line(schedule));
    }

    /** The job line: {@code M H * * * root [delay; ]command}. */
    public static String line(RenewalSchedule schedule) {
        var delay = schedule.randomDelay().isZero() ? "" : "sleep $(( " + randomSeconds(schedule.randomDelay())
                .replace("%", "\\%") + " )); ";
        return schedule.time().getMinute() + " " + schedule.time().getHour() + " * * * root " + delay
                + command(schedule.commandLine());
    }

    /**
     * A POSIX sh arithmetic expression (without the surrounding {@code $(( ))}) for a random
     * whole number of seconds from 0 to {@code delay}, as the shell sees it (with {@code %}).
     */
    public static String randomSeconds(Duration delay) {
        return "$(od -An -N4 -tu4 /dev/urandom) % " + (delay.toSeconds() + 1);
    }

    /** The command in sh syntax, {@code %} escaped for cron. */
    static String command(List<String> commandLine) {
        return commandLine.stream().map(CronEntry::quote).collect(Collectors.joining(" ")).replace("%", "\\%");
    }

    private static String quote(String argument) {
        return PLAIN.matcher(argument).matches() ? argument : "'" + argument.replace("'", "'\\''") + "'";
    }

    /** What an installed file does, by {@link Setting} name; settings that cannot be read are left out. */
    public static Map<String, String> settings(String file) {
        var settings = new LinkedHashMap<String, String>();
        for (var line : file.split("\n")) {
            var job = JOB.matcher(line.strip());
            if (job.matches()) {
                settings.put(Setting.TIME, "%02d:%02d".formatted(Integer.parseInt(job.group(2)),
                        Integer.parseInt(job.group(1))));
                settings.put(Setting.RANDOM_DELAY, job.group(4) == null ? "0"
                        : DurationWords.of(Duration.ofSeconds(Long.parseLong(job.group(4)) - 1)));
                settings.put(Setting.COMMAND, job.group(5));
                break;
            }
        }
        return settings;
    }

    /** The settings {@code schedule} gets as a cron file. */
    public static Map<String, String> settings(RenewalSchedule schedule) {
        return settings(file(schedule));
    }
}
