package dev.exacme.cli.notify;

import dev.exacme.lifecycle.notify.*;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exacme.lifecycle.secrets.SecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exacme notify ...} run in-process. Until the command is registered in ExacmeCommand
 * it runs on its own, with Main's mapping of bad input to exit code 2.
 */
class NotifyCommandTest {

    @RegisterExtension
    static final WireMockExtension HOOK = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path config;

    record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config-dir", config.toString()));
        var run = dev.exacme.cli.CommandRun.of("notify", NotifyCommand.class, all.toArray(String[]::new));
        return new Run(run.exitCode(), run.out(), run.err());
    }

    @Test
    void setSmtpShowTestClear() throws Exception {
        SecretStore.open(config).set("smtp", "Sup3r-Secret-pw");
        var set = run("set-smtp", "--smtp-host", "mail.corp.example", "--smtp-user", "exacme",
                "--smtp-password-secret", "smtp", "--from", "exacme@corp.example", "--to", "a@corp.example",
                "--to", "b@corp.example", "--on-success");
        assertEquals(0, set.exitCode(), set.toString());
        assertTrue(set.out().contains("Saved to " + config.resolve("notify.json")), set.out());

        var show = run("show");
        assertEquals(0, show.exitCode(), show.toString());
        assertTrue(show.out().contains("Mail       mail.corp.example:587 starttls\n"), show.out());
        assertTrue(show.out().contains("  login    exacme, password in secret:smtp\n"), show.out());
        assertTrue(show.out().contains("  to       a@corp.example, b@corp.example\n"), show.out());
        assertTrue(show.out().contains("  when     on failure and on success\n"), show.out());
        assertFalse(show.out().contains("Sup3r"), show.out());
        var json = run("show", "--json");
        assertTrue(json.out().contains("\"passwordSecret\" : \"secret:smtp\""), json.out());
        assertFalse(json.out().contains("Sup3r"), json.out());
        assertFalse(Files.readString(config.resolve("notify.json")).contains("Sup3r"));

        var clear = run("clear");
        assertEquals(0, clear.exitCode());
        assertFalse(Files.exists(config.resolve("notify.json")));
    }

    @Test
    void aPasswordSecretMustExist() {
        var set = run("set-smtp", "--smtp-host", "mail.corp.example", "--smtp-user", "exacme",
                "--smtp-password-secret", "smtp", "--from", "exacme@corp.example", "--to", "a@corp.example");
        assertEquals(2, set.exitCode(), set.toString());
        assertTrue(set.err().contains("exacme secret set smtp"), set.err());
    }

    @Test
    void aPasswordWithoutTlsIsRefused() throws Exception {
        SecretStore.open(config).set("smtp", "Sup3r-Secret-pw");
        var set = run("set-smtp", "--smtp-host", "mail.corp.example", "--smtp-security", "none", "--smtp-user",
                "exacme", "--smtp-password-secret", "smtp", "--from", "exacme@corp.example", "--to", "a@corp.example");
        assertEquals(2, set.exitCode(), set.toString());
        assertTrue(set.err().contains("unencrypted"), set.err());
    }

    @Test
    void testReportsEveryChannelAndFailsIfOneFailed() throws Exception {
        try (var sink = SmtpSink.start(config)) {
            assertEquals(0, run("set-smtp", "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(sink.port()),
                    "--smtp-security", "none", "--from", "exacme@corp.example", "--to", "a@corp.example").exitCode());
            assertEquals(0, run("set-webhook", "--url", HOOK.baseUrl() + "/hook/T0K3N").exitCode());
            HOOK.stubFor(post("/hook/T0K3N").willReturn(aResponse().withStatus(500)));

            var failed = run("test", "--proxy", "direct");

            assertEquals(1, failed.exitCode(), failed.toString());
            assertTrue(failed.out().contains("mail to a@corp.example: sent: delivered to a@corp.example through "
                    + "127.0.0.1:" + sink.port() + " (unencrypted)\n"), failed.out());
            assertTrue(failed.out().contains("webhook " + HOOK.baseUrl() + "/…: failed: the webhook answered HTTP 500\n"),
                    failed.out());
            assertFalse(failed.out().contains("T0K3N"), failed.out());
            assertTrue(sink.messages().get(0).contains("Subject: exacme: test notification from "), sink.messages().get(0));

            HOOK.stubFor(post("/hook/T0K3N").willReturn(aResponse().withStatus(200)));
            var sent = run("test", "--proxy", "direct", "--json");
            assertEquals(0, sent.exitCode(), sent.toString());
            assertTrue(sent.out().contains("\"outcome\" : \"sent\""), sent.out());
        }
    }

    @Test
    void testWithNothingConfiguredFails() {
        var result = run("test", "--proxy", "direct");
        assertEquals(Notifier.onWindows() ? 0 : 1, result.exitCode(), result.toString());
    }

    @Test
    void badInputIsExitCode2() {
        assertEquals(2, run("set-webhook", "--url", "ftp://example.com/x").exitCode());
        assertEquals(2, run("set-smtp", "--smtp-host", "h", "--from", "not an address", "--to", "a@b.example")
                .exitCode());
        assertEquals(2, run("set-smtp", "--smtp-host", "h", "--smtp-security", "ssl", "--from", "a@b.example",
                "--to", "a@b.example").exitCode());
        assertEquals(2, run("set-event-log", "maybe").exitCode());
    }
}
