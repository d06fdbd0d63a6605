package dev.exacme.cli.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import dev.exacme.store.Thumbprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Six-day certificates (Let's Encrypt's {@code shortlived} profile) end to end against Pebble
 * issuing six-day certificates: added and deployed to a script, renewal timed in the middle of
 * the life (not after a fixed number of days), a daily run that is not due does nothing, three
 * forced renewals each deploy the new certificate with the one it replaced, and the PEM store
 * keeps the current set and one previous set only, never piling up the superseded ones.
 */
class SixDayCertificatePebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().certificateValidity(Duration.ofDays(6)).build();

    @TempDir
    Path temp;

    private String config() {
        return temp.resolve("config").toString();
    }

    private static JsonNode json(CommandRun run) throws IOException {
        return new ObjectMapper().readTree(run.out());
    }

    /** A deployment script appending its arguments as one line to hook.runs. */
    private String hook() throws IOException {
        var file = temp.resolve("hook.sh");
        Files.writeString(file, "#!/bin/sh\nprintf '%s|' \"$@\" >> '" + temp.resolve("hook.runs") + "'\necho >> '"
                + temp.resolve("hook.runs") + "'\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file.toString();
    }

    private List<String> runs() throws IOException {
        var runs = temp.resolve("hook.runs");
        return Files.exists(runs) ? Files.readAllLines(runs) : List.of();
    }

    private JsonNode state() throws Exception {
        return json(CommandRun.of("show", "six", "--config-dir", config(), "--json")).get("state");
    }

    private String thumbprintIn(Path set) throws Exception {
        return Thumbprint.of(PemFormat.readCertificates(Files.readString(set.resolve("cert.pem"))).get(0)).hex();
    }

    private void assertRenewalInTheMiddleOfTheLife(JsonNode state) {
        var notBefore = Instant.parse(state.get("notBefore").asText());
        var notAfter = Instant.parse(state.get("notAfter").asText());
        var renewAt = Instant.parse(state.get("renewAt").asText());
        var lifetime = Duration.between(notBefore, notAfter);
        assertEquals(Duration.ofDays(6), lifetime.plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.HOURS),
                "Pebble issues six-day certificates here: " + state);
        var half = notBefore.plus(lifetime.dividedBy(2));
        var lastTenth = notAfter.minus(lifetime.dividedBy(10));
        assertTrue(!renewAt.isBefore(half) && !renewAt.isAfter(lastTenth),
                "renewAt " + renewAt + " inside half .. last tenth: " + half + " .. " + lastTenth);
    }

    @Test
    void aSixDayCertificateIsRenewedInTheMiddleOfItsLifeDeployedEachTimeAndTheStoreKeepsOnlyOnePreviousSet()
            throws Exception {
        var hook = hook();
        var added = CommandRun.of("add", "--config-dir", config(), "--json", "six", "-d", "six.exacme.test",
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--skip-self-check", "--http-port", String.valueOf(PEBBLE.httpChallengePort()),
                "--http-bind", "127.0.0.1", "--deploy", "script", "--deploy-script", hook);
        assertEquals(0, added.exitCode(), added.toString());
        var first = state().get("thumbprint").asText();
        assertRenewalInTheMiddleOfTheLife(state());
        assertEquals(List.of(first + "|six.exacme.test||"), runs());

        // The daily run: three days before the chosen time, not due; nothing is ordered or deployed.
        var daily = CommandRun.of("renew", "--config-dir", config(), "--json");
        assertEquals(0, daily.exitCode(), daily.toString());
        var row = json(daily).get("certificates").get(0);
        assertEquals("not due", row.get("outcome").asText(), daily.toString());
        assertTrue(json(daily).get("notificationProblem").isNull(), daily.toString());
        assertEquals(1, runs().size(), "not due: the script does not run");

        var thumbprints = new ArrayList<>(List.of(first));
        for (var renewal = 2; renewal <= 4; renewal++) {
            var forced = CommandRun.of("renew", "--config-dir", config(), "--force", "six", "--json");
            assertEquals(0, forced.exitCode(), forced.toString());
            assertEquals("renewed", json(forced).get("certificates").get(0).get("outcome").asText(), forced.toString());
            var now = state().get("thumbprint").asText();
            var before = thumbprints.get(thumbprints.size() - 1);
            assertNotEquals(before, now);
            thumbprints.add(now);
            assertEquals(now + "|six.exacme.test|" + before + "|", runs().get(renewal - 1),
                    "renewal " + renewal + " deploys the new certificate with the one it replaced");
            assertRenewalInTheMiddleOfTheLife(state());

            var pem = temp.resolve("config/pem");
            assertEquals(now, thumbprintIn(pem.resolve("six")), "the current set");
            assertEquals(before, thumbprintIn(pem.resolve("six.previous")), "the set it replaced, for a rollback");
            try (Stream<Path> sets = Files.list(pem)) {
                // Beside the sets only the store's lock file (.six.lock).
                assertEquals(List.of("six", "six.previous"), sets.map(set -> set.getFileName().toString())
                        .filter(set -> !set.startsWith(".")).sorted().toList(), "the older superseded sets are gone");
            }
        }
        assertEquals(4, runs().size());
    }
}
