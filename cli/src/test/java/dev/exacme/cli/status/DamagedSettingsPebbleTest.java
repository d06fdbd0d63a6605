package dev.exacme.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import dev.exacme.cli.schedule.CommandRunner;
import dev.exacme.cli.schedule.ScheduleHost;
import dev.exacme.lifecycle.managed.RenewalRun;
import dev.exacme.lifecycle.notify.NotificationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged {@code notify.json} and {@code last-renew.json} as {@code exacme status} and
 * {@code exacme renew} (of a certificate Pebble issued) show them: the file, its line and what is
 * wrong in words, with a fix that repairs it, and the command going on with its work.
 */
class DamagedSettingsPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();


    @TempDir
    Path temp;

    private Path config;
    private Path notify;

    @BeforeEach
    void damagedNotifyJson() throws Exception {
        config = temp.resolve("config");
        Files.createDirectories(config);
        notify = NotificationSettings.file(config);
        // A comma too many on line 3, as a hand edit leaves it.
        Files.writeString(notify, "{\n  \"smtp\" : null,\n  ,\"onSuccess\" : false,\n  \"eventLog\" : true\n}\n");
    }

    /** exacme status on a host whose /etc and /run are in the temporary directory (systemctl answered, not run). */
    private CommandRun status(String... more) throws Exception {
        CommandRunner systemctl = command -> new CommandRunner.Result(0, "");
        var launcher = temp.resolve("opt/exacme/exacme");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(temp.resolve("run/systemd/system"));
        var host = new ScheduleHost(false, Optional.of(launcher), temp.resolve("run/systemd/system"),
                temp.resolve("etc/systemd/system"), temp.resolve("etc/cron.d/exacme"), systemctl,
                temp.resolve("etc/exacme"), temp, List.of());
        var args = new ArrayList<>(List.of("--config-dir", config.toString()));
        args.addAll(List.of(more));
        return CommandRun.of("status", new StatusCommand(host, Clock.systemUTC()), args.toArray(String[]::new));
    }

    private static void plain(String text) {
        for (var internal : List.of("Jackson", "StreamReadFeature", "com.fasterxml", "Exception", "java.",
                "Cannot invoke")) {
            assertFalse(text.contains(internal), "'" + internal + "' in " + text);
        }
    }

    @Test
    void statusSaysWhatIsWrongWithNotifyJsonAndLastRenewJsonAndGoesOn() throws Exception {
        var record = RenewalRun.file(config);
        Files.writeString(record, "{\n  \"finished\" : \"2026-12-01T03:01:00Z\"\n}\n");

        var run = status();

        // Documented: exit 1 when something needs attention.
        assertEquals(1, run.exitCode(), run.toString());
        plain(run.out() + run.err());
        assertTrue(run.out().contains(notify + ":3:3: a field name in double quotes was expected here, not ','"),
                run.out());
        assertTrue(run.out().contains("fix: fix the file at the line named, or exacme notify clear"), run.out());
        assertTrue(run.out().contains(record + ":1:1: the field \"started\" is missing"), run.out());
        assertTrue(run.out().contains("delete " + record + " (the next exacme renew writes it again)"), run.out());
        assertFalse(run.out().contains("exacme schedule show"), "not a fix for the record: " + run.out());
        assertTrue(run.out().contains("  last run     cannot be read (see above)"), run.out());
        assertTrue(run.out().contains("Notifications  cannot be read (see above)"), run.out());

        var json = status("--json");
        assertEquals(1, json.exitCode(), json.toString());
        var document = new ObjectMapper().readTree(json.out());
        assertTrue(document.get("notifications").get("problem").asText().startsWith(notify + ":3:3: "), json.out());
        assertTrue(document.get("schedule").get("problem").asText().startsWith(record + ":1:1: "), json.out());
        assertTrue(document.get("schedule").get("lastRun").isNull(), json.out());
        plain(json.out());
    }

    @Test
    void renewSaysNoNotificationIsSentAndStillRecordsItsRun() throws Exception {
        var damaged = Files.readString(notify);
        Files.delete(notify);
        var added = CommandRun.of("add", "--config-dir", config.toString(), "mail", "-d", "damaged.exacme.test",
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--skip-self-check", "--http-port", String.valueOf(PEBBLE.httpChallengePort()),
                "--http-bind", "127.0.0.1", "--out", temp.resolve("pem").toString());
        assertEquals(0, added.exitCode(), added.toString());
        Files.writeString(notify, damaged);
        var before = Instant.now();

        var text = CommandRun.of("renew", "--config-dir", config.toString(), "--no-proxy", "127.0.0.1");

        // Documented with the run's result: settings that cannot be read send no mail at any run, exit 1.
        assertEquals(1, text.exitCode(), text.toString());
        plain(text.out() + text.err());
        assertTrue(text.out().contains("no notification sent: " + notify + ":3:3: a field name in double quotes"
                + " was expected here, not ','"), text.out());
        assertTrue(text.out().contains("fix it, or run 'exacme notify clear'"), text.out());
        assertFalse(RenewalRun.load(config).orElseThrow().started().isBefore(before.minusSeconds(1)),
                "the run was recorded");

        var json = CommandRun.of("renew", "--config-dir", config.toString(), "--no-proxy", "127.0.0.1", "--json");

        assertEquals(1, json.exitCode(), json.toString());
        var document = new ObjectMapper().readTree(json.out());
        assertEquals("partial", document.get("status").asText());
        assertTrue(document.get("notificationProblem").asText().contains(notify + ":3:3: a field name"), json.out());
        plain(json.out() + json.err());
        assertEquals(damaged, Files.readString(notify), "left as it is");
    }
}
