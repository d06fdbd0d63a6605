package dev.exacme.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import dev.exacme.cli.ExacmeCommand;
import dev.exacme.cli.FailureReport;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.output.Console;
import dev.exacme.cli.output.Times;
import dev.exacme.cli.schedule.CommandRunner;
import dev.exacme.cli.schedule.ScheduleCommand;
import dev.exacme.cli.schedule.ScheduleHost;
import dev.exacme.cli.schedule.ScheduleOptions;
import dev.exacme.cli.schedule.SystemdUnits;
import dev.exacme.lifecycle.managed.RenewalRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code exacme status} over real state directories with certificates issued by a real Pebble,
 * on a host whose /etc and /run live in a temporary directory (systemctl answered, not run),
 * at the real time or moved forward through the certificates' own lifetime.
 */
class StatusCommandPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().certificateValidity(Duration.ofDays(90)).build();

    /** Not UTC, so that a next run at 09:00 local time is not 09:00 UTC. */
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @TempDir
    Path temp;

    private Path launcher;
    private Path systemdRuntime;
    private Path units;

    @BeforeEach
    void host() throws IOException {
        launcher = executable(temp.resolve("opt/exacme/exacme"));
        systemdRuntime = temp.resolve("run/systemd/system");
        units = temp.resolve("etc/systemd/system");
        Files.createDirectories(systemdRuntime);
    }

    private static Path executable(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }

    private ScheduleHost host(Path scheduledLauncher) {
        CommandRunner systemctl = command -> new CommandRunner.Result(0, "");
        return new ScheduleHost(false, Optional.of(scheduledLauncher), systemdRuntime, units,
                temp.resolve("etc/cron.d/exacme"), systemctl, temp.resolve("etc/exacme"), temp, List.of());
    }

    private String config() {
        return temp.resolve("config").toString();
    }

    private CommandRun add(String name, String... more) {
        var args = new ArrayList<>(List.of("add", "--config-dir", config(), name, "-d", name + ".status.exacme.test",
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--skip-self-check", "--http-port", String.valueOf(PEBBLE.httpChallengePort()),
                "--http-bind", "127.0.0.1", "--out", temp.resolve("pem-" + name).toString()));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private void installSchedule(Path scheduled) throws Exception {
        installSchedule(scheduled, Path.of(config()));
    }

    private void installSchedule(Path scheduled, Path configDirectory) throws Exception {
        var out = new StringWriter();
        var console = new Console(new PrintWriter(out), new PrintWriter(out), false, true, "schedule install");
        assertEquals(0, ScheduleCommand.Install.install(console, host(scheduled), new ScheduleOptions(),
                configDirectory), out.toString());
    }

    private CommandRun status(Clock clock, String... more) {
        var out = new StringWriter();
        var err = new StringWriter();
        var args = new ArrayList<>(List.of("status", "--config-dir", config()));
        args.addAll(List.of(more));
        // As Main does, with this host and clock.
        var code = new CommandLine(new ExacmeCommand()).addSubcommand("status", new StatusCommand(host(launcher), clock))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler((failure, command, parseResult) -> FailureReport.report(
                        ((GlobalOptions) command.getMixins().get("global")).console(), failure))
                .execute(args.toArray(String[]::new));
        return new CommandRun(code, out.toString(), err.toString());
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZONE);
    }

    private static JsonNode json(CommandRun run) throws IOException {
        return new ObjectMapper().readTree(run.out());
    }

    private JsonNode state(String name) throws IOException {
        return new ObjectMapper().readTree(Files.readString(temp.resolve("config/state/" + name + ".json")));
    }

    private static JsonNode certificate(JsonNode document, String name) {
        for (var certificate : document.get("certificates")) {
            if (certificate.get("name").asText().equals(name)) {
                return certificate;
            }
        }
        throw new AssertionError("no certificate " + name + " in " + document);
    }

    private static List<String> subjects(JsonNode document) {
        var subjects = new ArrayList<String>();
        document.get("attention").forEach(item -> subjects.add(item.get("severity").asText() + " "
                + item.get("subject").asText()));
        return subjects;
    }

    private static JsonNode item(JsonNode document, String subject) {
        for (var item : document.get("attention")) {
            if (item.get("subject").asText().equals(subject)) {
                return item;
            }
        }
        throw new AssertionError("nothing about " + subject + " in " + document.get("attention"));
    }

    @Test
    void aRenewedCertificateWithItsScheduleAndNotificationsNeedsNothing() throws Exception {
        assertEquals(0, add("mail").exitCode());
        installSchedule(launcher);
        assertEquals(0, CommandRun.of("notify", "set-webhook", "--config-dir", config(), "--url",
                "http://127.0.0.1:9/hooks/exacme?token=x").exitCode());
        var state = state("mail");
        var now = Instant.now();

        var run = status(at(now), "--json");

        assertEquals(0, run.exitCode(), run.toString());
        var document = json(run);
        assertEquals("ok", document.get("status").asText());
        assertEquals("status", document.get("command").asText());
        assertEquals(0, document.get("exitCode").asInt());
        assertEquals(0, document.get("attention").size(), document.toPrettyString());
        var mail = certificate(document, "mail");
        assertTrue(mail.get("problem").isNull());
        assertEquals("mail.status.exacme.test", mail.get("domains").get(0).asText());
        assertEquals(state.get("thumbprint").asText(), mail.get("thumbprint").asText());
        assertEquals("installed", mail.get("phase").asText());
        assertEquals(Times.json(Instant.parse(state.get("notAfter").asText())), mail.get("notAfter").asText());
        assertEquals(Times.json(Instant.parse(state.get("notBefore").asText())), mail.get("notBefore").asText());
        assertEquals(Times.json(Instant.parse(state.get("renewAt").asText())), mail.get("renewAt").asText());
        var lifetime = Duration.between(Instant.parse(state.get("notBefore").asText()),
                Instant.parse(state.get("notAfter").asText()));
        var left = Duration.between(now, Instant.parse(state.get("notAfter").asText()));
        assertEquals(Math.round(100.0 * left.toSeconds() / lifetime.toSeconds()), mail.get("lifetimeLeftPercent").asLong());
        assertEquals("nothing", mail.get("next").asText());
        assertTrue(mail.get("why").asText().startsWith("not due before "), mail.toString());
        assertEquals("installed", mail.get("lastAttempt").get("outcome").asText());
        assertEquals("pem:" + temp.resolve("pem-mail"), mail.get("store").asText());
        assertEquals(0, mail.get("targets").size());

        var schedule = document.get("schedule");
        assertEquals("systemd", schedule.get("scheduler").asText());
        assertTrue(schedule.get("installed").asBoolean());
        assertTrue(schedule.get("inSync").asBoolean(), schedule.toString());
        assertTrue(schedule.get("runsThisExacme").asBoolean());
        assertEquals(0, schedule.get("differences").size());
        assertTrue(schedule.get("lastRun").isNull(), "no renew has run yet");
        var earliest = Instant.parse(schedule.get("nextRun").get("earliest").asText());
        var latest = Instant.parse(schedule.get("nextRun").get("latest").asText());
        assertEquals(LocalTime.of(9, 0), earliest.atZone(ZONE).toLocalTime(), "the schedule's time, local time");
        assertEquals(Duration.ofHours(4), Duration.between(earliest, latest), "the default random delay");
        assertTrue(latest.isAfter(now) && earliest.isBefore(now.plus(Duration.ofDays(1))), schedule.toString());
        assertTrue(schedule.get("problem").isNull());

        var notifications = document.get("notifications");
        assertTrue(notifications.get("configured").asBoolean());
        assertTrue(notifications.get("saved").asBoolean());
        assertEquals("http://127.0.0.1:9/…", notifications.get("webhook").asText(), "never the token");
        assertTrue(notifications.get("mail").isNull());
        assertFalse(notifications.get("eventLogWritten").asBoolean(), "not on Windows");

        // A renew over every certificate, as the schedule runs it, is what status reports as the last run.
        var renew = CommandRun.of("renew", "--config-dir", config(), "--quiet");
        assertEquals(0, renew.exitCode(), renew.toString());
        var recorded = RenewalRun.load(Path.of(config())).orElseThrow();
        var afterRenew = json(status(at(Instant.now()), "--json"));
        var lastRun = afterRenew.get("schedule").get("lastRun");
        assertEquals(Times.json(recorded.started()), lastRun.get("started").asText());
        assertEquals(Times.json(recorded.finished()), lastRun.get("finished").asText());
        assertEquals(0, lastRun.get("exitCode").asInt());
        assertEquals(0, lastRun.get("renewed").asInt());
        assertEquals(0, lastRun.get("failed").asInt());
        assertEquals(0, afterRenew.get("attention").size());

        var text = status(at(Instant.now()));
        assertEquals(0, text.exitCode());
        assertTrue(text.out().contains("Nothing needs attention."), text.out());
        assertTrue(text.out().lines().anyMatch(line -> line.startsWith("mail ") && line.contains("installed")
                && line.contains("pem:" + temp.resolve("pem-mail")) && line.contains("not due before")), text.out());
        assertTrue(text.out().contains("Schedule       systemd, installed, up to date"), text.out());
        assertTrue(text.out().contains("  last run     " + Times.text(recorded.started()) + ", exit code 0"), text.out());
        assertTrue(text.out().contains("Notifications  webhook http://127.0.0.1:9/…"), text.out());
    }

    @Test
    void whatNeedsAttentionComesFirstMostSevereFirstEachWithItsFix() throws Exception {
        assertEquals(0, add("mail").exitCode());
        var appliance = temp.resolve("appliance.sh");
        Files.writeString(appliance, "#!/bin/sh\nif [ -e '" + temp.resolve("appliance.fail")
                + "' ]; then echo 'appliance busy' >&2; exit 3; fi\n");
        Files.setPosixFilePermissions(appliance, PosixFilePermissions.fromString("rwx------"));
        Files.createFile(temp.resolve("appliance.fail"));
        var gateway = add("gateway", "--deploy", "script", "--deploy-script", appliance.toString());
        assertEquals(1, gateway.exitCode(), "issued and installed, not deployed: " + gateway);
        var broken = temp.resolve("config/certificates/broken.json");
        Files.writeString(broken, "{ this is not json");

        var run = status(Clock.system(ZONE), "--json");

        assertEquals(1, run.exitCode(), run.toString());
        var document = json(run);
        assertEquals("partial", document.get("status").asText());
        assertEquals(1, document.get("exitCode").asInt());
        assertEquals(List.of("critical broken", "warning gateway", "warning schedule", "notice notifications"),
                subjects(document), document.get("attention").toPrettyString());
        var damaged = item(document, "broken");
        assertTrue(damaged.get("message").asText().contains(broken.toString()), damaged.toString());
        assertTrue(certificate(document, "broken").get("problem").asText().contains(broken.toString()));
        var pending = item(document, "gateway");
        assertTrue(pending.get("message").asText().contains("appliance busy"), pending.toString());
        assertEquals("exacme deploy gateway", pending.get("fix").asText());
        var target = certificate(document, "gateway").get("targets").get(0);
        assertEquals("script", target.get("target").asText());
        assertFalse(target.get("deployed").asBoolean());
        assertEquals("deploy", certificate(document, "gateway").get("next").asText());
        assertEquals("exacme schedule install", item(document, "schedule").get("fix").asText());
        assertTrue(item(document, "schedule").get("message").asText().startsWith("no daily renewal is installed"));
        assertTrue(item(document, "notifications").get("fix").asText().startsWith("exacme notify set-smtp"));
        assertEquals("nothing", certificate(document, "mail").get("next").asText(), "mail itself is fine");

        var text = status(Clock.system(ZONE));
        assertEquals(1, text.exitCode());
        var lines = text.out().lines().toList();
        var first = lines.indexOf(lines.stream().filter(line -> line.startsWith("Needs attention (4)")).findFirst()
                .orElseThrow(() -> new AssertionError(text.out())));
        assertTrue(lines.get(first + 1).matches("SEVERITY  SUBJECT +PROBLEM"), text.out());
        assertTrue(lines.get(first + 2).startsWith("CRITICAL  broken"), text.out());
        assertTrue(lines.get(first + 4).startsWith("WARNING   gateway"), text.out());
        assertEquals("  fix: exacme deploy gateway", lines.get(first + 5), text.out());
        assertTrue(text.out().lines().anyMatch(line -> line.startsWith("gateway ") && line.contains("(pending)")),
                text.out());

        // The appliance answers again; the deployment goes through and gateway needs nothing more.
        Files.delete(temp.resolve("appliance.fail"));
        assertEquals(0, CommandRun.of("deploy", "gateway", "--config-dir", config()).exitCode());
        var deployed = json(status(Clock.system(ZONE), "--json"));
        assertEquals(List.of("critical broken", "warning schedule", "notice notifications"), subjects(deployed));
        assertTrue(certificate(deployed, "gateway").get("targets").get(0).get("deployed").asBoolean());
    }

    @Test
    void closenessToExpiryIsMeasuredInTheCertificatesOwnLifetime() throws Exception {
        assertEquals(0, add("mail").exitCode());
        installSchedule(launcher);
        assertEquals(0, CommandRun.of("notify", "set-webhook", "--config-dir", config(), "--url",
                "https://hooks.exacme.test/x").exitCode());
        var state = state("mail");
        var notBefore = Instant.parse(state.get("notBefore").asText());
        var notAfter = Instant.parse(state.get("notAfter").asText());
        var renewAt = Instant.parse(state.get("renewAt").asText());
        var lifetime = Duration.between(notBefore, notAfter);

        var beforeRenewal = json(status(at(renewAt.minus(Duration.ofMinutes(1))), "--json"));
        assertEquals(List.of(), subjects(beforeRenewal), "in its window but before its time: not yet");

        var overdue = json(status(at(renewAt.plus(Duration.ofMinutes(1))), "--json"));
        assertEquals(List.of("warning mail"), subjects(overdue));
        assertTrue(item(overdue, "mail").get("message").asText().startsWith("renewal overdue since "
                + Times.text(renewAt)), overdue.toString());
        assertEquals("exacme renew mail", item(overdue, "mail").get("fix").asText());
        assertEquals("order", certificate(overdue, "mail").get("next").asText());

        var lastTwentieth = notAfter.minus(lifetime.dividedBy(20));
        var critical = json(status(at(lastTwentieth), "--json"));
        assertEquals(List.of("critical mail"), subjects(critical));
        assertEquals(5, certificate(critical, "mail").get("lifetimeLeftPercent").asInt());

        var expired = status(at(notAfter.plusSeconds(1)), "--json");
        assertEquals(1, expired.exitCode());
        assertEquals(List.of("critical mail"), subjects(json(expired)));
        assertTrue(item(json(expired), "mail").get("message").asText().startsWith("expired "), expired.out());
        assertEquals(0, certificate(json(expired), "mail").get("lifetimeLeftPercent").asInt());
    }

    @Test
    void theScheduleIsCheckedForDriftForThisExacmeAndForRunsThatStopped() throws Exception {
        assertEquals(0, add("mail").exitCode());
        assertEquals(0, CommandRun.of("notify", "set-webhook", "--config-dir", config(), "--url",
                "https://hooks.exacme.test/x").exitCode());

        // Installed by another copy of exacme: the schedule runs that one, not this.
        installSchedule(executable(temp.resolve("opt/exacme-0.1/exacme")));
        var other = json(status(Clock.system(ZONE), "--json"));
        assertEquals(List.of("warning schedule"), subjects(other));
        assertTrue(item(other, "schedule").get("message").asText().contains("not this exacme"), other.toString());
        assertEquals("exacme schedule install", item(other, "schedule").get("fix").asText());
        assertFalse(other.get("schedule").get("runsThisExacme").asBoolean());
        assertTrue(other.get("schedule").get("installed").asBoolean());

        // This exacme's, then edited by hand to another time: kept, as 'schedule install' would keep it.
        installSchedule(launcher);
        assertEquals(List.of(), subjects(json(status(Clock.system(ZONE), "--json"))));
        var timer = units.resolve(SystemdUnits.TIMER);
        Files.writeString(timer, Files.readString(timer).replace("09:00", "03:30"));
        var edited = json(status(Clock.system(ZONE), "--json"));
        assertEquals(List.of(), subjects(edited));
        assertEquals(LocalTime.of(3, 30), Instant.parse(edited.get("schedule").get("nextRun").get("earliest").asText())
                .atZone(ZONE).toLocalTime(), "the next run is the installed schedule's");

        // Installed for the default state directory: it never renews the certificates of this one.
        installSchedule(launcher, temp.resolve("etc/exacme"));
        var elsewhere = json(status(Clock.system(ZONE), "--json"));
        assertEquals(List.of("notice schedule"), subjects(elsewhere));
        assertTrue(item(elsewhere, "schedule").get("message").asText().contains("command: installed " + launcher
                + " renew --quiet, exacme would set " + launcher + " renew --quiet --config-dir " + config()),
                elsewhere.toString());
        assertFalse(elsewhere.get("schedule").get("inSync").asBoolean());
        assertTrue(elsewhere.get("schedule").get("runsThisExacme").asBoolean());
        assertEquals(1, elsewhere.get("schedule").get("differences").size());
        installSchedule(launcher);

        // The last recorded run is older than a day plus the random delay plus the time limit: runs stopped.
        var now = Instant.now();
        new RenewalRun(now.minus(Duration.ofHours(31)), now.minus(Duration.ofHours(30)), 0, 0, 0)
                .save(Path.of(config()));
        var stopped = json(status(at(now), "--json"));
        assertEquals(List.of("warning schedule"), subjects(stopped));
        assertTrue(item(stopped, "schedule").get("message").asText().startsWith("no renewal has run since "),
                stopped.toString());
        new RenewalRun(now.minus(Duration.ofHours(29)), now.minus(Duration.ofHours(28)), 0, 0, 0)
                .save(Path.of(config()));
        assertEquals(List.of(), subjects(json(status(at(now), "--json"))), "within a day, 4 h delay and 2 h limit");
        // The installed schedule's own delay and limit, not the defaults: 29 h is more than a day, 1 h and 30 min.
        var options = new ScheduleOptions();
        new CommandLine(options).parseArgs("--random-delay", "1h", "--time-limit", "30m");
        var console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false, true,
                "schedule install");
        assertEquals(0, ScheduleCommand.Install.install(console, host(launcher), options, Path.of(config())));
        var shorter = json(status(at(now), "--json"));
        assertEquals(List.of("warning schedule"), subjects(shorter), shorter.toString());

        // Not installed at all.
        Files.delete(timer);
        Files.delete(units.resolve(SystemdUnits.SERVICE));
        var missing = json(status(Clock.system(ZONE), "--json"));
        assertEquals(List.of("warning schedule"), subjects(missing));
        assertFalse(missing.get("schedule").get("installed").asBoolean());
        assertTrue(missing.get("schedule").get("nextRun").isNull());
    }

    /** exacme status as its own JVM with {@code COLUMNS} set, on this machine (its schedule cannot be compared). */
    private String statusProcess(int columns) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.exacme.cli.Main",
                "status", "--config-dir", config());
        process.environment().put("COLUMNS", String.valueOf(columns));
        process.redirectError(ProcessBuilder.Redirect.DISCARD);
        var started = process.start();
        var out = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(started.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, started.exitValue(), "no notifications, no schedule of this exacme: " + out);
        return out;
    }

    @Test
    void theScreenFitsColumnsAndCutsNoTime() throws Exception {
        assertEquals(0, add("exchange-2019-frontend-cluster-a").exitCode());
        var state = state("exchange-2019-frontend-cluster-a");
        var notAfter = Times.text(Instant.parse(state.get("notAfter").asText()));
        var renewAt = Times.text(Instant.parse(state.get("renewAt").asText()));

        var wide = statusProcess(400);
        assertTrue(wide.lines().anyMatch(line -> line.startsWith("exchange-2019-frontend-cluster-a  installed  "
                + notAfter)), "one row per certificate where there is room: " + wide);

        for (var columns : List.of(120, 80, 60, 40)) {
            var out = statusProcess(columns);
            // The header names the state directory, a path as long as the temporary directory makes it.
            out.lines().skip(1).forEach(line -> assertTrue(line.length() <= columns, columns + ": " + line + "\n" + out));
            assertTrue(out.contains(notAfter) && out.contains(renewAt), "times whole at " + columns + ":\n" + out);
            assertTrue(out.contains("installed"), "the phase whole at " + columns + ":\n" + out);
            assertTrue(out.contains("NOTICE    notifications  none configured") || out.contains("NOTICE\n  SUBJECT  "
                    + "notifications\n  PROBLEM  none configured"), "the attention items whole at " + columns + ":\n" + out);
            assertTrue(out.lines().anyMatch(line -> line.equals("  fix: exacme schedule show")),
                    "each with its fix under it at " + columns + ":\n" + out);
        }
        var narrow = statusProcess(60);
        assertTrue(narrow.contains("\nexchange-2019-frontend-cluster-a\n  PHASE         installed\n  NOT AFTER     "
                + notAfter + "\n"), "too narrow for the columns, a block per certificate:\n" + narrow);
    }

    @Test
    void withNothingManagedNothingNeedsAttention() throws Exception {
        var run = status(Clock.system(ZONE), "--json");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(0, json(run).get("certificates").size());
        assertEquals(0, json(run).get("attention").size());
        assertTrue(status(Clock.system(ZONE)).out().contains("No managed certificates"));
    }
}
