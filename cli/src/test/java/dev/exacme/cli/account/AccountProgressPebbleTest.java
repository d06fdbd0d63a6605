package dev.exacme.cli.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code exacme account} says on stderr what it asks the CA (a real Pebble) before it waits; {@code -q} silences it. */
class AccountProgressPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path config;

    private CommandRun account(String... args) {
        var all = new ArrayList<>(List.of("account"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--config-dir", config.toString()));
        return CommandRun.of(all.toArray(String[]::new));
    }

    @Test
    void everyCaCallIsAnnouncedOnStderr() throws Exception {
        var directory = PEBBLE.directoryUrl().toString();
        var none = account("show");
        assertEquals(2, none.exitCode(), none.toString());
        assertFalse(none.err().contains("Asking"), "nothing is asked when no account is stored: " + none);

        var registered = account("register", "--agree-tos", "-m", "ops@exacme.test", "--json");
        assertEquals(0, registered.exitCode(), registered.toString());
        assertTrue(registered.err().contains("Asking " + directory + " for its terms of service"), registered.toString());
        var url = new ObjectMapper().readTree(registered.out()).get("url").asText();

        var again = account("register", "--agree-tos");
        assertEquals(0, again.exitCode(), again.toString());
        assertFalse(again.err().contains("terms of service"), "a stored account needs no question: " + again);

        var shown = account("show");
        assertEquals(0, shown.exitCode(), shown.toString());
        assertTrue(shown.err().startsWith("Asking " + directory + " for account " + url + " ...\n"), shown.toString());
        assertTrue(shown.out().contains("status      valid"), shown.toString());
        assertFalse(shown.out().contains("Asking"), "progress stays off stdout: " + shown);

        var quiet = account("show", "-q");
        assertEquals(0, quiet.exitCode(), quiet.toString());
        assertEquals("", quiet.err(), quiet.toString());

        var deactivated = account("deactivate", "--yes");
        assertEquals(0, deactivated.exitCode(), deactivated.toString());
        assertTrue(deactivated.err().contains("Asking " + directory + " to deactivate account " + url + " ..."),
                deactivated.toString());
    }
}
