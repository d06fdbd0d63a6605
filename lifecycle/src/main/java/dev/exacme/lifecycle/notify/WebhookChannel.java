package dev.exacme.lifecycle.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.lifecycle.secrets.SecretReference;
import dev.exacme.lifecycle.secrets.SecretStore;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A JSON {@code POST} of every notification to a URL, through the HTTP client exacme's
 * network settings (proxy) configure. Any status outside 2xx is a failure, reported with the
 * status. The URL is shown only as scheme, host and port: chat webhook URLs carry a token.
 *
 * <p>The document:
 * <pre>{@code
 * {"event": "renewal",                    // or "test"
 *  "host": "mail.example.com", "time": "2025-01-01T03:00:00Z",
 *  "failed": true, "summary": "exacme: 1 of 2 certificates failed to renew on mail.example.com",
 *  "certificates": [{"name": "mail", "result": "failed", "thumbprint": null, "notAfter": null,
 *                    "reason": "..."}, ...],
 *  "retry": ["exacme renew mail --force"]}
 * }</pre>
 */
public final class WebhookChannel implements NotificationChannel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final Supplier<HttpClient> client;
    private final SecretStore secrets;
    private final Duration timeout;

    /**
     * A webhook.
     *
     * @param url     the URL, or {@code secret:NAME} holding it
     * @param client  the HTTP client, configured with the network settings, asked for when sending
     * @param secrets where a {@code secret:NAME} URL is resolved
     * @param timeout limit for the whole request
     */
    public WebhookChannel(String url, Supplier<HttpClient> client, SecretStore secrets, Duration timeout) {
        this.url = url;
        this.client = client;
        this.secrets = secrets;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "webhook " + NotificationSettings.Webhook.display(url);
    }

    @Override
    public boolean wants(Notification notification) {
        return true;
    }

    @Override
    public String send(Notification notification) throws Exception {
        var uri = NotificationSettings.Webhook.checkUrl(SecretReference.resolve(url, secrets));
        var request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "exacme")
                .POST(HttpRequest.BodyPublishers.ofString(document(notification).toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.get().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("POST to " + name() + " failed: " + e, e);
        }
        if (response.statusCode() / 100 != 2) {
            var body = response.body() == null ? "" : response.body().strip().replaceAll("\\s+", " ");
            throw new IOException("the webhook answered HTTP " + response.statusCode()
                    + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body)));
        }
        return "posted, HTTP " + response.statusCode();
    }

    /** The JSON document posted for a notification. */
    public static ObjectNode document(Notification notification) {
        var node = JSON.createObjectNode();
        node.put("event", notification.test() ? "test" : "renewal");
        node.put("host", notification.host());
        node.put("time", notification.time().toString());
        node.put("failed", notification.anyFailed());
        node.put("summary", MailContent.subject(notification));
        var certificates = node.putArray("certificates");
        for (var outcome : notification.outcomes()) {
            certificates.addObject()
                    .put("name", outcome.name())
                    .put("result", outcome.result())
                    .put("thumbprint", outcome.thumbprint())
                    .put("notAfter", outcome.notAfter())
                    .put("reason", outcome.reason());
        }
        var retry = node.putArray("retry");
        notification.retryCommands().forEach(retry::add);
        return node;
    }
}
