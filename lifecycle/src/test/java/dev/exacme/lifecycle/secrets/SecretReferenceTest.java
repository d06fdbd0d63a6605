package dev.exacme.lifecycle.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(OS.WINDOWS)
class SecretReferenceTest {

    @TempDir
    Path config;

    private SecretStore store() {
        return new SecretStore(config.resolve("secrets"), new FilePermissionProtection());
    }

    @Test
    void aReferenceResolvesToTheStoredSecret() throws Exception {
        var store = store();
        store.set("cloudflare-token", SecretStoreTest.VALUE);
        assertTrue(SecretReference.isReference("secret:cloudflare-token"));
        assertEquals(SecretStoreTest.VALUE, SecretReference.resolve("secret:cloudflare-token", store));
    }

    @Test
    void anyOtherValueIsReturnedAsItIs() throws Exception {
        var store = store();
        for (var value : new String[] {"plain", "", "Secret:x", " secret:x", "https://secret:pw@host"}) {
            assertFalse(SecretReference.isReference(value));
            assertEquals(value, SecretReference.resolve(value, store));
        }
        assertEquals(null, SecretReference.resolve(null, store));
    }

    @Test
    void aMissingSecretSaysHowToAddIt() {
        var store = store();
        var failure = assertThrows(InvalidRequest.class, () -> SecretReference.resolve("secret:smtp-password", store));
        assertEquals("secret 'smtp-password' is not in the secret store (" + store.directory()
                + "); add it with: exacme secret set smtp-password", failure.getMessage());
    }

    @Test
    void anInvalidNameInAReferenceIsRefused() {
        var failure = assertThrows(InvalidRequest.class, () -> SecretReference.resolve("secret:Bad/Name", store()));
        assertTrue(failure.getMessage().contains("'Bad/Name'"), failure.getMessage());
    }
}
