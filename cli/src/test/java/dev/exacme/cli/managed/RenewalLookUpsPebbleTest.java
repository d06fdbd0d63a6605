package dev.exacme.cli.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exacme renew} with nothing due against a real Pebble: every certificate is looked up
 * at the CA, though all of them share one HTTP-01 port (whose renewals take turns), none is
 * ordered, the run says what it waits for, and a look-up that fails leaves the others alone.
 */
class RenewalLookUpsPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "stale");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path config() {
        return temp.resolve("config");
    }

    private JsonNode state(String name) throws Exception {
        return JSON.readTree(Files.readString(config().resolve("state/" + name + ".json")));
    }

    @Test
    void certificatesNotDueAreAllLookedUpNoneOrderedAndOneFailingLookUpStopsNoOther() throws Exception {
        var thumbprints = new HashMap<String, String>();
        for (var name : NAMES) {
            var added = CommandRun.of("add", "--config-dir", config().toString(), "--json", name, "-d",
                    name + ".lookup.exacme.test", "--server", PEBBLE.directoryUrl().toString(), "--trust",
                    PEBBLE.trustAnchorPem().toString(), "--agree-tos", "--skip-self-check",
                    "--http-port", String.valueOf(PEBBLE.httpChallengePort()), "--http-bind", "127.0.0.1",
                    "--out", temp.resolve("pem-" + name).toString());
            assertEquals(0, added.exitCode(), added.toString());
            thumbprints.put(name, JSON.readTree(added.out()).get("thumbprint").asText());
            assertFalse(state(name).has("checkAfter"), "never asked yet: " + state(name));
        }
        // "stale" names a CA where nobody listens: asking it fails, its recorded window stands.
        var file = config().resolve("certificates/stale.json");
        var definition = (ObjectNode) JSON.readTree(Files.readString(file));
        ((ObjectNode) definition.get("ca")).put("directory", "https://127.0.0.1:1/dir");
        Files.writeString(file, definition.toPrettyString());
        var histories = new HashMap<String, Integer>();
        for (var name : NAMES) {
            histories.put(name, state(name).get("history").size());
        }

        var run = CommandRun.of("renew", "--config-dir", config().toString(), "--json", "--concurrency", "2",
                "--retry-delay", "10ms");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("asking the CA for renewal information of 6 certificates (2 at a time) ..."),
                run.err());
        assertTrue(run.err().contains("[stale] renewal information not available"), run.err());
        Map<String, JsonNode> rows = new HashMap<>();
        JSON.readTree(run.out()).get("certificates").forEach(row -> rows.put(row.get("name").asText(), row));
        assertEquals(NAMES.size(), rows.size(), run.out());
        for (var name : NAMES) {
            assertEquals("not due", rows.get(name).get("outcome").asText(), rows.get(name).toString());
            assertEquals(thumbprints.get(name), rows.get(name).get("thumbprint").asText(), "nothing was ordered");
            assertEquals(histories.get(name), state(name).get("history").size(), "no attempt: " + state(name));
        }
        for (var name : NAMES.subList(0, 5)) {
            // Pebble offers no renewal information: asked, the lifetime window stands, asked again in 6 h.
            assertTrue(state(name).has("checkAfter"), name + " was looked up: " + state(name));
        }
        assertFalse(state("stale").has("checkAfter"), "a failed look-up is tried again next run: " + state("stale"));
        assertFalse(run.err().contains("renewing:"), run.err());

        var again = CommandRun.of("renew", "--config-dir", config().toString(), "--json");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.err().contains("asking the CA for renewal information of 1 certificate ..."), again.err());
    }
}
