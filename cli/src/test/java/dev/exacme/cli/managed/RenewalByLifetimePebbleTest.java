package dev.exacme.cli.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Short-lived certificates (as six-day ones are) become due after two thirds of their lifetime, without --force. */
class RenewalByLifetimePebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().certificateValidity(Duration.ofSeconds(9)).build();

    @TempDir
    Path temp;

    private JsonNode json(CommandRun run) throws Exception {
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void aCertificatePastTwoThirdsOfItsLifetimeIsRenewed() throws Exception {
        var config = temp.resolve("config").toString();
        var added = CommandRun.of("add", "--config-dir", config, "--json", "short", "-d", "short.exacme.test",
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--skip-self-check", "--http-port", String.valueOf(PEBBLE.httpChallengePort()),
                "--http-bind", "127.0.0.1", "--out", temp.resolve("pem").toString());
        assertEquals(0, added.exitCode(), added.toString());
        var state = json(CommandRun.of("show", "short", "--config-dir", config, "--json")).get("state");
        var notBefore = Instant.parse(state.get("notBefore").asText());
        var notAfter = Instant.parse(state.get("notAfter").asText());
        var renewAt = Instant.parse(state.get("renewAt").asText());
        var twoThirds = notBefore.plus(Duration.between(notBefore, notAfter).multipliedBy(2).dividedBy(3));
        assertTrue(!renewAt.isBefore(twoThirds) && !renewAt.isAfter(notAfter),
                "renewAt " + renewAt + " inside " + twoThirds + " .. " + notAfter);

        var early = CommandRun.of("renew", "--config-dir", config, "--json");
        if (Instant.now().isBefore(renewAt)) {
            assertEquals("not due", json(early).get("certificates").get(0).get("result").asText(), early.toString());
        }
        var wait = Duration.between(Instant.now(), renewAt).plusMillis(200);
        if (!wait.isNegative()) {
            Thread.sleep(wait.toMillis());
        }
        var due = CommandRun.of("renew", "--config-dir", config, "--json");

        assertEquals(0, due.exitCode(), due.toString());
        var row = json(due).get("certificates").get(0);
        assertEquals("renewed", row.get("result").asText(), due.toString());
        assertTrue(row.get("reason").asText().startsWith("due since"), row.toString());
    }
}
