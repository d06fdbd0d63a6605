package dev.exacme.cli.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The systemd service and timer: reviewed files, quoting, and systemd's own opinion where it is installed. */
class SystemdUnitsTest {

    @TempDir
    Path temp;

    @Test
    void matchTheReviewedFiles() {
        assertEquals(Fixtures.expected("exacme-renew.service"), SystemdUnits.service(Fixtures.LINUX));
        assertEquals(Fixtures.expected("exacme-renew.timer"), SystemdUnits.timer(Fixtures.LINUX));
    }

    @Test
    void execStartQuotesWhatSystemdWouldSplitOrExpand() {
        assertEquals("/opt/exacme/exacme renew --quiet --config-dir \"/srv/my state/100%%\"",
                SystemdUnits.execStart(List.of("/opt/exacme/exacme", "renew", "--quiet", "--config-dir",
                        "/srv/my state/100%")));
        assertEquals("/opt/exacme/exacme \"it's \\\"quoted\\\" $$HOME \\\\ here\"",
                SystemdUnits.execStart(List.of("/opt/exacme/exacme", "it's \"quoted\" $HOME \\ here")));
    }

    @Test
    void settingsAreReadBackInWords() {
        var schedule = new RenewalSchedule(LocalTime.of(6, 5), Duration.ofMinutes(90), Duration.ofMinutes(30),
                "/opt/exacme/exacme", List.of("renew", "--quiet"));
        assertEquals(Map.of(Setting.TIME, "06:05", Setting.RANDOM_DELAY, "1h 30min", Setting.TIME_LIMIT, "30min",
                Setting.COMMAND, "/opt/exacme/exacme renew --quiet"), SystemdUnits.settings(schedule));
        // Spellings an administrator may use by hand read the same.
        var edited = SystemdUnits.timer(schedule).replace("RandomizedDelaySec=1h 30min", "RandomizedDelaySec=5400");
        assertEquals("1h 30min", SystemdUnits.settings(Optional.empty(), Optional.of(edited)).get(Setting.RANDOM_DELAY));
    }

    /** systemd-analyze verify checks syntax and that ExecStart names an executable. */
    @Test
    void systemdAcceptsTheUnits() throws IOException, InterruptedException {
        var analyze = systemdAnalyze();
        var launcher = temp.resolve("exacme with space");
        Files.writeString(launcher, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        var schedule = RenewalSchedule.of(RenewalSchedule.DEFAULT_TIME, RenewalSchedule.DEFAULT_RANDOM_DELAY,
                RenewalSchedule.DEFAULT_TIME_LIMIT, launcher.toString(), Optional.of(temp.resolve("state 100%")));
        var units = Files.createDirectory(temp.resolve("units"));
        var service = Files.writeString(units.resolve(SystemdUnits.SERVICE), SystemdUnits.service(schedule));
        var timer = Files.writeString(units.resolve(SystemdUnits.TIMER), SystemdUnits.timer(schedule));
        var process = new ProcessBuilder(analyze.toString(), "verify", "--man=no", service.toString(), timer.toString())
                .redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        var exit = process.waitFor();
        // Outside a booted systemd, verify may complain about the manager itself; those lines are not about us.
        var ours = output.lines().filter(line -> line.contains("exacme-renew")).toList();
        assertTrue(ours.isEmpty(), "systemd-analyze verify (exit " + exit + "):\n" + output);
    }

    @Test
    void calendarExpressionIsOneSystemdUnderstands() throws IOException, InterruptedException {
        var analyze = systemdAnalyze();
        var calendar = SystemdUnits.settings(Optional.empty(), Optional.of(SystemdUnits.timer(Fixtures.LINUX)));
        assertEquals("09:00", calendar.get(Setting.TIME));
        var process = new ProcessBuilder(analyze.toString(), "calendar", "*-*-* 09:00:00").redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        assertTrue(output.contains("Normalized form: *-*-* 09:00:00"), output);
    }

    /** systemd-analyze: skipped locally when missing, a failure on CI (apt-get install systemd). */
    private static Path systemdAnalyze() {
        var analyze = Path.of("/usr/bin/systemd-analyze");
        if (!Files.isExecutable(analyze) && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("systemd-analyze is missing: apt-get install systemd");
        }
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed (apt-get install systemd)");
        return analyze;
    }
}
