package dev.exacme.cli.schedule;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.config.ConfigDirectory;
import dev.exacme.cli.schedule.windows.TaskScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine a schedule is installed on: which scheduler it has and where things live.
 * {@link #thisMachine()} is the real one; tests point every path into a temporary directory.
 *
 * @param launcher               the launcher to schedule; empty to find the one next to the running jar
 * @param systemdRuntime         exists when systemd is the running init, PID 1: {@code /run/systemd/system},
 *                               the test sd_booted(3) documents (a systemd merely installed does not create it)
 * @param unitDirectory          where unit files go
 * @param cronFile               the cron file used where systemd is absent
 * @param defaultConfigDirectory the state directory the scheduled account (root, SYSTEM) uses by default;
 *                               {@code --config-dir} is added to the scheduled command for any other
 * @param cronDaemons            where a cron daemon that reads the cron file may be installed ({@link CronDaemon})
 */
public record ScheduleHost(boolean windows, Optional<Path> launcher, Path systemdRuntime, Path unitDirectory,
                           Path cronFile, CommandRunner runner, Path defaultConfigDirectory, Path temporaryDirectory,
                           List<Path> cronDaemons) {

    public ScheduleHost {
        cronDaemons = List.copyOf(cronDaemons);
    }

    /**
     * A host whose cron daemons are looked for where they are installed: for hosts where
     * Task Scheduler or systemd runs the schedule, which never ask.
     */
    public ScheduleHost(boolean windows, Optional<Path> launcher, Path systemdRuntime, Path unitDirectory,
                        Path cronFile, CommandRunner runner, Path defaultConfigDirectory, Path temporaryDirectory) {
        this(windows, launcher, systemdRuntime, unitDirectory, cronFile, runner, defaultConfigDirectory,
                temporaryDirectory, CronDaemon.LOCATIONS);
    }

    /** This machine, found without running anything (every exacme invocation creates it). */
    public static ScheduleHost thisMachine() {
        var windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        // SYSTEM shares %ProgramData% with administrators; root's default is /etc/exacme (ConfigDirectory).
        var defaultConfig = windows ? ConfigDirectory.resolve(Optional.empty()) : Path.of("/etc/exacme");
        return new ScheduleHost(windows, Optional.empty(), Path.of("/run/systemd/system"),
                SystemdScheduler.UNIT_DIRECTORY, CronScheduler.CRON_FILE,
                windows ? CommandRunner.windowsProcesses() : CommandRunner.processes(), defaultConfig,
                Path.of(System.getProperty("java.io.tmpdir")), CronDaemon.LOCATIONS);
    }

    /** Task Scheduler on Windows; systemd where it is the running init; cron otherwise. */
    public Scheduler scheduler() {
        if (windows) {
            return new TaskScheduler(TaskScheduler.systemSchtasks(), runner, temporaryDirectory, LocalDate::now);
        }
        return Files.isDirectory(systemdRuntime) ? new SystemdScheduler(unitDirectory, runner)
                : new CronScheduler(cronFile);
    }

    /**
     * Refuses, before anything is written, to install a schedule that nothing would run:
     * without systemd as init, a cron file is only read by an installed cron daemon.
     */
    public void requireSchedulerThatRuns() throws InvalidRequest {
        if (!windows && !Files.isDirectory(systemdRuntime) && CronDaemon.installed(cronDaemons).isEmpty()) {
            throw new InvalidRequest(CronDaemon.missing(cronDaemons, systemdRuntime, cronFile));
        }
    }

    /** The launcher to schedule, checked to exist. */
    public Path launcherPath() throws InvalidRequest {
        return launcher.isPresent() ? launcher.get() : Launcher.locate(ScheduleHost.class, windows);
    }

    /**
     * Refuses to schedule {@code launcher} when it is not an installed copy ({@link InstalledCopy}):
     * a build folder, or a directory others than the administrators can write.
     */
    public void requireInstalledCopy(Path launcher) throws InvalidRequest {
        var problem = InstalledCopy.problem(launcher, windows, programFiles());
        if (problem.isPresent()) {
            throw new InvalidRequest(problem.get() + " Nothing was installed. Install exacme first: `exacme install`"
                    + " copies it to " + (windows ? "%ProgramFiles%\\exacme" : "/opt/exacme") + "; then run `"
                    + (windows ? "\"%ProgramFiles%\\exacme\\exacme.cmd\"" : "/opt/exacme/exacme")
                    + " schedule install` from there. Or name the launcher to schedule with --launcher PATH.");
        }
    }

    private static List<Path> programFiles() {
        var directories = new ArrayList<Path>();
        for (var variable : List.of("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")) {
            var value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                directories.add(Path.of(value));
            }
        }
        return directories;
    }

    /** {@code configDirectory} if the scheduled run needs it named, else empty. */
    public Optional<Path> configDirectoryArgument(Path configDirectory) {
        return configDirectory.toAbsolutePath().normalize().equals(defaultConfigDirectory.toAbsolutePath().normalize())
                ? Optional.empty() : Optional.of(configDirectory.toAbsolutePath().normalize());
    }
}
