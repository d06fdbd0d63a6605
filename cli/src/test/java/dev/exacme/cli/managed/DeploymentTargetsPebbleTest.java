package dev.exacme.cli.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several deployment targets as an administrator sets them up: two scripts, the second failing
 * until its appliance answers; the next renew runs only the one that failed; an edit that
 * changes one script runs that one alone; a new order runs both with the previous thumbprint;
 * the mistakes a tired person makes with the options are refused before any order.
 */
class DeploymentTargetsPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path temp;

    private String config() {
        return temp.resolve("config").toString();
    }

    private CommandRun add(String name, String... more) {
        var args = new ArrayList<>(List.of("add", "--config-dir", config(), name, "--server",
                PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(), "--agree-tos",
                "--skip-self-check", "--http-port", String.valueOf(PEBBLE.httpChallengePort()), "--http-bind",
                "127.0.0.1"));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    /** A script appending its arguments as one line to NAME.runs; it fails while NAME.fail exists. */
    private String script(String name) throws IOException {
        var runs = temp.resolve(name + ".runs");
        var file = temp.resolve(name + ".sh");
        Files.writeString(file, "#!/bin/sh\nprintf '%s|' \"$@\" >> '" + runs + "'\necho >> '" + runs + "'\n"
                + "if [ -e '" + temp.resolve(name + ".fail") + "' ]; then echo 'appliance busy' >&2; exit 3; fi\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file.toString();
    }

    private List<String> runs(String name) throws IOException {
        var runs = temp.resolve(name + ".runs");
        return Files.exists(runs) ? Files.readAllLines(runs) : List.of();
    }

    private JsonNode state(String name) throws IOException {
        return new ObjectMapper().readTree(Files.readString(temp.resolve("config/state/" + name + ".json")));
    }

    @Test
    void aFailedTargetIsRetriedAloneAndAnEditedOneRunsAgain() throws Exception {
        var hook = script("hook");
        var appliance = script("appliance");
        Files.createFile(temp.resolve("appliance.fail"));

        var added = add("gateway", "-d", "rdg.targets.exacme.test", "-d", "adfs.targets.exacme.test",
                "--deploy", "script", "--deploy-script", hook,
                "--deploy", "script", "--deploy-script", appliance, "--deploy-script-arg", "cert={certificate-file}",
                "--deploy-script-arg", "previous={previous-thumbprint}");
        assertEquals(1, added.exitCode(), "issued and installed, not deployed: " + added);
        assertTrue(added.out().contains("appliance busy"), added.toString());
        var first = state("gateway").get("thumbprint").asText();
        assertEquals(List.of(first + "|rdg.targets.exacme.test,adfs.targets.exacme.test||"), runs("hook"),
                "the default arguments: thumbprint, names, previous (empty)");
        assertEquals("installed", state("gateway").get("phase").asText());
        var shown = CommandRun.of("show", "--config-dir", config(), "gateway");
        assertTrue(shown.out().matches("(?s).*\ntargets +script \\(deployed\\), script \\(pending\\)\n.*"), shown.out());

        Files.delete(temp.resolve("appliance.fail"));
        var renewed = CommandRun.of("renew", "--config-dir", config());
        assertEquals(0, renewed.exitCode(), renewed.toString());
        assertEquals(1, runs("hook").size(), "the script that succeeded is not run again");
        assertEquals(2, runs("appliance").size());
        assertEquals("cert=" + temp.resolve("config/pem/gateway/cert.pem") + "|previous=|", runs("appliance").get(1));
        assertEquals("deployed", state("gateway").get("phase").asText());

        var quiet = CommandRun.of("renew", "--config-dir", config());
        assertEquals(0, quiet.exitCode(), quiet.toString());
        assertEquals(2, runs("appliance").size(), "deployed everywhere: nothing runs");

        var edited = CommandRun.of("edit", "--config-dir", config(), "gateway",
                "--deploy", "script", "--deploy-script", hook,
                "--deploy", "script", "--deploy-script", appliance, "--deploy-script-arg", "two words",
                "--deploy-script-arg", "{thumbprint}");
        assertEquals(0, edited.exitCode(), edited.toString());
        assertTrue(edited.out().contains("--deploy-script-arg 'two words' --deploy-script-arg '{thumbprint}'"),
                "printed as a shell reads it back: " + edited.out());
        var afterEdit = CommandRun.of("renew", "--config-dir", config());
        assertEquals(0, afterEdit.exitCode(), afterEdit.toString());
        assertEquals(1, runs("hook").size(), "unchanged: not run again");
        assertEquals("two words|" + first + "|", runs("appliance").get(2), "the edited one runs with its new arguments");

        var forced = CommandRun.of("renew", "--config-dir", config(), "--force", "gateway");
        assertEquals(0, forced.exitCode(), forced.toString());
        var second = state("gateway").get("thumbprint").asText();
        assertEquals(second + "|rdg.targets.exacme.test,adfs.targets.exacme.test|" + first + "|", runs("hook").get(1),
                "a new certificate runs every target, with the one it replaced");
    }

    @Test
    void aTargetAddedToACertificateDeployedByTheLastReleaseIsDeployedAtTheNextRenew() throws Exception {
        var hook = script("hook");
        var added = add("mail", "-d", "mail.targets.exacme.test", "--deploy", "script", "--deploy-script", hook);
        assertEquals(0, added.exitCode(), added.toString());
        // As the last release wrote it: deployed as a whole, no targets recorded one by one.
        var file = temp.resolve("config/state/mail.json");
        var state = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(Files.readString(file));
        state.remove("deployedTo");
        Files.writeString(file, state.toString());

        var appliance = script("appliance");
        var edited = CommandRun.of("edit", "--config-dir", config(), "mail", "--deploy", "script", "--deploy-script",
                hook, "--deploy", "script", "--deploy-script", appliance);
        assertEquals(0, edited.exitCode(), edited.toString());
        var renewed = CommandRun.of("renew", "--config-dir", config());
        assertEquals(0, renewed.exitCode(), renewed.toString());
        assertEquals(1, runs("hook").size(), "deployed before the edit: not run again");
        assertEquals(1, runs("appliance").size(), "added by the edit: deployed at the next renew");
    }

    @Test
    void scriptArgumentsThatLookLikeOptionsSurviveShowAndEdit() throws Exception {
        var hook = script("hook");
        var added = add("relay", "-d", "relay.targets.exacme.test", "--deploy", "script", "--deploy-script", hook,
                "--deploy-script-arg=--thumbprint={thumbprint}", "--deploy-script-arg=--timeout",
                "--deploy-script-arg", "30", "--deploy-script-arg=-d");
        assertEquals(0, added.exitCode(), added.toString());
        var edited = CommandRun.of("edit", "--config-dir", config(), "relay", "--timeout", "10m");
        assertEquals(0, edited.exitCode(), edited.toString());
        var spec = new ObjectMapper().readTree(Files.readString(temp.resolve("config/certificates/relay.json")));
        assertEquals("[\"--thumbprint={thumbprint}\",\"--timeout\",\"30\",\"-d\"]",
                spec.get("deployments").get(0).get("arguments").toString());
        assertEquals("PT10M", spec.get("timeout").asText());
        var unset = CommandRun.of("edit", "--config-dir", config(), "relay", "--unset", "deploy-script-arg");
        assertEquals(0, unset.exitCode(), unset.toString());
    }

    @Test
    void targetOptionsInTheWrongPlaceAreRefusedBeforeAnyOrder() throws Exception {
        var hook = script("hook");
        var misplaced = add("one", "-d", "one.targets.exacme.test", "--deploy", "script", "--deploy-script", hook,
                "--iis-site", "Default Web Site");
        assertEquals(2, misplaced.exitCode(), misplaced.toString());
        assertTrue(misplaced.err().contains("--iis-site, --iis-sni and --iis-port belong to --deploy iis"),
                misplaced.err());

        var unknown = add("two", "-d", "two.targets.exacme.test", "--deploy", "appliance");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("there are: exchange, iis, script"), unknown.err());

        var iisOnPem = add("three", "-d", "three.targets.exacme.test", "--deploy", "iis", "--iis-site", "RDG");
        assertEquals(2, iisOnPem.exitCode(), iisOnPem.toString());
        assertTrue(iisOnPem.err().contains("--store windows"), iisOnPem.err());

        var placeholder = add("four", "-d", "four.targets.exacme.test", "--deploy", "script", "--deploy-script", hook,
                "--deploy-script-arg", "{Thumbprint}");
        assertEquals(2, placeholder.exitCode(), placeholder.toString());
        assertTrue(placeholder.err().contains("{thumbprint}"), "names the placeholders there are: " + placeholder.err());

        var noProgram = add("five", "-d", "five.targets.exacme.test", "--deploy", "script");
        assertEquals(2, noProgram.exitCode(), noProgram.toString());
        assertTrue(noProgram.err().contains("--deploy-script PROGRAM"), noProgram.err());

        var missing = add("six", "-d", "six.targets.exacme.test", "--deploy", "script", "--deploy-script",
                temp.resolve("scripts/feed.sh").toString());
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("is not a file"), missing.err());

        assertTrue(runs("hook").isEmpty());
        assertTrue(!Files.exists(temp.resolve("config/certificates")) || Files.list(temp.resolve("config/certificates"))
                .findAny().isEmpty(), "nothing was added");
    }
}
