package dev.exacme.cli.managed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A renewal run reports to the configured webhook (a third-party HTTP API, hence WireMock) what it did. */
class RenewNotificationPebbleTest {

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
    void theWebhookHearsOfEveryCertificateOfTheRun() throws Exception {
        var config = temp.resolve("config").toString();
        HOOK.stubFor(post(urlEqualTo("/hooks/exacme")).willReturn(aResponse().withStatus(204)));
        var added = CommandRun.of("add", "--config-dir", config, "mail", "-d", "hooked.exacme.test",
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--skip-self-check", "--http-port", String.valueOf(PEBBLE.httpChallengePort()),
                "--http-bind", "127.0.0.1", "--out", temp.resolve("pem").toString());
        assertEquals(0, added.exitCode(), added.toString());
        var hook = CommandRun.of("notify", "set-webhook", "--url", HOOK.baseUrl() + "/hooks/exacme", "--config-dir",
                config);
        assertEquals(0, hook.exitCode(), hook.toString());

        var renew = CommandRun.of("renew", "--force", "--config-dir", config, "--no-proxy", "127.0.0.1");

        assertEquals(0, renew.exitCode(), renew.toString());
        var requests = HOOK.findAll(postRequestedFor(urlEqualTo("/hooks/exacme")));
        assertEquals(1, requests.size(), renew.toString());
        var body = new ObjectMapper().readTree(requests.get(0).getBodyAsString());
        assertTrue(body.toString().contains("\"mail\""), body.toString());
        assertTrue(body.toString().contains("renewed"), body.toString());
        assertTrue(renew.err().toLowerCase().contains("webhook"), "the run says where it reported: " + renew.err());
    }
}
