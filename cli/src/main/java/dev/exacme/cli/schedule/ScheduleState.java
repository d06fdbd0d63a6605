package dev.exacme.cli.schedule;

import dev.exacme.acme.failure.InvalidRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The schedule installed on a host compared with the one {@code exacme schedule install} would
 * write now; shown by {@code exacme schedule show} and {@code exacme status}.
 *
 * @param kind     the scheduler ({@link Scheduler#kind()})
 * @param location where the schedule lives ({@link Scheduler#location()})
 * @param drift    how the installed schedule differs from the wanted one
 * @param wanted   what {@code schedule install} would write, by {@link Setting} name, in words
 */
public record ScheduleState(String kind, String location, Drift drift, Map<String, String> wanted) {

    public ScheduleState {
        wanted = Collections.unmodifiableMap(new LinkedHashMap<>(wanted));
    }

    /**
     * The schedule on {@code host} against what {@code options} ask for, options not given
     * keeping the installed values, for state directory {@code configDirectory}.
     *
     * @throws InvalidRequest when no launcher of this exacme can be found to compare with
     */
    public static ScheduleState read(ScheduleHost host, ScheduleOptions options, Path configDirectory)
            throws InvalidRequest, IOException {
        var scheduler = host.scheduler();
        var installed = scheduler.installed();
        var wanted = options.schedule(host.launcherPath(), host.configDirectoryArgument(configDirectory),
                installed.orElse(Map.of()));
        return new ScheduleState(scheduler.kind(), scheduler.location(), scheduler.check(wanted),
                scheduler.settings(wanted));
    }

    /** The installed schedule's settings, empty when none is installed. */
    public Optional<Map<String, String>> installed() {
        return drift.installed() ? Optional.of(drift.settings()) : Optional.empty();
    }

    /** How far apart the installed schedule's runs can fall; the default's when none is installed. */
    public ScheduleGap gap() {
        return ScheduleGap.of(installed());
    }
}
