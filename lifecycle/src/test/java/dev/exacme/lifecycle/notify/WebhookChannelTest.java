package dev.exacme.lifecycle.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exacme.lifecycle.secrets.SecretStore;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The webhook against WireMock standing in for a chat or monitoring system's HTTP endpoint. */
class WebhookChannelTest {

    @RegisterExtension
    static final WireMockExtension HOOK = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path config;

    private static final Notification RUN = new Notification("exchange01", Instant.parse("2025-03-01T03:00:00Z"),
            List.of(CertificateOutcome.failed("mail", "DNS problem"),
                    CertificateOutcome.renewed("owa", "AB12", "2025-05-30T00:00:00Z")), false);

    private WebhookChannel channel(String url) {
        return new WebhookChannel(url, HttpClient::newHttpClient, SecretStore.open(config), Duration.ofSeconds(10));
    }

    @Test
    void postsTheNotificationAsJson() throws Exception {
        HOOK.stubFor(post("/hooks/T0K3N").willReturn(aResponse().withStatus(204)));

        var result = channel(HOOK.baseUrl() + "/hooks/T0K3N").send(RUN);

        assertEquals("posted, HTTP 204", result);
        HOOK.verify(postRequestedFor(urlEqualTo("/hooks/T0K3N"))
                .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
                .withRequestBody(equalToJson("""
                        {"event": "renewal", "host": "exchange01", "time": "2025-03-01T03:00:00Z", "failed": true,
                         "summary": "exacme: 1 of 2 certificates failed to renew on exchange01",
                         "certificates": [
                           {"name": "mail", "result": "failed", "thumbprint": null, "notAfter": null,
                            "reason": "DNS problem"},
                           {"name": "owa", "result": "renewed", "thumbprint": "AB12",
                            "notAfter": "2025-05-30T00:00:00Z", "reason": null}],
                         "retry": ["exacme renew mail --force"]}
                        """)));
    }

    @Test
    void anErrorStatusIsAFailureWithTheStatus() {
        HOOK.stubFor(post("/hooks/T0K3N").willReturn(aResponse().withStatus(500).withBody("internal error")));

        var failure = assertThrows(IOException.class, () -> channel(HOOK.baseUrl() + "/hooks/T0K3N").send(RUN));

        assertEquals("the webhook answered HTTP 500: internal error", failure.getMessage());
    }

    @Test
    void theNameHidesThePathThatMayHoldAToken() {
        var name = channel(HOOK.baseUrl() + "/hooks/T0K3N").name();
        assertEquals("webhook " + HOOK.baseUrl() + "/…", name);
        assertFalse(name.contains("T0K3N"));
    }

    @Test
    void aUrlFromTheSecretStore() throws Exception {
        SecretStore.open(config).set("hook", HOOK.baseUrl() + "/hooks/S3CR3T");
        HOOK.stubFor(post("/hooks/S3CR3T").willReturn(aResponse().withStatus(200)));

        var webhook = channel("secret:hook");

        assertEquals("webhook secret:hook", webhook.name());
        assertTrue(webhook.send(RUN).startsWith("posted"));
    }
}
