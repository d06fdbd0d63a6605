package dev.exacme.cli.schedule;

import dev.exacme.cli.CommandRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.cli.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code exacme schedule} against a host whose /etc, /run and launcher all live in a
 * temporary directory, with systemctl recorded instead of run.
 */
class ScheduleCommandTest {

    @TempDir
    Path temp;

    private Path units;
    private Path cronFile;
    private Path systemdRuntime;
    private Path launcher;
    private Path defaultConfig;
    private RecordingRunner runner;
    private List<Path> cronDaemons;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void host() throws IOException {
        units = temp.resolve("etc/systemd/system");
        cronFile = temp.resolve("etc/cron.d/exacme");
        systemdRuntime = temp.resolve("run/systemd/system");
        defaultConfig = temp.resolve("etc/exacme");
        launcher = launcherIn(temp.resolve("opt/exacme"));
        runner = new RecordingRunner();
        cronDaemons = List.of(temp.resolve("usr/sbin/cron"), temp.resolve("usr/sbin/crond"));
    }

    private ScheduleHost testHost() {
        return new ScheduleHost(false, Optional.of(launcher), systemdRuntime, units, cronFile, runner, defaultConfig,
                temp, cronDaemons);
    }

    private void installCron(String name) throws IOException {
        executable(temp.resolve("usr/sbin").resolve(name));
    }

    private static Path launcherIn(Path directory) throws IOException {
        return executable(directory.resolve("exacme"));
    }

