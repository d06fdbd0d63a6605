package dev.exacme.lifecycle.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** notify.json: saved owner-only, read back, never a password in it. */
class NotificationSettingsTest {

    @TempDir
    Path config;

    private static NotificationSettings.Smtp smtp(String passwordSecret) {
        return new NotificationSettings.Smtp("mail.corp.example", 0, NotificationSettings.Security.STARTTLS, "exacme",
                passwordSecret, "exacme@corp.example", List.of("a@corp.example", "b@corp.example"), null);
    }

    @Test
    void savesOwnerOnlyAndReadsBack() throws Exception {
        var settings = NotificationSettings.defaults().withSmtp(smtp("secret:smtp"), true)
                .withWebhook(new NotificationSettings.Webhook("https://hooks.corp.example/exacme?token=t0k3n"));
        settings.save(config);

        var file = NotificationSettings.file(config);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(settings, NotificationSettings.load(config).orElseThrow());
        assertEquals(587, NotificationSettings.load(config).orElseThrow().smtp().port());
        assertTrue(Files.readString(file).contains("\"passwordSecret\" : \"secret:smtp\""));
    }

    @Test
    void defaultsWithoutAFile() throws Exception {
        assertTrue(NotificationSettings.load(config).isEmpty());
        var defaults = NotificationSettings.loadOrDefaults(config);
        assertTrue(defaults.eventLog());
        assertEquals(null, defaults.smtp());
    }

    @Test
    void implicitTlsDefaultsToPort465() {
        assertEquals(465, new NotificationSettings.Smtp("h", 0, NotificationSettings.Security.TLS, null, null,
                "a@b.example", List.of("c@d.example"), null).port());
    }

    @Test
    void refusesAPasswordInThePlace() {
        var failure = assertThrows(InvalidRequest.class, () -> smtp("hunter2").validate());
        assertTrue(failure.getMessage().contains("secret reference"), failure.getMessage());
        assertFalse(failure.getMessage().contains("hunter2"), failure.getMessage());
    }

    @Test
    void refusesAddressesThatCouldInjectHeaders() {
        var smtp = new NotificationSettings.Smtp("h", 0, null, null, null, "a@b.example",
                List.of("c@d.example>\r\nRCPT TO:<e@f.example"), null);
        assertThrows(InvalidRequest.class, smtp::validate);
    }

    @Test
    void aCorruptFileIsReportedWithItsPathAndLeftAlone() throws Exception {
        Files.writeString(NotificationSettings.file(config), "{\"smtp\": {\"host\": \"h\", \"security\": \"ssl3\"}}");
        var failure = assertThrows(IOException.class, () -> NotificationSettings.load(config));
        assertTrue(failure.getMessage().contains(NotificationSettings.file(config).toString()), failure.getMessage());
        assertTrue(failure.getMessage().contains("exacme notify clear"), failure.getMessage());
        assertTrue(Files.exists(NotificationSettings.file(config)));
    }

    @Test
    void webhookUrlIsShownWithoutPathOrQuery() {
        assertEquals("https://hooks.corp.example/…",
                NotificationSettings.Webhook.display("https://hooks.corp.example/services/T000/B000/XXXX"));
        assertEquals("http://127.0.0.1:8080/", NotificationSettings.Webhook.display("http://127.0.0.1:8080/"));
        assertEquals("secret:hook", NotificationSettings.Webhook.display("secret:hook"));
    }
}
