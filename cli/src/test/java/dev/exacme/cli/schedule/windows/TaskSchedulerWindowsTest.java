package dev.exacme.cli.schedule.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.cli.schedule.CommandRunner;
import dev.exacme.cli.schedule.RenewalSchedule;
import dev.exacme.cli.schedule.Setting;
import dev.exacme.cli.schedule.TaskXml;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The real Task Scheduler through the real {@code schtasks.exe}: the generated task is
 * created, read back with {@code /Query /XML} and compared setting by setting, then deleted.
 * Needs Windows and an elevated prompt (a task running as SYSTEM); tag {@code windows}, run by
 * {@code .github/workflows/windows.yml}. Refuses to touch a machine that already has an
 * exacme task. Not yet run on Windows.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
class TaskSchedulerWindowsTest {

    @TempDir
    Path temp;

    @Test
    void createsQueriesAndDeletesTheGeneratedTask() throws Exception {
        var runner = CommandRunner.processes();
        var scheduler = new TaskScheduler(TaskScheduler.systemSchtasks(), runner, temp, LocalDate::now);
        if (scheduler.installed().isPresent()) {
            var message = "this machine already has the task " + TaskScheduler.TASK_NAME + "; not replacing it";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message + " (CI=true: a fresh runner has none)");
            }
            throw new TestAbortedException(message);
        }
        // A launcher path with a space, as under Program Files, and a --config-dir argument.
        var launcher = temp.resolve("exacme install").resolve("exacme.cmd").toString();
        var schedule = RenewalSchedule.of(LocalTime.of(9, 0), Duration.ofHours(4), Duration.ofHours(2), launcher,
                Optional.of(temp.resolve("state dir")));

        try {
            scheduler.install(schedule);

            var installed = scheduler.installed();
            assertTrue(installed.isPresent(), "schtasks /Query finds the task just created");
            assertEquals(TaskXml.settings(schedule), installed.get(), "what Task Scheduler kept, setting by setting");
            assertEquals(TaskXml.SYSTEM_SID, installed.get().get(TaskXml.ACCOUNT));
            assertEquals("HighestAvailable", installed.get().get(TaskXml.RUN_LEVEL));
            assertTrue(installed.get().get(Setting.COMMAND).startsWith(launcher), installed.get().toString());
            var drift = scheduler.check(schedule);
            assertTrue(drift.inSync(), drift.toString());
        } finally {
            scheduler.remove();
        }
        assertFalse(scheduler.installed().isPresent(), "the task is gone after remove");
        var query = runner.run(List.of(TaskScheduler.systemSchtasks(), "/Query", "/TN", TaskScheduler.TASK_NAME));
        assertFalse(query.succeeded(), query.output());
    }
}
