package dev.exacme.cli.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renewal process killed between ordering and installing leaves state the next run
 * completes from, without repair: the lock dies with the process, the previous certificate
 * stays current, and the next run makes one new order (the killed one is abandoned at the CA).
 */
class KilledRenewalPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path temp;

    @Test
    void theNextRunFinishesWhatAKilledRunStarted() throws Exception {
        var config = temp.resolve("config").toString();
        var added = CommandRun.of("add", "--config-dir", config, "--json", "mail", "-d", "killed.exacme.test",
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--skip-self-check", "--http-port", String.valueOf(PEBBLE.httpChallengePort()),
                "--http-bind", "127.0.0.1", "--out", temp.resolve("pem").toString());
        assertEquals(0, added.exitCode(), added.toString());
        var before = new ObjectMapper().readTree(added.out()).get("thumbprint").asText();

        // A real process, killed hard once its order is being finalized (after ordering, before installing).
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.exacme.cli.Main",
                "renew", "--force", "--config-dir", config).redirectErrorStream(true).start();
        var seen = new ArrayList<String>();
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                seen.add(line);
                if (line.contains("Finalizing")) {
                    process.destroyForcibly();
                    break;
                }
            }
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertTrue(seen.stream().anyMatch(line -> line.contains("Finalizing")), "killed while finalizing: " + seen);

        var show = new ObjectMapper().readTree(CommandRun.of("show", "mail", "--config-dir", config, "--json").out());
        assertEquals(before, show.get("state").get("thumbprint").asText(), "the previous certificate is still current");

        var next = CommandRun.of("renew", "--force", "--config-dir", config, "--json", "--wait", "1s");
        assertEquals(0, next.exitCode(), "the killed run's lock died with it: " + next);
        var row = new ObjectMapper().readTree(next.out()).get("certificates").get(0);
        assertEquals("renewed", row.get("outcome").asText());
        assertNotEquals(before, row.get("thumbprint").asText());
        var orders = List.of(next.err().split("\n")).stream().filter(line -> line.contains("Creating the order")).count();
        assertEquals(1, orders, "one new order beyond the abandoned one: " + next.err());
    }
}
