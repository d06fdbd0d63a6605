package dev.exacme.cli.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.cli.schedule.windows.TaskScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schtasks.exe calls, with schtasks recorded (not yet run on Windows). */
class TaskSchedulerTest {

    private static final String SCHTASKS = "C:\\Windows\\System32\\schtasks.exe";
    private static final String QUERY = SCHTASKS + " /Query /TN \\exacme\\renew /XML";
    private static final RenewalSchedule SCHEDULE = new RenewalSchedule(LocalTime.of(9, 0), Duration.ofHours(4),
            Duration.ofHours(2), "C:\\Program Files\\exacme\\exacme.cmd", List.of("renew", "--quiet"));

    @TempDir
    Path temp;

    @Test
    void installHandsSchtasksTheDefinitionAndDeletesItAfterwards() throws Exception {
        var seen = new ArrayList<byte[]>();
        var recorded = new RecordingRunner();
        CommandRunner runner = command -> {
            var xml = command.indexOf("/XML");
            if (command.contains("/Create")) {
                seen.add(Files.readAllBytes(Path.of(command.get(xml + 1))));
            }
            return recorded.run(command);
        };
        var scheduler = new TaskScheduler(SCHTASKS, runner, temp, () -> LocalDate.of(2025, 3, 1));
        var done = scheduler.install(SCHEDULE);
        assertEquals(1, recorded.commands().size());
        var create = recorded.commands().get(0);
        assertTrue(create.startsWith(SCHTASKS + " /Create /TN \\exacme\\renew /XML " + temp.resolve("exacme-task-")),
                create);
        assertTrue(create.endsWith(".xml /F"), create);
        assertEquals(List.of("Ran " + create), done);
        assertEquals(TaskXml.of(SCHEDULE, LocalDate.of(2025, 3, 1)),
                new String(seen.get(0), java.nio.charset.StandardCharsets.UTF_16));
        // The very file schtasks was handed is valid against the documented schema.
        TaskSchema.validate(seen.get(0));
        try (var left = Files.list(temp)) {
            assertEquals(0, left.count(), "the temporary definition is gone");
        }
    }

    @Test
    void showComparesWhatTaskSchedulerGivesBack() throws IOException {
        // Task Scheduler rewrites the definition on registration; schtasks prints it back.
        var registered = TaskXml.of(SCHEDULE, LocalDate.of(2024, 12, 24))
                .replace("  <RegistrationInfo>", "  <RegistrationInfo>\n    <URI>\\exacme\\renew</URI>")
                .replace("PT4H", "PT240M");
        var runner = new RecordingRunner().answer(QUERY, 0, registered);
        var scheduler = new TaskScheduler(SCHTASKS, runner, temp, LocalDate::now);
        assertTrue(scheduler.check(SCHEDULE).inSync(), scheduler.check(SCHEDULE).toString());

        var moved = new RenewalSchedule(LocalTime.of(9, 0), Duration.ofHours(4), Duration.ofHours(2),
                "D:\\exacme\\exacme.cmd", List.of("renew", "--quiet"));
        assertEquals(List.of("command: installed C:\\Program Files\\exacme\\exacme.cmd renew --quiet, exacme would set "
                + "D:\\exacme\\exacme.cmd renew --quiet"), scheduler.check(moved).differences());

        var asAdministrator = new RecordingRunner().answer(QUERY, 0, registered.replace("S-1-5-18", "S-1-5-32-544"));
        assertEquals(List.of("account: installed S-1-5-32-544, exacme would set S-1-5-18"),
                new TaskScheduler(SCHTASKS, asAdministrator, temp, LocalDate::now).check(SCHEDULE).differences());
    }

    @Test
    void aTaskThatIsNotThereIsMissingAndNotDeleted() throws IOException {
        var runner = new RecordingRunner().answer(QUERY, 1,
                "ERROR: The system cannot find the file specified.\r\n");
        var scheduler = new TaskScheduler(SCHTASKS, runner, temp, LocalDate::now);
        var drift = scheduler.check(SCHEDULE);
        assertFalse(drift.installed());
        assertTrue(drift.differences().get(0).contains("cannot find the file specified"), drift.toString());
        assertTrue(scheduler.remove().get(0).startsWith("Nothing to remove"));
        assertEquals(List.of(QUERY, QUERY), runner.commands());
    }

    @Test
    void removeDeletesAnInstalledTask() throws IOException {
        var runner = new RecordingRunner().answer(QUERY, 0, TaskXml.of(SCHEDULE, LocalDate.of(2025, 1, 1)));
        var done = new TaskScheduler(SCHTASKS, runner, temp, LocalDate::now).remove();
        assertEquals(List.of(QUERY, SCHTASKS + " /Delete /TN \\exacme\\renew /F"), runner.commands());
        assertEquals(List.of("Ran " + SCHTASKS + " /Delete /TN \\exacme\\renew /F"), done);
    }
}
