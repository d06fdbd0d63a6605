package dev.exacme.cli.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.schedule.CommandRunner;
import dev.exacme.cli.schedule.RenewalSchedule;
import dev.exacme.cli.schedule.ScheduleHost;
import dev.exacme.cli.schedule.TaskXml;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --disable-old} through a recording command runner (schtasks and sc.exe are Windows
 * tools; not yet run on Windows): refused until exacme's schedule is installed, then win-acme's
 * and simple-acme's renewal tasks disabled and nothing else, Certify's service set to manual.
 */
class OldRenewalsTest {

    @TempDir
    Path temp;

    private final List<List<String>> calls = new ArrayList<>();

    private ScheduleHost windows(Function<List<String>, CommandRunner.Result> answers) {
        CommandRunner runner = command -> {
            calls.add(command);
            return answers.apply(command);
        };
        return new ScheduleHost(true, Optional.of(temp.resolve("exacme.cmd")), temp.resolve("run"), temp.resolve("units"),
                temp.resolve("cron"), runner, temp.resolve("config"), temp);
    }

    private static String installedTask() {
        return TaskXml.of(RenewalSchedule.of(RenewalSchedule.DEFAULT_TIME, RenewalSchedule.DEFAULT_RANDOM_DELAY,
                RenewalSchedule.DEFAULT_TIME_LIMIT, "C:\\exacme\\exacme.cmd", Optional.empty()), LocalDate.now());
    }

    @Test
    void refusedWhileExacmesOwnScheduleIsNotInstalled() {
        var host = windows(command -> new CommandRunner.Result(1, "ERROR: The system cannot find the file specified."));
        var refusal = assertThrows(InvalidRequest.class,
                () -> new OldRenewals.ScheduledTasks(host, "schtasks.exe", "win-acme").requireExacmeSchedule());
        assertTrue(refusal.getMessage().contains("exacme schedule install"), refusal.getMessage());
        assertTrue(calls.stream().noneMatch(command -> command.contains("/DISABLE")));
    }

    @Test
    void refusedOffWindows() {
        var host = new ScheduleHost(false, Optional.empty(), temp, temp, temp, command -> {
            throw new AssertionError("nothing is run");
        }, temp, temp);
        var refusal = assertThrows(InvalidRequest.class,
                () -> new OldRenewals.ScheduledTasks(host, "schtasks.exe", "win-acme").requireExacmeSchedule());
        assertTrue(refusal.getMessage().contains("on Windows"), refusal.getMessage());
    }

    @Test
    void theImportedToolsRenewalTasksAreDisabledAndNothingElse() throws Exception {
        var listing = String.join("\r\n",
                "\"\\win-acme renew (acme-v02.api.letsencrypt.org)\",\"12/2/2026 9:00:00 AM\",\"Ready\"",
                "\"\\simple-acme renew (acme-v02.api.letsencrypt.org)\",\"N/A\",\"Ready\"",
                "\"\\exacme\\renew\",\"12/2/2026 9:00:00 AM\",\"Ready\"",
                "\"\\Microsoft\\Windows\\Defrag\\ScheduledDefrag\",\"N/A\",\"Ready\"",
                "\"\\win-acme renew (acme-v02.api.letsencrypt.org)\",\"N/A\",\"Ready\"");
        var host = windows(command -> command.contains("/Query") && command.contains("/TN")
                ? new CommandRunner.Result(0, installedTask())
                : command.contains("/Query") ? new CommandRunner.Result(0, listing) : new CommandRunner.Result(0, ""));
        var old = new OldRenewals.ScheduledTasks(host, "schtasks.exe", "win-acme");
        old.requireExacmeSchedule();
        var done = old.disable();
        var disabled = calls.stream().filter(command -> command.contains("/DISABLE")).map(command -> command.get(3))
                .toList();
        assertEquals(List.of("\\win-acme renew (acme-v02.api.letsencrypt.org)"), disabled,
                "win-acme's tasks only: simple-acme's renew what was not imported from win-acme");
        assertEquals(1, done.size());
        assertTrue(done.get(0).contains("/ENABLE"), "says the way back: " + done);
    }

    @Test
    void aFailingDisableIsAnErrorNotASilentSuccess() {
        var host = windows(command -> command.contains("/DISABLE") ? new CommandRunner.Result(1, "ERROR: Access is denied.")
                : new CommandRunner.Result(0, "\"\\win-acme renew (x)\",\"N/A\",\"Ready\""));
        var failure = assertThrows(java.io.IOException.class,
                () -> new OldRenewals.ScheduledTasks(host, "schtasks.exe", "win-acme").disable());
        assertTrue(failure.getMessage().contains("Access is denied"), failure.getMessage());
    }

    @Test
    void certifysServiceIsFoundByItsDisplayNameStoppedAndSetToManual() throws Exception {
        var host = windows(command -> command.contains("GetKeyName")
                ? new CommandRunner.Result(0, "[SC] GetServiceKeyName SUCCESS\r\nName = Certify.Service\r\n")
                : command.contains("stop") ? new CommandRunner.Result(1062,
                "[SC] ControlService FAILED 1062: The service has not been started.") : new CommandRunner.Result(0, ""));
        var done = new OldRenewals.WindowsService(host, "Certify The Web", "Certify SSL Manager Service", "sc.exe")
                .disable();
        assertEquals(List.of(List.of("sc.exe", "GetKeyName", "Certify SSL Manager Service"),
                List.of("sc.exe", "config", "Certify.Service", "start=", "demand"),
                List.of("sc.exe", "stop", "Certify.Service")), calls);
        assertTrue(done.get(0).contains("start= delayed-auto"), done.toString());
    }

    @Test
    void noCertifyServiceMeansNothingIsChanged() throws Exception {
        var host = windows(command -> new CommandRunner.Result(1060, "[SC] GetServiceKeyName FAILED 1060:"));
        var done = new OldRenewals.WindowsService(host, "Certify The Web", "Certify SSL Manager Service", "sc.exe")
                .disable();
        assertEquals(1, calls.size());
        assertTrue(done.get(0).contains("nothing disabled"), done.toString());
    }
}