    private static Path executable(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        var file = Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private Run run(String... args) {
        var host = testHost();
        var out = new StringWriter();
        var err = new StringWriter();
        var all = new ArrayList<>(List.of(args));
        if (all.size() > 0 && !all.contains("--config-dir")) {
            all.add("--config-dir");
            all.add(defaultConfig.toString());
        }
        var run = CommandRun.of("schedule", new ScheduleCommand(host), all.toArray(String[]::new));
        return new Run(run.exitCode(), run.out(), run.err());
    }

    private void useSystemd() throws IOException {
        Files.createDirectories(systemdRuntime);
    }

    @Test
    void installWritesTheUnitsThenReloadsAndEnablesTheTimer() throws IOException {
        useSystemd();
        var run = run("install");
        assertEquals(0, run.exitCode(), run.toString());
        var service = units.resolve(SystemdUnits.SERVICE);
        var timer = units.resolve(SystemdUnits.TIMER);
        assertEquals(Fixtures.expected("exacme-renew.service").replace("/opt/exacme/exacme", launcher.toString()),
                Files.readString(service));
        assertEquals(Fixtures.expected("exacme-renew.timer"), Files.readString(timer));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(service)));
        assertEquals(List.of("systemctl --no-ask-password daemon-reload",
                "systemctl --no-ask-password enable --now exacme-renew.timer"), runner.commands());
        assertTrue(run.out().contains("Installed the daily renewal (systemd): daily at 09:00 plus up to 4h at random,"
                + " time limit 2h, runs " + launcher + " renew --quiet"), run.out());
        assertTrue(run.out().contains("Wrote " + service), run.out());
        assertTrue(run.out().contains("Ran systemctl --no-ask-password enable --now exacme-renew.timer"), run.out());
    }

    @Test
    void showAfterInstallIsInSyncAndRemoveDisablesThenDeletes() throws IOException {
        useSystemd();
        assertEquals(0, run("install", "--time", "6:30", "--random-delay", "0",
                "--time-limit", "45m").exitCode());
        runner.clear();

        var show = run("show");
        assertEquals(0, show.exitCode(), show.toString());
        assertTrue(show.out().contains("Installed    yes"), show.out());
        assertTrue(show.out().contains("  time         06:30"), show.out());
        assertTrue(show.out().contains("  random delay 0"), show.out());
        assertTrue(show.out().contains("  time limit   45min"), show.out());
        assertTrue(show.out().contains("Up to date   yes"), show.out());
        assertEquals(List.of("systemctl --no-ask-password is-enabled exacme-renew.timer"), runner.commands());
        runner.clear();

        var remove = run("remove");
        assertEquals(0, remove.exitCode(), remove.toString());
        assertEquals(List.of("systemctl --no-ask-password disable --now exacme-renew.timer",
                "systemctl --no-ask-password daemon-reload"), runner.commands());
        assertFalse(Files.exists(units.resolve(SystemdUnits.SERVICE)));
        assertFalse(Files.exists(units.resolve(SystemdUnits.TIMER)));
        assertTrue(remove.out().contains("Deleted " + units.resolve(SystemdUnits.TIMER)), remove.out());

        runner.clear();
        var again = run("remove");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("Nothing to remove"), again.out());
        assertEquals(List.of(), runner.commands(), "nothing to disable");
    }

    @Test
    void showReportsAMissingSchedule() throws IOException {
        useSystemd();
        var show = run("show", "--json");
        assertEquals(0, show.exitCode(), show.toString());
        var document = new ObjectMapper().readTree(show.out());
        assertFalse(document.get("installed").asBoolean());
        assertFalse(document.get("inSync").asBoolean());
        assertEquals("systemd", document.get("scheduler").asText());
        assertTrue(document.get("differences").get(0).asText().startsWith("no exacme schedule is installed"),
                show.out());
        assertEquals("09:00", document.get("wanted").get("time").asText());
    }

    @Test
    void showFindsAChangedTimeOnlyWhenAskedAndAChangedLauncherAlways() throws IOException {
        useSystemd();
        assertEquals(0, run("install").exitCode());

        var otherTime = run("show", "--time", "10:15", "--json");
        var document = new ObjectMapper().readTree(otherTime.out());
        assertFalse(document.get("inSync").asBoolean(), otherTime.out());
        assertEquals("time: installed 09:00, exacme would set 10:15", document.get("differences").get(0).asText());

        // exacme moved (an upgrade into another directory): the schedule still runs the old launcher.
        var old = launcher;
        launcher = launcherIn(temp.resolve("opt/exacme-2.0"));
        var moved = run("show");
        assertTrue(moved.out().contains("- command: installed " + old + " renew --quiet, exacme would set "
                + launcher + " renew --quiet"), moved.out());
        assertFalse(moved.out().contains("differs from what this exacme writes"), "the setting says it: " + moved);

        var host = new ScheduleHost(false, Optional.of(launcher), systemdRuntime, units, cronFile, runner,
                defaultConfig, temp);
        assertTrue(ScheduleCheck.warning(host).orElseThrow().contains("runs " + old + " renew --quiet, not this exacme"));

        // An edit no setting shows is still found.
        var service = units.resolve(SystemdUnits.SERVICE);
        Files.writeString(service, Files.readString(service) + "Nice=10\n");
        launcher = old;
        var edited = run("show");
        assertTrue(edited.out().contains("- " + service + " differs from what this exacme writes"), edited.out());
        assertEquals(Optional.empty(), ScheduleCheck.warning(new ScheduleHost(false, Optional.of(old), systemdRuntime,
                units, cronFile, runner, defaultConfig, temp)), "the same launcher: no warning");
    }

    @Test
    void showFindsAMissingUnitAndATimerThatIsNotEnabled() throws IOException {
        useSystemd();
        assertEquals(0, run("install").exitCode());
        Files.delete(units.resolve(SystemdUnits.TIMER));
        runner.answer("systemctl --no-ask-password is-enabled exacme-renew.timer", 1, "disabled\n");
        var show = run("show");
        assertTrue(show.out().contains("- time: not found in the installed schedule, exacme would set 09:00"),
                show.out());
        assertTrue(show.out().contains("- " + units.resolve(SystemdUnits.TIMER) + " is missing"), show.out());
        assertTrue(show.out().contains("- exacme-renew.timer is not enabled (systemctl is-enabled: disabled)"),
                show.out());
    }

    @Test
    void aStateDirectoryOtherThanTheDefaultIsNamedInTheCommand() throws IOException {
        useSystemd();
        var state = temp.resolve("srv/exacme state");
        var run = run("install", "--config-dir", state.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(Files.readString(units.resolve(SystemdUnits.SERVICE)).contains(
                "ExecStart=" + launcher + " renew --quiet --config-dir \"" + state + "\"\n"));
        var sameDirectory = run("show", "--config-dir", state.toString());
        assertTrue(sameDirectory.out().contains("Up to date   yes"), sameDirectory.out());
        var defaultDirectory = run("show");
        assertTrue(defaultDirectory.out().contains("- command: installed"), defaultDirectory.out());
    }

    @Test
    void withoutSystemdACronFileIsWrittenAndNothingIsRun() throws IOException {
        installCron("cron");
        var install = run("install", "--time", "23:59", "--random-delay", "30m", "--json");
        assertEquals(0, install.exitCode(), install.toString());
        var document = new ObjectMapper().readTree(install.out());
        assertEquals("cron", document.get("scheduler").asText());
        assertEquals(1800, document.get("schedule").get("randomDelaySeconds").asInt());
        assertEquals(launcher.toString(), document.get("schedule").get("command").get(0).asText());
        assertEquals(Fixtures.expected("cron.d-exacme").replace("09:00", "23:59").replace("up to 4h", "up to 30min")
                .replace("0 9 * * *", "59 23 * * *").replace("14401", "1801")
                .replace("/opt/exacme/exacme", launcher.toString()), Files.readString(cronFile));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(cronFile)));
        assertEquals(List.of(), runner.commands());

        var show = run("show");
        assertTrue(show.out().contains("Up to date   yes"), show.out());
        var changed = run("show", "--random-delay", "1h");
        assertTrue(changed.out().contains("- random delay: installed 30min, exacme would set 1h"), changed.out());

        Files.writeString(cronFile, Files.readString(cronFile).replace("59 23", "0 5"));
        var edited = run("show", "--time", "23:59");
        assertTrue(edited.out().contains("- time: installed 05:00, exacme would set 23:59"), edited.out());
        assertFalse(edited.out().contains("differs from what this exacme writes"), edited.out());

        var remove = run("remove");
        assertEquals(0, remove.exitCode(), remove.toString());
        assertFalse(Files.exists(cronFile));
    }

    @Test
    void withoutSystemdOrACronDaemonNothingIsInstalledAndTheRefusalSaysWhatIsMissing() throws IOException {
        var run = run("install");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("No scheduler on this machine would run the daily renewal: systemd is not the"
                + " running init (" + systemdRuntime + " does not exist) and no cron daemon is installed (none of "
                + temp.resolve("usr/sbin/cron") + ", " + temp.resolve("usr/sbin/crond") + ")"), run.err());
        assertTrue(run.err().contains("apt-get install cron"), run.err());
        assertTrue(run.err().contains("dnf install cronie"), run.err());
        assertFalse(Files.exists(cronFile), "no cron file that nothing reads");
        assertEquals(List.of(), runner.commands());
        assertEquals("", run.out());

        // cronie's crond counts as well as Debian's cron.
        installCron("crond");
        assertEquals(0, run("install").exitCode());
        assertTrue(Files.exists(cronFile));
    }

    @Test
    void busyboxCrondDoesNotReadCronDAndIsNotEnough() throws IOException {
        var busybox = executable(temp.resolve("bin/busybox"));
        Files.createDirectories(temp.resolve("usr/sbin"));
        Files.createSymbolicLink(temp.resolve("usr/sbin/crond"), busybox);
        var run = run("install");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("only BusyBox's crond is installed (" + temp.resolve("usr/sbin/crond")
                + "), which reads /var/spool/cron/crontabs and never " + cronFile.getParent()), run.err());
        assertFalse(Files.exists(cronFile));
    }

    @Test
    void withSystemdAsInitNoCronDaemonIsNeeded() throws IOException {
        useSystemd();
        assertEquals(0, run("install").exitCode());
        // And a cron daemon installed but no systemd: cron it is (the test above); show and remove never refuse.
        Files.delete(systemdRuntime);
        var show = run("show");
        assertEquals(0, show.exitCode(), show.toString());
        assertTrue(show.out().contains("Scheduler    cron"), show.out());
        assertEquals(0, run("remove").exitCode());
    }

    @Test
    void aLauncherInAMavenBuildFolderIsNotScheduledButAnInstalledCopyIs() throws IOException {
        useSystemd();
        var module = Files.createDirectories(temp.resolve("src/exacme/cli"));
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        launcher = launcherIn(module.resolve("target"));
        var run = run("install");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("The launcher " + launcher + " is in the build folder " + module.resolve("target")
                + " of the Maven project " + module), run.err());
        assertTrue(run.err().contains("Install exacme first: `exacme install` copies it to /opt/exacme; then run"
                + " `/opt/exacme/exacme schedule install` from there. Or name the launcher to schedule with --launcher"
                + " PATH."), run.err());
        assertFalse(Files.exists(units), "nothing was written");
        assertEquals(List.of(), runner.commands(), "nothing was run");

        // Named on purpose, it is scheduled where it is.
        var named = run("install", "--launcher", launcher.toString());
        assertEquals(0, named.exitCode(), named.toString());
        assertTrue(Files.readString(units.resolve(SystemdUnits.SERVICE)).contains("ExecStart=" + launcher + " renew"));
        var missing = run("install", "--launcher", temp.resolve("nowhere/exacme").toString());
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("--launcher " + temp.resolve("nowhere/exacme") + ": "), missing.err());
    }

    @Test
    void aLauncherOthersCanChangeIsNotScheduled() throws IOException {
        useSystemd();
        var shared = Files.createDirectories(temp.resolve("srv/shared"));
        launcher = launcherIn(shared.resolve("exacme"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxr-x"));
        var groupWritable = run("install");
        assertEquals(2, groupWritable.exitCode(), groupWritable.toString());
        assertTrue(groupWritable.err().contains(shared + " can be written by others than its owner (mode 0775)"),
                groupWritable.err());

        // Sticky, like /tmp: others cannot rename or delete what is in it, so it does not count.
        Files.setAttribute(shared, "unix:mode", 01777);
        assertEquals(0, run("install").exitCode());

        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxrwxrwx"));
        var writableLauncher = run("install");
        assertEquals(2, writableLauncher.exitCode(), writableLauncher.toString());
        assertTrue(writableLauncher.err().contains(launcher + " can be written by others than its owner (mode 0777)"),
                writableLauncher.err());

        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        var jar = Files.writeString(launcher.resolveSibling("exacme.jar"), "PK");
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-rw-rw-"));
        var writableJar = run("install");
        assertEquals(2, writableJar.exitCode(), writableJar.toString());
        assertTrue(writableJar.err().contains(jar + " can be written by others"), writableJar.err());
    }

    @Test
    void aLauncherOwnedByAnotherAccountIsNotScheduled() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
        useSystemd();
        launcher = launcherIn(temp.resolve("home/alice/exacme"));
        Files.setAttribute(launcher.getParent(), "unix:uid", 4242);
        var run = run("install");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(launcher.getParent() + " belongs to 4242, who could change what root would run"
                + " every day"), run.err());
    }

    @Test
    void onWindowsTheLauncherMustBeUnderProgramFiles() {
        var programFiles = temp.resolve("Program Files");
        var installed = programFiles.resolve("exacme/exacme.cmd");
        assertEquals(Optional.empty(), InstalledCopy.problem(installed, true, List.of(programFiles)));
        var downloads = temp.resolve("Users/admin/Downloads/exacme/exacme.cmd");
        assertEquals(Optional.of("The launcher " + downloads + " is not under " + programFiles + ", the one place whose"
                + " permissions exacme knows let only administrators change what SYSTEM would run."),
                InstalledCopy.problem(downloads, true, List.of(programFiles)));
    }

    @Test
    void aFailingSystemctlFailsTheInstallWithItsOutput() throws IOException {
        useSystemd();
        runner.answer("systemctl --no-ask-password daemon-reload", 1, "Failed to connect to bus: No such file\n");
        var run = run("install");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("systemctl --no-ask-password daemon-reload failed with exit code 1: "
                + "Failed to connect to bus"), run.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--time|25:00|'25:00' is not a time of day: use HH:MM from 00:00 to 23:59",
        "--time|9h|'9h' is not a time of day",
        "--random-delay|-1h|'-1h' is not a delay of 0 or more",
        "--random-delay|24h|must be whole seconds up to 23h",
        "--time-limit|0|'0' is not a positive duration",
        "--time-limit|30s|from 1m to 24h",
    })
    void badInputExitsWithTwoAndSaysWhy(String option, String value, String message) throws IOException {
        useSystemd();
        var run = run("install", option + "=" + value);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("Invalid value for option '" + option + "'"), run.err());
        assertTrue(run.err().contains(message), run.err());
        assertFalse(Files.exists(units), "nothing was written");
        assertEquals(List.of(), runner.commands(), "nothing was run");
    }

    @Test
    void aNegativeDelayAsASeparateWordIsRefusedToo() throws IOException {
        useSystemd();
        var run = run("install", "--random-delay", "-1h");
        assertEquals(2, run.exitCode(), run.toString());
        assertFalse(Files.exists(units), "nothing was written");
    }

    @Test
    void aMissingLauncherIsBadInput() throws IOException {
        useSystemd();
        launcher = temp.resolve("nowhere/exacme");
        var host = new ScheduleHost(false, Optional.empty(), systemdRuntime, units, cronFile, runner, defaultConfig,
                temp);
        // Tests run from target/classes, not from exacme.jar: the real lookup refuses with exit code 2.
        var err = new StringWriter();
        var code = new CommandLine(new ScheduleCommand(host)).setErr(new PrintWriter(err, true))
                .setOut(new PrintWriter(new StringWriter(), true))
                .setExecutionExceptionHandler((failure, command, parseResult) -> {
                    command.getErr().println("exacme: " + failure.getMessage());
                    return failure instanceof AcmeFailure acme ? ExitCode.of(acme).code() : 1;
                })
                .execute("install", "--config-dir", defaultConfig.toString());
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("does not run from a jar"), err.toString());
        assertFalse(Files.exists(units));
    }
}
