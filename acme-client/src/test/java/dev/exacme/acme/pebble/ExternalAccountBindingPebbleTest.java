package dev.exacme.acme.pebble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.account.AccountSettings;
import dev.exacme.acme.account.AccountStore;
import dev.exacme.acme.account.Accounts;
import dev.exacme.acme.account.ExternalAccountBinding;



import dev.exacme.acme.failure.CaRefused;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.progress.ProgressListener;
import dev.exacme.acme.testing.PebbleExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A CA that requires External Account Binding, as ZeroSSL and Google do: Pebble configured so. */
class ExternalAccountBindingPebbleTest {

    private static final String KID = "kid-exacme";
    private static final String HMAC = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().externalAccountBinding(KID, HMAC).build();

    @TempDir
    Path config;

    private Accounts accounts() throws InvalidRequest {
        var ca = PEBBLE.connect();
        return new Accounts(ca, new AccountStore(config.resolve("accounts")), ProgressListener.SILENT);
    }

    private static AccountSettings with(Optional<ExternalAccountBinding> binding) {
        return new AccountSettings(List.of("admin@example.com"), true, binding);
    }

    @Test
    void theRightKeyIsAccepted() throws Exception {
        var login = accounts().login(with(Optional.of(new ExternalAccountBinding(KID, HMAC))));
        assertTrue(login.created());
        assertEquals(Optional.of(KID), accounts().stored().orElseThrow().bindingKeyId());
    }

    @Test
    void aWrongKeyIsRefusedClearly() {
        var wrong = new ExternalAccountBinding(KID, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        var refusal = assertThrows(CaRefused.class, () -> accounts().login(with(Optional.of(wrong))));
        assertTrue(refusal.getMessage().contains("--eab-kid '" + KID + "'"), refusal.getMessage());
        assertFalse(refusal.getMessage().contains("AAAAAAAAAAAAAAAA"), "the HMAC key is never shown");
    }

    @Test
    void missingBindingIsRefusedBeforeRegistering() {
        var refusal = assertThrows(InvalidRequest.class, () -> accounts().login(with(Optional.empty())));
        assertTrue(refusal.getMessage().contains("External Account Binding"), refusal.getMessage());
    }
}
