package dev.exacme.cli.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** {@code exacme account show|register|deactivate} against a real Pebble. */
class AccountCommandPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path config;

    private CommandRun account(String... args) {
        var all = new ArrayList<>(List.of("account"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--config-dir", config.toString(), "--json"));
        return CommandRun.of(all.toArray(String[]::new));
    }

    @Test
    void registerShowDeactivate() throws Exception {
        var json = new ObjectMapper();
        var none = account("show");
        assertEquals(2, none.exitCode(), none.toString());
        assertTrue(none.err().contains("exacme account register"), none.toString());

        var registered = account("register", "--agree-tos", "-m", "ops@exacme.test");
        assertEquals(0, registered.exitCode(), registered.toString());
        var url = json.readTree(registered.out()).get("url").asText();
        assertEquals("registered", json.readTree(registered.out()).get("outcome").asText());

        var again = account("register", "--agree-tos");
        assertEquals("exists", json.readTree(again.out()).get("outcome").asText());
        assertEquals(url, json.readTree(again.out()).get("url").asText());

        var shown = account("show");
        assertEquals(0, shown.exitCode(), shown.toString());
        assertEquals("valid", json.readTree(shown.out()).get("accountStatus").asText());
        assertEquals("mailto:ops@exacme.test", json.readTree(shown.out()).get("contacts").get(0).asText());

        var unconfirmed = account("deactivate");
        assertEquals(2, unconfirmed.exitCode(), unconfirmed.toString());
        assertTrue(unconfirmed.err().contains("--yes"), unconfirmed.toString());

        var deactivated = account("deactivate", "--yes");
        assertEquals(0, deactivated.exitCode(), deactivated.toString());
        assertEquals(url, json.readTree(deactivated.out()).get("url").asText());
        assertEquals(2, account("show").exitCode(), "the deactivated account is no longer used");
    }
}
