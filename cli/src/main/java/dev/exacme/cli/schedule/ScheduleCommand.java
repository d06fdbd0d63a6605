package dev.exacme.cli.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.output.Console;
import dev.exacme.cli.output.ResultPart;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code exacme schedule install|remove|show}: runs {@code exacme renew} every day without
 * anyone present, through Task Scheduler (as SYSTEM), a systemd timer, or cron where
 * systemd is absent.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Installs, removes or shows the daily unattended `exacme renew`.",
            "A Task Scheduler task running as SYSTEM on Windows (not yet run on Windows), a systemd timer, or"
                + " /etc/cron.d/exacme without systemd."},
        subcommands = {ScheduleCommand.Install.class, ScheduleCommand.Remove.class, ScheduleCommand.Show.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
public final class ScheduleCommand {

    private final ScheduleHost host;

    /** The command for this machine. */
    public ScheduleCommand() {
        this(ScheduleHost.thisMachine());
    }

    /** The command for another host description (tests). */
    ScheduleCommand(ScheduleHost host) {
        this.host = host;
    }

    /** Writes and enables the schedule, replacing an existing one. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Installs (or replaces) the daily renewal.", "It runs the exacme launcher next to this"
                    + " exacme.jar with `renew --quiet` (and --config-dir when it is not the default). Needs root, or an"
                    + " elevated Administrator on Windows. It refuses (exit code 2) a launcher in a build folder or in"
                    + " a directory others than root can write: run `exacme install` and schedule that copy. Without"
                    + " systemd as init it needs a cron daemon that reads"
                    + " /etc/cron.d (cron, cronie; not BusyBox's crond) and refuses with exit code 2 when there is none."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, "2:bad usage or input, a launcher that must not"
                + " be scheduled, or no cron daemon: refused before anything changed"})
    public static final class Install implements Callable<Integer> {
        @ParentCommand
        private ScheduleCommand parent;
        @Mixin
        private GlobalOptions global;
        @Mixin
        private ScheduleOptions options;
        @Option(names = "--launcher", paramLabel = "PATH",
                description = "The launcher to schedule instead of the one next to this exacme.jar, which must be an"
                        + " installed copy (see `exacme install`); a launcher named here is scheduled wherever it is.")
        private Path launcher;

        @Override
        public Integer call() throws InvalidRequest, IOException {
            var console = global.console();
            return installed(console, parent.host, options, global.configDirectory(), Optional.ofNullable(launcher))
                    .print(console);
        }

        /** Installs the schedule {@code options} describe on {@code host} and prints the result. */
        public static int install(Console console, ScheduleHost host, ScheduleOptions options, Path configDirectory)
                throws InvalidRequest, IOException {
            return installed(console, host, options, configDirectory, Optional.empty()).print(console);
        }

        /**
         * Installs the schedule {@code options} describe on {@code host} and returns the result
         * unprinted, for {@code exacme setup exchange} to put into its own document.
         */
        public static ResultPart installed(Console console, ScheduleHost host, ScheduleOptions options,
                                           Path configDirectory) throws InvalidRequest, IOException {
            return installed(console, host, options, configDirectory, Optional.empty());
        }

        /**
         * The same with the launcher named by the person ({@code --launcher}), who then decides
         * where it may live; without one the launcher found must be an installed copy.
         */
        static ResultPart installed(Console console, ScheduleHost host, ScheduleOptions options, Path configDirectory,
                                    Optional<Path> named) throws InvalidRequest, IOException {
            host.requireSchedulerThatRuns();
            Path launcherPath;
            if (named.isPresent()) {
                launcherPath = Launcher.named(named.get(), host.windows());
            } else {
                launcherPath = host.launcherPath();
                host.requireInstalledCopy(launcherPath);
            }
            var scheduler = host.scheduler();
            var schedule = options.schedule(launcherPath, host.configDirectoryArgument(configDirectory),
                    Map.of());
            List<String> done;
            try {
                done = scheduler.install(schedule);
            } catch (AccessDeniedException e) {
                throw new IOException(e.getFile() + ": permission denied. Installing the schedule needs root"
                        + " (an elevated Administrator on Windows).", e);
            }
            var document = console.newDocument();
            document.put("outcome", "installed");
            document.put("scheduler", scheduler.kind());
            document.put("location", scheduler.location());
            describe(document.putObject("schedule"), schedule);
            var actions = document.putArray("actions");
            done.forEach(actions::add);
            var text = new StringBuilder("Installed the daily renewal (" + scheduler.kind() + "): ")
                    .append(summary(schedule)).append('\n');
            done.forEach(line -> text.append("  ").append(line).append('\n'));
            return new ResultPart(document, text.toString(), 0);
        }
    }

    /** Disables and deletes the schedule. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Disables and deletes the daily renewal, if it is installed.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        private ScheduleCommand parent;
        @Mixin
        private GlobalOptions global;

        @Override
        public Integer call() throws IOException {
            var scheduler = parent.host.scheduler();
            var wasInstalled = scheduler.installed().isPresent();
            List<String> done;
            try {
                done = scheduler.remove();
            } catch (AccessDeniedException e) {
                throw new IOException(e.getFile() + ": permission denied. Removing the schedule needs root"
                        + " (an elevated Administrator on Windows).", e);
            }
            var console = global.console();
            var document = console.newDocument();
            document.put("outcome", wasInstalled ? "removed" : "none");
            document.put("scheduler", scheduler.kind());
            document.put("location", scheduler.location());
            var actions = document.putArray("actions");
            done.forEach(actions::add);
            var text = new StringBuilder(wasInstalled ? "Removed the daily renewal (" + scheduler.kind() + ")\n" : "");
            done.forEach(line -> text.append(wasInstalled ? "  " : "").append(line).append('\n'));
            console.result(document, text.toString());
            return 0;
        }
    }

    /** What is installed, and how it differs from what install would write now. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Shows the installed daily renewal and whether it is out of date.",
                "Out of date: it differs from what `schedule install` would write now (another launcher path, time,"
                    + " delay or limit, a file edited by hand, a timer not enabled). Options not given keep the"
                    + " installed values."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class Show implements Callable<Integer> {
        @ParentCommand
        private ScheduleCommand parent;
        @Mixin
        private GlobalOptions global;
        @Mixin
        private ScheduleOptions options;

        @Override
        public Integer call() throws InvalidRequest, IOException {
            var schedule = ScheduleState.read(parent.host, options, global.configDirectory());
            var drift = schedule.drift();
            var console = global.console();
            var document = console.newDocument();
            document.put("scheduler", schedule.kind());
            document.put("location", schedule.location());
            document.put("installed", drift.installed());
            document.put("inSync", drift.inSync());
            var settings = document.putObject("settings");
            drift.settings().forEach((name, value) -> settings.put(Setting.jsonName(name), value));
            var generated = document.putObject("wanted");
            schedule.wanted().forEach((name, value) -> generated.put(Setting.jsonName(name), value));
            var differences = document.putArray("differences");
            drift.differences().forEach(differences::add);

            var text = new StringBuilder()
                    .append("Scheduler    ").append(schedule.kind()).append('\n')
                    .append("Location     ").append(schedule.location()).append('\n')
                    .append("Installed    ").append(drift.installed() ? "yes" : "no").append('\n');
            drift.settings().forEach((name, value) -> text.append("  ").append(pad(name)).append(value).append('\n'));
            if (drift.inSync()) {
                text.append("Up to date   yes: the same as `exacme schedule install` would write now\n");
            } else {
                text.append("Differences  ").append(drift.installed() ? "run `exacme schedule install` to replace it"
                        : "run `exacme schedule install` to install it").append('\n');
                drift.differences().forEach(line -> text.append("  - ").append(line).append('\n'));
            }
            console.result(document, text.toString());
            return 0;
        }

        private static String pad(String name) {
            return name.length() >= 13 ? name + " " : name + " ".repeat(13 - name.length());
        }
    }

    private static void describe(ObjectNode node, RenewalSchedule schedule) {
        node.put("time", schedule.time().toString());
        node.put("randomDelaySeconds", schedule.randomDelay().toSeconds());
        node.put("timeLimitSeconds", schedule.timeLimit().toSeconds());
        var command = node.putArray("command");
        schedule.commandLine().forEach(command::add);
    }

    private static String summary(RenewalSchedule schedule) {
        return "daily at " + schedule.time() + (schedule.randomDelay().isZero() ? ""
                : " plus up to " + DurationWords.of(schedule.randomDelay()) + " at random") + ", time limit "
                + DurationWords.of(schedule.timeLimit()) + ", runs " + String.join(" ", schedule.commandLine());
    }
}
