package dev.exacme.cli.schedule;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One way of running {@code exacme renew} every day: systemd timer, cron entry or Windows
 * Task Scheduler. Every operation says in words what it did.
 */
public interface Scheduler {

    /** {@code systemd}, {@code cron} or {@code task-scheduler}. */
    String kind();

    /** Where the schedule lives: files or the task name. */
    String location();

    /** What {@code schedule} looks like in this scheduler, by {@link Setting} name, in words. */
    Map<String, String> settings(RenewalSchedule schedule);

    /** What the installed schedule does, or empty when there is none. */
    Optional<Map<String, String>> installed() throws IOException;

    /** Installs or replaces the schedule; returns one line per step taken. */
    List<String> install(RenewalSchedule schedule) throws IOException;

    /** Removes the schedule if there is one; returns one line per step taken. */
    List<String> remove() throws IOException;

    /** How the installed schedule differs from {@code wanted}. */
    Drift check(RenewalSchedule wanted) throws IOException;
}
