package dev.exacme.cli.status;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.schedule.Drift;
import dev.exacme.cli.schedule.DurationWords;
import dev.exacme.cli.schedule.NextRun;
import dev.exacme.cli.schedule.RenewalSchedule;
import dev.exacme.cli.schedule.ScheduleCheck;
import dev.exacme.cli.schedule.ScheduleHost;
import dev.exacme.cli.schedule.ScheduleOptions;
import dev.exacme.cli.schedule.ScheduleState;
import dev.exacme.cli.schedule.Setting;
import dev.exacme.lifecycle.managed.RenewalRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The daily renewal as {@code exacme status} shows it: the installed schedule against what
 * {@code exacme schedule install} would write now, whether it runs this exacme, its last
 * recorded run and its next one.
 *
 * @param schedule       the installed schedule and its drift; empty when it could not be read
 * @param otherExacme    the warning that the schedule runs another exacme than this one, if it does
 * @param lastRun        the last {@code exacme renew} over every certificate, if one is recorded
 * @param nextRun        when the schedule starts next, if installed with a daily time
 * @param longestGap     the longest time from one scheduled run to the end of the next
 * @param problem        why the schedule or the record of its runs could not be read, if so
 */
public record ScheduleStatus(Optional<ScheduleState> schedule, Optional<String> otherExacme,
                             Optional<RenewalRun> lastRun, Optional<NextRun> nextRun, Duration longestGap,
                             Optional<String> problem) {

    /** The schedule on {@code host} for state directory {@code configDirectory}, at {@code now}. */
    static ScheduleStatus read(ScheduleHost host, Path configDirectory, ZonedDateTime now) {
        var problems = new StringBuilder();
        Optional<RenewalRun> lastRun = Optional.empty();
        try {
            lastRun = RenewalRun.load(configDirectory);
        } catch (IOException e) {
            problems.append(e.getMessage());
        }
        Optional<ScheduleState> schedule = Optional.empty();
        try {
            schedule = Optional.of(ScheduleState.read(host, new ScheduleOptions(), configDirectory));
        } catch (IOException | InvalidRequest | RuntimeException e) {
            problems.append(problems.length() == 0 ? "" : "; ").append("the schedule cannot be read: ")
                    .append(e.getMessage());
        }
        var settings = schedule.map(ScheduleState::drift).filter(Drift::installed).map(Drift::settings);
        var started = lastRun.map(RenewalRun::started);
        var nextRun = settings.flatMap(installed -> NextRun.of(installed, now, started));
        // A day between runs, each up to its random delay late, and as long as its time limit.
        var delay = settings.map(installed -> installed.get(Setting.RANDOM_DELAY)).flatMap(DurationWords::parse)
                .orElse(RenewalSchedule.DEFAULT_RANDOM_DELAY);
        var limit = settings.map(installed -> installed.get(Setting.TIME_LIMIT)).flatMap(DurationWords::parse)
                .orElse(RenewalSchedule.DEFAULT_TIME_LIMIT);
        return new ScheduleStatus(schedule, ScheduleCheck.warning(host), lastRun, nextRun,
                Duration.ofDays(1).plus(delay).plus(limit),
                problems.length() == 0 ? Optional.empty() : Optional.of(problems.toString()));
    }

    /** Whether an exacme schedule is installed. */
    public boolean installed() {
        return schedule.map(state -> state.drift().installed()).orElse(false);
    }
}
