package dev.exacme.cli.schedule;

import dev.exacme.store.files.AtomicFiles;
import dev.exacme.store.files.FileProtection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A systemd timer and service in {@code /etc/systemd/system} (or another directory, for
 * tests), enabled and started through {@code systemctl}, which is never allowed to ask for a
 * password.
 */
public final class SystemdScheduler implements Scheduler {

    /** Where administrators' units live. */
    public static final Path UNIT_DIRECTORY = Path.of("/etc/systemd/system");

    private final Path directory;
    private final CommandRunner runner;

    public SystemdScheduler(Path directory, CommandRunner runner) {
        this.directory = directory;
        this.runner = runner;
    }

    @Override
    public String kind() {
        return "systemd";
    }

    @Override
    public String location() {
        return service() + ", " + timer();
    }

    private Path service() {
        return directory.resolve(SystemdUnits.SERVICE);
    }

    private Path timer() {
        return directory.resolve(SystemdUnits.TIMER);
    }

    @Override
    public Map<String, String> settings(RenewalSchedule schedule) {
        return SystemdUnits.settings(schedule);
    }

    @Override
    public Optional<Map<String, String>> installed() throws IOException {
        var service = read(service());
        var timer = read(timer());
        if (service.isEmpty() && timer.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SystemdUnits.settings(service, timer));
    }

    @Override
    public List<String> install(RenewalSchedule schedule) throws IOException {
        var done = new ArrayList<String>();
        write(service(), SystemdUnits.service(schedule), done);
        write(timer(), SystemdUnits.timer(schedule), done);
        done.add(systemctl(true, "daemon-reload"));
        done.add(systemctl(true, "enable", "--now", SystemdUnits.TIMER));
        return done;
    }

    private static void write(Path file, String content, List<String> done) throws IOException {
        AtomicFiles.replace(file, content.getBytes(StandardCharsets.UTF_8), FileProtection.everyone(), null);
        done.add("Wrote " + file);
    }

    @Override
    public List<String> remove() throws IOException {
        if (!Files.exists(service()) && !Files.exists(timer())) {
            return List.of("Nothing to remove: no " + SystemdUnits.TIMER + " or " + SystemdUnits.SERVICE + " in "
                    + directory + ".");
        }
        var done = new ArrayList<String>();
        // A timer that systemd does not know (never loaded) cannot be disabled; the files still go.
        done.add(systemctl(false, "disable", "--now", SystemdUnits.TIMER));
        for (var file : List.of(timer(), service())) {
            if (Files.deleteIfExists(file)) {
                done.add("Deleted " + file);
            }
        }
        done.add(systemctl(true, "daemon-reload"));
        return done;
    }

    @Override
    public Drift check(RenewalSchedule wanted) throws IOException {
        var service = read(service());
        var timer = read(timer());
        if (service.isEmpty() && timer.isEmpty()) {
            return Drift.missing("no " + location());
        }
        var settings = SystemdUnits.settings(service, timer);
        // A file that differs only matters on its own when no setting explains the difference.
        var settingsDiffer = !Drift.compare(settings, settings(wanted), List.of()).differences().isEmpty();
        var extra = new ArrayList<String>();
        compareFile(service(), service, SystemdUnits.service(wanted), settingsDiffer, extra);
        compareFile(timer(), timer, SystemdUnits.timer(wanted), settingsDiffer, extra);
        var enabled = runner.run(systemctlCommand("is-enabled", SystemdUnits.TIMER));
        if (!enabled.succeeded()) {
            extra.add(SystemdUnits.TIMER + " is not enabled (systemctl is-enabled: "
                    + (enabled.output().isBlank() ? "exit code " + enabled.exitCode() : enabled.output().strip()) + ")");
        }
        return Drift.compare(settings, settings(wanted), extra);
    }

    private static void compareFile(Path file, Optional<String> installed, String wanted, boolean settingsDiffer,
                                    List<String> extra) {
        if (installed.isEmpty()) {
            extra.add(file + " is missing");
        } else if (!settingsDiffer && !installed.get().equals(wanted)) {
            extra.add(file + " differs from what this exacme writes");
        }
    }

    private String systemctl(boolean required, String... arguments) throws IOException {
        var command = systemctlCommand(arguments);
        var line = "Ran " + String.join(" ", command);
        if (required) {
            runner.require(command);
            return line;
        }
        var result = runner.run(command);
        return result.succeeded() ? line : line + " (exit code " + result.exitCode()
                + (result.output().isBlank() ? "" : ": " + result.output().strip()) + ")";
    }

    private static List<String> systemctlCommand(String... arguments) {
        var command = new ArrayList<>(List.of("systemctl", "--no-ask-password"));
        command.addAll(List.of(arguments));
        return command;
    }

    private static Optional<String> read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                : Optional.empty();
    }
}
