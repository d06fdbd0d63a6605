package dev.exacme.cli.status;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.schedule.NextRun;
import dev.exacme.cli.schedule.ScheduleCheck;
import dev.exacme.cli.schedule.ScheduleGap;
import dev.exacme.cli.schedule.ScheduleHost;
import dev.exacme.cli.schedule.ScheduleOptions;
import dev.exacme.cli.schedule.ScheduleState;
import dev.exacme.lifecycle.managed.RenewalRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
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
 * @param gap            how far apart the installed schedule's runs can fall (the default's when unknown)
 * @param problem        why the schedule could not be read, if so
 * @param lastRunFile    the record of the last run ({@code last-renew.json})
 * @param lastRunProblem why that record could not be read, if so: it can be deleted, the next run writes it again
 */
public record ScheduleStatus(Optional<ScheduleState> schedule, Optional<String> otherExacme,
                             Optional<RenewalRun> lastRun, Optional<NextRun> nextRun, ScheduleGap gap,
                             Optional<String> problem, Path lastRunFile, Optional<String> lastRunProblem) {

    /** The schedule on {@code host} for state directory {@code configDirectory}, at {@code now}. */
    static ScheduleStatus read(ScheduleHost host, Path configDirectory, ZonedDateTime now) {
        Optional<RenewalRun> lastRun = Optional.empty();
        Optional<String> lastRunProblem = Optional.empty();
        try {
            lastRun = RenewalRun.load(configDirectory);
        } catch (IOException e) {
            // Only a record: the status goes on without it, and says it can be deleted.
            lastRunProblem = Optional.of(e.getMessage());
        }
        Optional<ScheduleState> schedule = Optional.empty();
        Optional<String> problem = Optional.empty();
        try {
            schedule = Optional.of(ScheduleState.read(host, new ScheduleOptions(), configDirectory));
        } catch (IOException | InvalidRequest | RuntimeException e) {
            problem = Optional.of("the schedule cannot be read: " + e.getMessage());
        }
        var installed = schedule.flatMap(ScheduleState::installed);
        var started = lastRun.map(RenewalRun::started);
        var nextRun = installed.flatMap(settings -> NextRun.of(settings, now, started));
        // The schedule read once above serves the warning and the gap as well. Unread (no launcher of this
        // exacme to compare with, say), its settings may still give the gap: read them alone.
        var gap = schedule.map(ScheduleState::gap).orElseGet(() -> ScheduleGap.of(ScheduleCheck.installed(host)));
        return new ScheduleStatus(schedule, ScheduleCheck.warning(host, installed), lastRun, nextRun, gap,
                problem, RenewalRun.file(configDirectory), lastRunProblem);
    }

    /** Every problem, the record's first, as one text; empty when there is none. */
    public Optional<String> problems() {
        var all = new ArrayList<String>();
        lastRunProblem.ifPresent(all::add);
        problem.ifPresent(all::add);
        return all.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", all));
    }

    /** Whether an exacme schedule is installed. */
    public boolean installed() {
        return schedule.map(state -> state.drift().installed()).orElse(false);
    }
}
