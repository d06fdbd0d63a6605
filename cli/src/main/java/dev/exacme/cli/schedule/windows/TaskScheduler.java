package dev.exacme.cli.schedule.windows;

import dev.exacme.cli.schedule.CommandRunner;
import dev.exacme.cli.schedule.Drift;
import dev.exacme.cli.schedule.RenewalSchedule;
import dev.exacme.cli.schedule.Scheduler;
import dev.exacme.cli.schedule.TaskXml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Windows Task Scheduler task {@value #TASK_NAME}, registered, read back and deleted
 * with {@code schtasks.exe}; the task definition is {@link TaskXml}'s. Not yet run on
 * Windows.
 */
public final class TaskScheduler implements Scheduler {

    /** In its own folder, so that it is easy to find in the Task Scheduler console. */
    public static final String TASK_NAME = "\\exacme\\renew";

    private final String schtasks;
    private final CommandRunner runner;
    private final Path temporaryDirectory;
    private final Supplier<LocalDate> today;

    /**
     * @param schtasks           the tool, by absolute path on a real machine so that PATH cannot substitute it
     * @param temporaryDirectory where the task definition is written for schtasks to read
     */
    public TaskScheduler(String schtasks, CommandRunner runner, Path temporaryDirectory, Supplier<LocalDate> today) {
        this.schtasks = schtasks;
        this.runner = runner;
        this.temporaryDirectory = temporaryDirectory;
        this.today = today;
    }

    /** {@code %SystemRoot%\System32\schtasks.exe}. */
    public static String systemSchtasks() {
        var root = Optional.ofNullable(System.getenv("SystemRoot")).orElse("C:\\Windows");
        return root + "\\System32\\schtasks.exe";
    }

    @Override
    public String kind() {
        return "task-scheduler";
    }

    @Override
    public String location() {
        return "Task Scheduler task " + TASK_NAME;
    }

    @Override
    public Map<String, String> settings(RenewalSchedule schedule) {
        return TaskXml.settings(schedule);
    }

    @Override
    public Optional<Map<String, String>> installed() throws IOException {
        var query = query();
        return query.succeeded() ? Optional.of(TaskXml.settings(query.output())) : Optional.empty();
    }

    @Override
    public List<String> install(RenewalSchedule schedule) throws IOException {
        var file = Files.createTempFile(temporaryDirectory, "exacme-task-", ".xml");
        try {
            Files.write(file, TaskXml.encode(TaskXml.of(schedule, today.get())));
            var command = List.of(schtasks, "/Create", "/TN", TASK_NAME, "/XML", file.toString(), "/F");
            runner.require(command);
            return List.of("Ran " + String.join(" ", command));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public List<String> remove() throws IOException {
        var query = query();
        if (!query.succeeded()) {
            return List.of("Nothing to remove: " + describe(query));
        }
        var command = List.of(schtasks, "/Delete", "/TN", TASK_NAME, "/F");
        runner.require(command);
        return List.of("Ran " + String.join(" ", command));
    }

    @Override
    public Drift check(RenewalSchedule wanted) throws IOException {
        var query = query();
        if (!query.succeeded()) {
            return Drift.missing(describe(query));
        }
        // Task Scheduler rewrites the definition when it registers it, so only the settings are compared.
        return Drift.compare(TaskXml.settings(query.output()), settings(wanted), List.of());
    }

    private CommandRunner.Result query() throws IOException {
        return runner.run(List.of(schtasks, "/Query", "/TN", TASK_NAME, "/XML"));
    }

    private static String describe(CommandRunner.Result query) {
        var output = query.output().strip();
        return "schtasks /Query /TN " + TASK_NAME + " exited with " + query.exitCode()
                + (output.isEmpty() ? "" : ": " + output);
    }
}
