package dev.exacme.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * still prints the help.
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

        var help = exacme("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: exacme [-hV] [COMMAND]"), help.out());
        assertTrue(help.out().contains("  status "), help.out());
    }
}
