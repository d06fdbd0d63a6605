package dev.exacme.cli.managed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renewal run with nothing due says on stderr what it waits for: the CA's renewal information
 * and a slow webhook (a third-party HTTP API, hence WireMock) get a line before the wait, and
 * {@code -q} silences both.
 */
class RenewSaysWhatItWaitsForPebbleTest {

    @RegisterExtension
    @Order(2)
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    // Bound before Pebble reserves its ports: it cannot then take the HTTP-01 port Pebble leaves free for the test.
    @RegisterExtension
    @Order(1)
    static final WireMockExtension HOOK = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    @Test
    void nothingDueStillSaysWhatItWaitsFor() {
        var config = temp.resolve("config").toString();
        HOOK.stubFor(post(urlEqualTo("/hooks/slow")).willReturn(aResponse().withStatus(204).withFixedDelay(1200)));
        var added = CommandRun.of("add", "--config-dir", config, "quiet", "-d", "waits.exacme.test",
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--skip-self-check", "--http-port", String.valueOf(PEBBLE.httpChallengePort()),
                "--http-bind", "127.0.0.1", "--out", temp.resolve("pem").toString());
        assertEquals(0, added.exitCode(), added.toString());
        var hook = CommandRun.of("notify", "set-webhook", "--url", HOOK.baseUrl() + "/hooks/slow", "--config-dir",
                config);
        assertEquals(0, hook.exitCode(), hook.toString());

        var renew = CommandRun.of("renew", "--config-dir", config, "--no-proxy", "127.0.0.1");

        assertEquals(0, renew.exitCode(), renew.toString());
        assertTrue(renew.out().contains("not due"), renew.toString());
        var err = renew.err();
        var asking = err.indexOf("asking the CA for renewal information of 1 certificate ...");
        var sending = err.indexOf("sending the run's report (webhook http://localhost:" + HOOK.getPort() + "/");
        assertTrue(asking >= 0, err);
        assertTrue(sending > asking, "the report line comes after the look-up line: " + err);
        // The line comes before the wait, the outcome after it.
        assertTrue(err.indexOf(": sent", sending) > sending, err);

        var quiet = CommandRun.of("renew", "--config-dir", config, "--no-proxy", "127.0.0.1", "-q");
        assertEquals(0, quiet.exitCode(), quiet.toString());
        assertTrue(!quiet.err().contains("asking the CA") && !quiet.err().contains("sending the run's report"),
                quiet.toString());
    }
}
