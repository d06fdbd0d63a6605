package dev.exacme.cli.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cron file, and its command run by /bin/sh the way cron runs it. */
class CronEntryTest {

    /** The unescaped % that cron would turn into a newline (standard input of the command). */
    private static final Pattern BARE_PERCENT = Pattern.compile("(?<!\\\\)%");

    @TempDir
    Path temp;

    @Test
    void matchesTheReviewedFile() {
        assertEquals(Fixtures.expected("cron.d-exacme"), CronEntry.file(Fixtures.LINUX));
    }

    @Test
    void theRandomDelayIsPosixShAndStaysInRange() throws Exception {
        var expression = CronEntry.randomSeconds(Duration.ofHours(4));
        var seen = new HashSet<Long>();
        for (int i = 0; i < 20; i++) {
            var value = Long.parseLong(sh("echo $(( " + expression + " ))").strip());
            assertTrue(value >= 0 && value <= 14400, "out of range: " + value);
            seen.add(value);
        }
        assertTrue(seen.size() > 1, "20 runs gave the same delay: " + seen);
    }

    @Test
    void theJobLineRunsUnderShAsCronRunsIt() throws Exception {
        var log = temp.resolve("arguments");
        var launcher = temp.resolve("launcher's dir").resolve("exacme");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + log + "'\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        var configDirectory = temp.resolve("state 100% \"mine\"");
        var schedule = RenewalSchedule.of(LocalTime.of(3, 7), Duration.ofSeconds(1), Duration.ofHours(2),
                launcher.toString(), java.util.Optional.of(configDirectory));
        var line = CronEntry.line(schedule);
        assertTrue(line.startsWith("7 3 * * * root sleep $(( "), line);
        var command = line.substring("7 3 * * * root ".length());
        assertFalse(BARE_PERCENT.matcher(command).find(), "a bare % would cut the command: " + command);
        // cron removes the backslash of \% and hands the rest to /bin/sh -c.
        sh(command.replace("\\%", "%"));
        assertEquals(List.of("renew", "--quiet", "--config-dir", configDirectory.toString()),
                Files.readAllLines(log));
    }

    @Test
    void settingsAreReadBackInWords() {
        assertEquals(Map.of(Setting.TIME, "09:00", Setting.RANDOM_DELAY, "4h", Setting.COMMAND,
                "/opt/exacme/exacme renew --quiet"), CronEntry.settings(Fixtures.LINUX));
        var undelayed = new RenewalSchedule(LocalTime.of(0, 30), Duration.ZERO, Duration.ofHours(1),
                "/opt/exacme/exacme", List.of("renew", "--quiet"));
        assertEquals("30 0 * * * root /opt/exacme/exacme renew --quiet", CronEntry.line(undelayed));
        assertEquals(Map.of(Setting.TIME, "00:30", Setting.RANDOM_DELAY, "0", Setting.COMMAND,
                "/opt/exacme/exacme renew --quiet"), CronEntry.settings(undelayed));
    }

    private static String sh(String command) throws IOException, InterruptedException {
        var process = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), command + "\n" + output);
        return output;
    }
}
