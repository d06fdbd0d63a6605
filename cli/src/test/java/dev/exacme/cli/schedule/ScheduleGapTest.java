package dev.exacme.cli.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exacme.cli.CommandRun;
import dev.exacme.cli.certificate.Pipelines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gap between scheduled runs, read from schedules {@code exacme schedule install} wrote into
 * a temporary /etc (systemd and cron), the same whether {@code renew} asks ({@link Pipelines})
 * or {@code status} does ({@link ScheduleState}).
 */
class ScheduleGapTest {

    @TempDir
    Path temp;

    private Path launcher;
    private Path systemdRuntime;

    @BeforeEach
    void launcher() throws IOException {
        launcher = temp.resolve("opt/exacme/exacme");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        systemdRuntime = temp.resolve("run/systemd/system");
        Files.createDirectories(temp.resolve("usr/sbin"));
        Files.writeString(temp.resolve("usr/sbin/cron"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(temp.resolve("usr/sbin/cron"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private ScheduleHost host() {
        return new ScheduleHost(false, Optional.of(launcher), systemdRuntime, temp.resolve("etc/systemd/system"),
                temp.resolve("etc/cron.d/exacme"), command -> new CommandRunner.Result(0, ""), temp.resolve("etc/exacme"),
                temp, List.of(temp.resolve("usr/sbin/cron")));
    }

    private void install(String... options) {
        var args = new java.util.ArrayList<>(List.of("install", "--config-dir", temp.resolve("etc/exacme").toString()));
        args.addAll(List.of(options));
        var run = CommandRun.of("schedule", new ScheduleCommand(host()), args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
    }

    private ScheduleGap asStatusReadsIt() throws Exception {
        return ScheduleState.read(host(), new ScheduleOptions(), temp.resolve("etc/exacme")).gap();
    }

    @Test
    void theInstalledDelayAndLimitUnderSystemdAndCron() throws Exception {
        Files.createDirectories(systemdRuntime);
        install("--random-delay", "1h", "--time-limit", "30m");

        var systemd = new ScheduleGap(Duration.ofHours(1), Duration.ofMinutes(30));
        assertEquals(systemd, ScheduleGap.of(ScheduleCheck.installed(host())));
        assertEquals(systemd, asStatusReadsIt());
        assertEquals(Duration.ofHours(25), Pipelines.scheduleGap(host()), "a day and the delay, as renew decides");
        assertEquals(Duration.ofMinutes(25 * 60 + 30), asStatusReadsIt().untilNextRunEnds());

        Files.delete(systemdRuntime);
        install("--random-delay", "90m");
        // Cron enforces no time limit, and says none: the default's is the guess.
        var cron = new ScheduleGap(Duration.ofMinutes(90), RenewalSchedule.DEFAULT_TIME_LIMIT);
        assertEquals(cron, ScheduleGap.of(ScheduleCheck.installed(host())));
        assertEquals(cron, asStatusReadsIt());
        assertEquals(Duration.ofMinutes(25 * 60 + 30), Pipelines.scheduleGap(host()));
    }

    @Test
    void noScheduleOrAnUnreadableSettingIsTheDefaults() throws Exception {
        assertEquals(ScheduleGap.DEFAULT, ScheduleGap.of(ScheduleCheck.installed(host())));
        assertEquals(ScheduleGap.DEFAULT, asStatusReadsIt());
        assertEquals(Duration.ofHours(28), Pipelines.scheduleGap(host()));
        assertEquals(new ScheduleGap(RenewalSchedule.DEFAULT_RANDOM_DELAY, Duration.ofMinutes(45)),
                ScheduleGap.of(Optional.of(Map.of(Setting.RANDOM_DELAY, "soon", Setting.TIME_LIMIT, "45min"))));
    }
}
