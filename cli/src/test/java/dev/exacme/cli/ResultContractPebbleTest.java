package dev.exacme.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.acme.testing.PebbleExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command of the tree, run with {@code --json} the way an administrator's script would
 * (against a real Pebble where a CA is involved), prints one document that
 * {@code schema/result.schema.json} accepts ({@link ResultSchema}, through {@link CommandRun}):
 * results where this machine can produce them, errors where the command needs Windows.
 * A command added to the tree without a run here fails the test.
 */
class ResultContractPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    /** Commands that can only refuse on Linux: their error documents are what is checked here. */
    private static final Set<String> WINDOWS_ONLY = Set.of("exchange deploy", "exchange cleanup", "exchange rescue",
            "doctor exchange", "setup exchange", "store grant", "notify set-event-log");

    /**
     * Commands whose results need what this test does not set up, checked (through CommandRun) by
     * the tests that do: an installed jar (ScheduleCommandTest, InstallCommandTest), BIND as root
     * (DnsCommandsPebbleTest), an acme-dns API (AcmeDnsRegisterTest), another tool's renewals
     * (WinAcmeImportPebbleTest, CertifyImportPebbleTest).
     */
    private static final Set<String> RESULTS_CHECKED_ELSEWHERE = Set.of("schedule show", "schedule install",
            "install", "dns test", "dns acme-dns-register", "import win-acme", "import certify");

    private static final Pattern TIME_WITH_FRACTION = Pattern.compile("\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z\"");

    @TempDir
    Path temp;

    private final Map<String, Set<String>> ran = new TreeMap<>();

    private Path config() {
        return temp.resolve("config");
    }

    /** Runs {@code exacme args... --config-dir CONFIG --json}; the schema check is CommandRun's. */
    private JsonNode run(int expectedExit, String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config-dir", config().toString(), "--json"));
        var run = CommandRun.of(all.toArray(String[]::new));
        assertEquals(expectedExit, run.exitCode(), run.toString());
        var document = ResultSchema.check(run);
        assertFalse(TIME_WITH_FRACTION.matcher(run.out()).find(), "no sub-second noise in times:\n" + run.out());
        ran.computeIfAbsent(document.get("command").asText(), command -> new TreeSet<>())
                .add(document.get("status").asText());
        return document;
    }

    private String[] ca() {
        return new String[] {"--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString()};
    }

    private String[] certificate(String name, String... extra) {
        var args = new ArrayList<>(List.of("-d", name, "--agree-tos", "--email", "admin@exacme.test",
                "--skip-self-check", "--http-port", String.valueOf(PEBBLE.httpChallengePort()), "--http-bind",
                "127.0.0.1"));
        args.addAll(List.of(ca()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static String[] join(String[] first, String... more) {
        var all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void everyCommandPrintsOneDocumentOfTheContract() throws Exception {
        var pem = temp.resolve("pem");
        var issued = run(0, join(new String[] {"issue"}, certificate("contract.exacme.test", "--out", pem.toString())));
        assertEquals("contract.exacme.test", issued.get("domains").get(0).asText());
        var thumbprint = issued.get("thumbprint").asText();

        run(0, join(new String[] {"account", "show"}, ca()));
        run(0, join(new String[] {"account", "register", "--agree-tos", "--email", "admin@exacme.test"}, ca()));

        var script = Files.writeString(temp.resolve("deployed.sh"), "#!/bin/sh\nexit 0\n");
        script.toFile().setExecutable(true);
        var added = run(0, join(new String[] {"add", "mail"}, certificate("mail.contract.exacme.test",
                "--out", temp.resolve("pem-mail").toString(), "--deploy", "script", "--deploy-script",
                script.toString())));
        assertEquals("script", added.get("deployments").get(0).get("target").asText());
        assertEquals("added", added.get("outcome").asText());
        var status = run(1, "status"); // no schedule installed
        assertEquals("mail", status.get("certificates").get(0).get("name").asText());
        var list = run(0, "list");
        assertEquals("mail", list.get("certificates").get(0).get("name").asText());
        run(0, "show", "mail");
        run(0, "edit", "mail", "-d", "mail.contract.exacme.test", "-d", "owa.contract.exacme.test");
        var renewed = run(0, "renew");
        assertEquals("renewed", renewed.get("certificates").get(0).get("outcome").asText(), "the edit is due");
        run(0, "deploy", "mail");
        run(0, "revoke", "mail", "--reason", "superseded");

        run(0, "store", "list", "--out", pem.toString());
        run(0, "store", "show", thumbprint, "--out", pem.toString());
        run(0, "store", "doctor", "--out", pem.toString());
        run(2, "store", "grant", thumbprint, "--out", pem.toString());
        run(0, "store", "remove", thumbprint, "--out", pem.toString());

        run(1, "doctor", "state"); // no secrets folder yet
        run(2, "doctor", "exchange");
        run(2, "exchange", "deploy", thumbprint);
        run(2, "exchange", "cleanup", thumbprint);
        run(2, "exchange", "rescue");
        run(2, "setup", "exchange", "-d", "mail.contoso.com");

        run(0, "dns", "providers");
        run(2, "dns", "test", "-d", "contract.exacme.test", "--dns", "acme-dns");
        run(2, "dns", "acme-dns-register", "-d", "contract.exacme.test");

        run(0, "network", "show");
        run(0, "network", "set", "--proxy", "http://proxy.contract.exacme.test:3128");
        run(0, "network", "clear");

        var secretFile = temp.resolve("secret.txt");
        Files.writeString(secretFile, "correct horse battery staple\n");
        run(0, "secret", "set", "pfx", "--from-file", secretFile.toString());
        var secrets = run(0, "secret", "list");
        assertFalse(secrets.toString().contains("horse"), "a secret's value is never printed");
        run(0, "secret", "remove", "pfx");
        run(0, "doctor", "state");

        run(0, "notify", "set-webhook", "--url", "https://hooks.contract.exacme.test/exacme");
        run(0, "notify", "set-smtp", "--smtp-host", "smtp.contract.exacme.test", "--from", "exacme@contract.exacme.test",
                "--to", "admin@contract.exacme.test");
        run(2, "notify", "set-event-log");
        run(0, "notify", "show");
        run(1, "notify", "test");
        run(0, "notify", "clear");

        // In a test JVM exacme runs from target/classes, which no schedule may run: ScheduleCommandTest
        // checks show's and install's results through a test host.
        run(2, "schedule", "show");
        run(2, "schedule", "install");
        run(0, "schedule", "remove"); // nothing installed: said so

        run(2, "import", "win-acme", "--from", temp.resolve("no-such-folder").toString());
        run(2, "import", "certify", "--from", temp.resolve("no-such.db").toString());
        run(2, "install", "--to", temp.resolve("installed").toString()); // InstallCommandTest: from a jar

        run(0, "remove", "mail");
        run(0, join(new String[] {"account", "deactivate", "--yes"}, ca()));

        var leaves = leaves(ExacmeCommand.commandLine(), "");
        var missing = new TreeSet<>(leaves);
        missing.removeAll(ran.keySet());
        assertTrue(missing.isEmpty(), "commands without a checked --json document: " + missing);
        for (var command : leaves) {
            var statuses = ran.get(command);
            assertTrue(WINDOWS_ONLY.contains(command) || RESULTS_CHECKED_ELSEWHERE.contains(command)
                            ? statuses.contains("error") : !statuses.equals(Set.of("error")),
                    command + " was checked only with " + statuses);
        }
    }

    @Test
    void argumentErrorsAreDocumentsToo() {
        var revoke = run(2, "revoke", "mail");
        assertEquals("usage", revoke.get("kind").asText());
        assertTrue(revoke.get("message").asText().contains("--reason"), revoke.toString());
        var unknown = run(2, "list", "--no-such-option");
        assertEquals("list", unknown.get("command").asText());
        var missing = run(2, "show", "nothing-here");
        assertEquals("show", missing.get("command").asText());
    }

    private static Set<String> leaves(CommandLine command, String prefix) {
        var names = new TreeSet<String>();
        command.getSubcommands().forEach((name, sub) -> {
            var qualified = (prefix + " " + name).trim();
            if (sub.getSubcommands().isEmpty()) {
                names.add(qualified);
            } else {
                names.addAll(leaves(sub, qualified));
            }
        });
        return names;
    }
}
