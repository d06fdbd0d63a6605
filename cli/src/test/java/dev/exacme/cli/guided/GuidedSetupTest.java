package dev.exacme.cli.guided;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.cli.output.Console;
import dev.exacme.lifecycle.notify.NotificationSettings;
import dev.exacme.lifecycle.secrets.SecretStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a confirmed guided setup saves before the certificate is added, in a real state directory. */
class GuidedSetupTest {

    @TempDir
    Path config;

    @Test
    void theSecretsAreStoredAsSecretSetStoresThemAndTheMailIsSaved() throws Exception {
        var smtp = new NotificationSettings.Smtp("smtp.contoso.com", 587, NotificationSettings.Security.STARTTLS,
                "relay", "secret:smtp-password", "exacme@contoso.com", List.of("ops@contoso.com"), null);
        var token = new NewSecret("exchange-cloudflare-token", "Cloudflare API token", "tok-1".toCharArray());
        var password = new NewSecret("smtp-password", "SMTP password", "pw-2".toCharArray());
        var setup = new GuidedSetup(List.of("mail.contoso.com"), Optional.empty(), List.of("--dns", "cloudflare"),
                List.of(token, password), Optional.of(smtp));
        var err = new StringWriter();

        setup.save(config, new Console(new PrintWriter(new StringWriter()), new PrintWriter(err, true), false, false,
                "setup exchange"));

        var store = SecretStore.open(config);
        assertEquals(Optional.of("tok-1"), store.get("exchange-cloudflare-token"));
        assertEquals(Optional.of("pw-2"), store.get("smtp-password"));
        assertEquals(smtp, NotificationSettings.load(config).orElseThrow().smtp());
        assertTrue(err.toString().contains("Stored secret 'exchange-cloudflare-token' in "), err.toString());
        assertEquals("\0\0\0\0\0", new String(token.value()), "overwritten in memory once stored");
    }

    @Test
    void argumentsWithSpacesAreQuotedAsOne() {
        assertEquals("exacme add exchange --dns script --dns-script \"C:\\Program Files\\dns\\update.cmd\" --email"
                + " admin@contoso.com", CommandText.of(List.of("add", "exchange", "--dns", "script", "--dns-script",
                "C:\\Program Files\\dns\\update.cmd", "--email", "admin@contoso.com")));
    }
}
