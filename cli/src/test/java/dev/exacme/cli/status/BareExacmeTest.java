package dev.exacme.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exacme} with no arguments is {@code exacme status}: run as real processes by a user
 * whose default state directory holds a certificate issued by Pebble, and {@code --help}
 * still prints the help; so is {@code exacme} with only the options status takes ({@code exacme --json}).
 */
class BareExacmeTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path home;

    record Run(int exitCode, String out, String err) {
    }

    /** exacme as its own JVM, for a user "status-test" whose home is the temporary directory. */
    private Run exacme(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.name=status-test", "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"),
                "dev.exacme.cli.Main"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command);
        builder.environment().remove("XDG_CONFIG_HOME");
        var process = builder.start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out, err);
    }

    /** The header names the minute it was made; two runs may fall on either side of one. */
    private static String withoutTime(String text) {
        return text.replaceFirst("(?m)^(exacme status of .*) at .*$", "$1");
    }

    @Test
    void exacmeWithOnlyTheStatusOptionsRunsStatus() throws Exception {
        var config = home.resolve("state");
        var added = CommandRun.of("add", "--config-dir", config.toString(), "web", "-d", "web.bare.exacme.test",
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--skip-self-check", "--http-port", String.valueOf(PEBBLE.httpChallengePort()),
                "--http-bind", "127.0.0.1", "--out", home.resolve("pem").toString());
        assertEquals(0, added.exitCode(), added.toString());
        var status = CommandRun.of("status", "--config-dir", config.toString());

        for (var args : List.of(List.of("--config-dir", config.toString()), List.of("--config-dir=" + config),
                List.of("-q", "--config-dir", config.toString()), List.of("--config-dir", config.toString(), "-qv"))) {
            var bare = CommandRun.of(args.toArray(String[]::new));
            assertEquals(status.exitCode(), bare.exitCode(), args + "\n" + bare);
            assertEquals(withoutTime(status.out()), withoutTime(bare.out()), args.toString());
        }
        // CommandRun checks the document against the result schema.
        var json = CommandRun.of("--json", "--config-dir", config.toString());
        var document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertEquals("status", document.get("command").asText(), json.toString());
        assertEquals("web", document.get("certificates").get(0).get("name").asText(), json.out());
        assertEquals(status.exitCode(), json.exitCode(), json.toString());

        var missing = CommandRun.of("--config-dir");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("Missing required parameter for option '--config-dir'"), missing.err());
        assertTrue(missing.err().contains("'exacme status --help'"), missing.err());

        // exacme's own options and anything else stay exacme's.
        var help = CommandRun.of("--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().startsWith("Usage: exacme [-hV] [COMMAND]"), help.out());
        var version = CommandRun.of("--version");
        assertEquals(0, version.exitCode(), version.toString());
        assertFalse(version.out().contains("exacme status of"), version.out());
        var unknown = CommandRun.of("--json", "--bogus");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("'--bogus'"), unknown.err());
        var helpWithJson = CommandRun.of("--json", "--help");
        assertEquals(0, helpWithJson.exitCode(), helpWithJson.toString());
        assertTrue(helpWithJson.out().startsWith("Usage: exacme [-hV] [COMMAND]"), helpWithJson.out());
    }

    @Test
    void exacmeAloneShowsTheStatusOfTheDefaultStateDirectory() throws Exception {
        Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "the default is %ProgramData%");
        var config = home.resolve(".config/exacme");
        var added = CommandRun.of("add", "--config-dir", config.toString(), "mail", "-d", "mail.bare.exacme.test",
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--skip-self-check", "--http-port", String.valueOf(PEBBLE.httpChallengePort()),
                "--http-bind", "127.0.0.1", "--out", home.resolve("pem").toString());
        assertEquals(0, added.exitCode(), added.toString());

        var bare = exacme();
        var status = exacme("status");

        assertTrue(bare.out().startsWith("exacme status of " + config + " at "), bare.toString());
        assertTrue(bare.out().lines().anyMatch(line -> line.startsWith("mail ")), bare.out());
        assertEquals(status.exitCode(), bare.exitCode(), bare + "\n" + status);
        assertEquals(withoutTime(status.out()), withoutTime(bare.out()));
        assertEquals(status.err(), bare.err());

        // What a monitoring check runs: the status document, not "Unknown option".
        var json = exacme("--json");
        assertEquals(status.exitCode(), json.exitCode(), json.toString());
        var document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertEquals("status", document.get("command").asText(), json.out());
        assertEquals("mail", document.get("certificates").get(0).get("name").asText(), json.out());

        var help = exacme("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: exacme [-hV] [COMMAND]"), help.out());
        assertTrue(help.out().contains("  status "), help.out());
    }
}
