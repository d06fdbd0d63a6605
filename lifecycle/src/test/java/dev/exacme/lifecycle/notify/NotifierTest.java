package dev.exacme.lifecycle.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exacme.lifecycle.notify.ChannelResult.Status;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every channel is tried; a failing one is reported, not thrown. */
class NotifierTest {

    @RegisterExtension
    static final WireMockExtension HOOK = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path config;

    private static final Notification FAILED_RUN = new Notification("exchange01", Instant.now(),
            List.of(CertificateOutcome.failed("mail", "DNS problem")), false);
    private static final Notification GOOD_RUN = new Notification("exchange01", Instant.now(),
            List.of(CertificateOutcome.renewed("mail", "AB", "2025-05-30T00:00:00Z")), false);

    private NotificationSettings settings(int smtpPort, boolean onSuccess) {
        return new NotificationSettings(new NotificationSettings.Smtp("127.0.0.1", smtpPort,
                NotificationSettings.Security.NONE, null, null, "exacme@corp.example", List.of("admins@corp.example"),
                null), onSuccess, new NotificationSettings.Webhook(HOOK.baseUrl() + "/hook"), true);
    }

    @Test
    void aRefusedRecipientIsReportedAndTheWebhookStillPosted() throws Exception {
        HOOK.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        try (var sink = SmtpSink.start(config, "-f", "RCPT")) {
            var notifier = Notifier.forSettings(config, settings(sink.port(), false), HttpClient::newHttpClient);

            var report = notifier.notify(FAILED_RUN);

            assertTrue(report.anyFailed());
            assertEquals(2, report.results().size(), report.describe());
            var mail = report.results().get(0);
            assertEquals("mail to admins@corp.example", mail.channel());
            assertEquals(Status.FAILED, mail.status());
            assertTrue(mail.detail().contains("refused every recipient: admins@corp.example (500"), mail.detail());
            var webhook = report.results().get(1);
            assertEquals(Status.SENT, webhook.status(), report.describe());
            HOOK.verify(1, postRequestedFor(urlEqualTo("/hook")));
            assertTrue(report.describe().startsWith("mail to admins@corp.example: failed: SMTP server 127.0.0.1:"),
                    report.describe());
        }
    }

    @Test
    void aFailingWebhookDoesNotStopTheMail() throws Exception {
        HOOK.stubFor(post("/hook").willReturn(aResponse().withStatus(503)));
        try (var sink = SmtpSink.start(config)) {
            var report = Notifier.forSettings(config, settings(sink.port(), false), HttpClient::newHttpClient)
                    .notify(FAILED_RUN);

            assertEquals(Status.SENT, report.results().get(0).status(), report.describe());
            assertEquals(Status.FAILED, report.results().get(1).status());
            assertEquals("the webhook answered HTTP 503", report.results().get(1).detail());
            assertEquals(1, sink.messages().size());
        }
    }

    @Test
    void successIsMailedOnlyWhenAsked() throws Exception {
        HOOK.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        try (var sink = SmtpSink.start(config)) {
            var quiet = Notifier.forSettings(config, settings(sink.port(), false), HttpClient::newHttpClient)
                    .notify(GOOD_RUN);
            assertEquals(Status.SKIPPED, quiet.results().get(0).status());
            assertEquals(Status.SENT, quiet.results().get(1).status());
            assertFalse(quiet.anyFailed());
            assertTrue(sink.messages().isEmpty());

            var told = Notifier.forSettings(config, settings(sink.port(), true), HttpClient::newHttpClient)
                    .notify(GOOD_RUN);
            assertEquals(Status.SENT, told.results().get(0).status(), told.describe());
            assertEquals(1, sink.messages().size());
            assertTrue(sink.messages().get(0).contains("Subject: exacme: 1 certificate renewed on exchange01\n"));
        }
    }

    @Test
    void aMissingPasswordSecretIsAFailureOfTheMailOnly() {
        HOOK.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        var settings = new NotificationSettings(new NotificationSettings.Smtp("127.0.0.1", 1,
                NotificationSettings.Security.STARTTLS, "alice", "secret:smtp", "exacme@corp.example",
                List.of("admins@corp.example"), null), false, new NotificationSettings.Webhook(HOOK.baseUrl() + "/hook"),
                false);

        var report = Notifier.forSettings(config, settings, HttpClient::newHttpClient).notify(FAILED_RUN);

        assertEquals(Status.FAILED, report.results().get(0).status());
        assertTrue(report.results().get(0).detail().contains("exacme secret set smtp"),
                report.results().get(0).detail());
        assertEquals(Status.SENT, report.results().get(1).status());
    }

    @Test
    void noEventLogChannelOutsideWindows() {
        var notifier = Notifier.forSettings(config, NotificationSettings.defaults(), HttpClient::newHttpClient);
        assertEquals(Notifier.onWindows() ? 1 : 0, notifier.channels().size());
        assertEquals("No notification channel is configured (exacme notify set-smtp / set-webhook).\n",
                new NotificationReport(List.of()).describe());
    }

    @Test
    void theHttpClientIsAskedForOnlyWhenTheWebhookSendsAndItsFailureIsTheWebhooks() {
        var settings = new NotificationSettings(new NotificationSettings.Smtp("127.0.0.1", 1,
                NotificationSettings.Security.STARTTLS, "alice", "secret:smtp", "exacme@corp.example",
                List.of("admins@corp.example"), null), false, null, false);
        var asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<HttpClient> failing = () -> {
            asked.incrementAndGet();
            throw new IllegalStateException("network.json: no proxy at line 3");
        };

        Notifier.forSettings(config, settings, failing).notify(FAILED_RUN);
        assertEquals(0, asked.get(), "no webhook: no HTTP client");

        var report = Notifier.forSettings(config, settings.withWebhook(new NotificationSettings.Webhook(
                HOOK.baseUrl() + "/hook")), failing).notify(FAILED_RUN);
        assertEquals(1, asked.get());
        var webhook = report.results().get(1);
        assertEquals(Status.FAILED, webhook.status());
        assertTrue(webhook.detail().contains("network.json: no proxy at line 3"), webhook.detail());
    }
}
