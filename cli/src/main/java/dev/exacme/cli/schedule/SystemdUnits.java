package dev.exacme.cli.schedule;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The two systemd units: {@value #SERVICE} runs {@code exacme renew} once, with no terminal;
 * {@value #TIMER} starts it daily. The service is hardened only as far as cannot break a
 * renewal: stores and deployment hooks write wherever the administrator chose, so the file
 * system stays writable ({@code ProtectSystem} is not set); only {@code /tmp} is private and
 * no process may gain privileges.
 */
public final class SystemdUnits {

    public static final String SERVICE = "exacme-renew.service";
    public static final String TIMER = "exacme-renew.timer";

    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");
    private static final Pattern DAILY = Pattern.compile("\\*-\\*-\\* (\\d{2}):(\\d{2}):00");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@+,-]+");

    private SystemdUnits() {
    }

    /** The service unit. */
    public static String service(RenewalSchedule schedule) {
        return """
                # Written by `exacme schedule install`; `exacme schedule remove` deletes it.
                [Unit]
                Description=exacme: renew ACME certificates
                Wants=network-online.target
                After=network-online.target

                [Service]
                Type=oneshot
                ExecStart=%s
                TimeoutStartSec=%s
                StandardInput=null
                PrivateTmp=yes
                NoNewPrivileges=yes
                """.formatted(execStart(schedule.commandLine()), DurationWords.of(schedule.timeLimit()));
    }

    /** The timer unit. */
    public static String timer(RenewalSchedule schedule) {
        return """
                # Written by `exacme schedule install`; `exacme schedule remove` deletes it.
                [Unit]
                Description=exacme: daily certificate renewal

                [Timer]
                OnCalendar=*-*-* %s:00
                RandomizedDelaySec=%s
                Persistent=true
                Unit=%s

                [Install]
                WantedBy=timers.target
                """.formatted(schedule.time().format(HOUR_MINUTE), DurationWords.of(schedule.randomDelay()), SERVICE);
    }

    /**
     * An {@code ExecStart=} command line: arguments that need it in double quotes with
     * backslash escapes, {@code %} and {@code $} doubled so that systemd neither expands
     * specifiers nor variables.
     */
    static String execStart(List<String> commandLine) {
        return commandLine.stream().map(SystemdUnits::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String argument) {
        var escaped = argument.replace("%", "%%").replace("$", "$$");
        if (PLAIN.matcher(argument).matches()) {
            return escaped;
        }
        return '"' + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** What installed units do, by {@link Setting} name; settings that cannot be read are left out. */
    public static Map<String, String> settings(Optional<String> service, Optional<String> timer) {
        var settings = new LinkedHashMap<String, String>();
        timer.flatMap(text -> value(text, "OnCalendar")).ifPresent(calendar -> {
            var daily = DAILY.matcher(calendar);
            settings.put(Setting.TIME, daily.matches() ? daily.group(1) + ":" + daily.group(2) : calendar);
        });
        timer.flatMap(text -> value(text, "RandomizedDelaySec"))
                .ifPresent(delay -> settings.put(Setting.RANDOM_DELAY, words(delay)));
        service.flatMap(text -> value(text, "TimeoutStartSec"))
                .ifPresent(limit -> settings.put(Setting.TIME_LIMIT, words(limit)));
        service.flatMap(text -> value(text, "ExecStart")).ifPresent(command -> settings.put(Setting.COMMAND, command));
        return settings;
    }

    /** The settings {@code schedule} gets as units. */
    public static Map<String, String> settings(RenewalSchedule schedule) {
        return settings(Optional.of(service(schedule)), Optional.of(timer(schedule)));
    }

    private static String words(String span) {
        return DurationWords.parse(span).map(DurationWords::of).orElse(span);
    }

    /** The last value of {@code key} in a unit file (later assignments win for these keys). */
    static Optional<String> value(String unit, String key) {
        Optional<String> found = Optional.empty();
        for (var line : unit.split("\n")) {
            var trimmed = line.strip();
            var equals = trimmed.indexOf('=');
            if (equals > 0 && trimmed.substring(0, equals).strip().equals(key)) {
                found = Optional.of(trimmed.substring(equals + 1).strip());
            }
        }
        return found;
    }
}
