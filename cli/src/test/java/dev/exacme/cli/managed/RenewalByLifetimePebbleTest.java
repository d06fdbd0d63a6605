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
    void aShortLivedCertificateIsScheduledInTheMiddleOfItsLifeAndRenewedBeforeTheNextDailyRunWouldBeTooLate()
            throws Exception {
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
        var lifetime = Duration.between(notBefore, notAfter);
        var half = notBefore.plus(lifetime.dividedBy(2));
        var lastTenth = notAfter.minus(lifetime.dividedBy(10));
        assertTrue(!renewAt.isBefore(half) && !renewAt.isAfter(lastTenth),
                "under 10 days: renewAt " + renewAt + " inside " + half + " .. " + lastTenth);

        // A daily schedule would next wake long after this certificate expired: RFC 9773 4.2 says renew now.
        var due = CommandRun.of("renew", "--config-dir", config, "--json");

        assertEquals(0, due.exitCode(), due.toString());
        var row = json(due).get("certificates").get(0);
        assertEquals("renewed", row.get("outcome").asText(), due.toString());
        assertTrue(row.get("reason").asText().contains("before the next scheduled run")
                || row.get("reason").asText().startsWith("due since"), row.toString());
    }
}
