package dev.exacme.cli.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.certificate.Pipelines;
import dev.exacme.cli.schedule.CommandRunner;
import dev.exacme.cli.schedule.ScheduleHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code exacme setup exchange} prints one result for its steps. A real setup refuses to run
 * off Windows, so this runs its steps as it does ({@link SetupCommand.Exchange#addAndSchedule}:
 * {@code exacme add} against a real Pebble, then {@code exacme schedule install} on a host whose
 * systemd units live in a temporary directory) under the command name {@code setup exchange}.
 */
class SetupOneResultPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path temp;

    private final List<String> systemctl = new ArrayList<>();

    /** {@code exacme setup exchange} from the point where it adds the certificate, on {@code host}. */
    @Command(name = "exchange")
    static final class SetupSteps implements Callable<Integer> {
        private final ScheduleHost host;
        @Mixin
        private GlobalOptions global;
        @Option(names = "--name")
        private String name;
        @Unmatched
        private List<String> add = new ArrayList<>();

        SetupSteps(ScheduleHost host) {
            this.host = host;
        }

        @Override
        public Integer call() throws Exception {
            var commands = List.of(concat(List.of("add", name), add), List.of("schedule", "install"));
            return SetupCommand.Exchange.addAndSchedule(global, name, Pipelines.parse(add), host, commands);
        }
    }

    @Command(name = "setup")
    static final class Setup {
    }

    private static List<String> concat(List<String> first, List<String> second) {
        var all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private ScheduleHost host(Path units) throws IOException {
        var launcher = temp.resolve("opt/exacme/exacme");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        var systemdRuntime = Files.createDirectories(temp.resolve("run/systemd/system"));
        CommandRunner recorded = command -> {
            systemctl.add(String.join(" ", command));
            return new CommandRunner.Result(0, "");
        };
        return new ScheduleHost(false, Optional.of(launcher), systemdRuntime, units, temp.resolve("etc/cron.d/exacme"),
                recorded, temp.resolve("etc/exacme"), temp, List.of());
    }

    private CommandRun setup(ScheduleHost host, String name, String... more) {
        var args = new ArrayList<>(List.of("exchange", "--config-dir", temp.resolve("config").toString(), "--name",
                name, "--domain", name + ".setup.exacme.test", "--agree-tos", "--email", "admin@exacme.test",
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--skip-self-check", "--http-port", String.valueOf(PEBBLE.httpChallengePort()), "--http-bind",
                "127.0.0.1", "--out", temp.resolve("pem-" + name).toString()));
        args.addAll(List.of(more));
        var setup = new CommandLine(new Setup()).addSubcommand("exchange", new SetupSteps(host));
        return CommandRun.of("setup", setup, args.toArray(String[]::new));
    }

    /** Exactly one JSON document on stdout (CommandRun also checks it against the schema). */
    private static JsonNode onlyDocument(CommandRun run) throws IOException {
        var json = new ObjectMapper();
        var parser = json.createParser(run.out());
        JsonNode document = json.readTree(parser);
        assertEquals(null, parser.nextToken(), "one document, nothing after it:\n" + run);
        return document;
    }

    @Test
    void theCertificateAndTheScheduleAreOneDocumentAndOneText() throws Exception {
        var units = temp.resolve("etc/systemd/system");
        var host = host(units);

        var run = setup(host, "exchange", "--json");
        assertEquals(0, run.exitCode(), run.toString());
        var document = onlyDocument(run);
        assertEquals("setup exchange", document.get("command").asText(), run.toString());
        assertEquals("ok", document.get("status").asText());
        assertEquals("set-up", document.get("outcome").asText());
        var certificate = document.get("certificate");
        assertEquals("added", certificate.get("outcome").asText(), run.toString());
        assertEquals("exchange", certificate.get("name").asText());
        assertTrue(certificate.get("definition").toString().contains("\"exchange.setup.exacme.test\""),
                certificate.toString());
        assertFalse(certificate.has("status"), "the parts carry no envelope of their own");
        var schedule = document.get("schedule");
        assertEquals("installed", schedule.get("outcome").asText(), run.toString());
        assertEquals("systemd", schedule.get("scheduler").asText());
        assertEquals(List.of("schedule", "install"), List.of(document.get("commands").get(1).get(0).asText(),
                document.get("commands").get(1).get(1).asText()));
        assertTrue(Files.exists(temp.resolve("config/certificates/exchange.json")));
        assertTrue(Files.exists(units.resolve("exacme-renew.timer")));
        assertTrue(run.err().contains("Done: exchange is issued, installed, deployed, verified and renewed daily"),
                run.err());

        var text = setup(host, "mail");
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.out().startsWith("Managed certificate mail added: mail.setup.exacme.test, valid until "),
                text.out());
        assertTrue(text.out().contains("\nInstalled the daily renewal (systemd): daily at 09:00"), text.out());
        assertFalse(text.out().contains("{"), text.out());
    }

    @Test
    void aScheduleThatFailsAfterTheCertificateIsAddedIsPartOfTheSameDocument() throws Exception {
        // Units cannot be written under a regular file: the install fails after the certificate is in place.
        var blocked = Files.writeString(temp.resolve("not-a-directory"), "");
        var run = setup(host(blocked.resolve("system")), "exchange", "--json");

        assertEquals(1, run.exitCode(), run.toString());
        var document = onlyDocument(run);
        assertEquals("partial", document.get("status").asText(), run.toString());
        assertEquals("not-scheduled", document.get("outcome").asText());
        assertEquals("added", document.get("certificate").get("outcome").asText());
        assertEquals("failed", document.get("schedule").get("outcome").asText());
        assertTrue(document.get("schedule").get("message").asText().contains(blocked.toString()), run.toString());
        assertTrue(run.err().contains("The certificate is in place, but scheduling its renewal failed: run"
                + " 'exacme schedule install'."), run.err());
        assertTrue(Files.exists(temp.resolve("config/certificates/exchange.json")), "the certificate is kept");
        assertEquals(List.of(), systemctl, "no timer was enabled");
    }
}
