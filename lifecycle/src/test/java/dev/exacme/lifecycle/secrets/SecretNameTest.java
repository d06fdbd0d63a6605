package dev.exacme.lifecycle.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "cloudflare-token", "smtp.password", "pfx_password-2",
        "a123456789012345678901234567890123456789012345678901234567890123"})
    void acceptsValidNames(String name) throws InvalidRequest {
        assertEquals(name, SecretName.of(name).value());
        assertTrue(SecretName.isValid(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Cloudflare", "-token", ".hidden", "_x", "a b", "a/b", "..", "a\\b", "tök",
        "a1234567890123456789012345678901234567890123456789012345678901234", "secret:x"})
    void refusesInvalidNamesNamingTheInput(String name) {
        var failure = assertThrows(InvalidRequest.class, () -> SecretName.of(name));
        assertTrue(failure.getMessage().contains("'" + name + "'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("a-z, 0-9"), failure.getMessage());
        assertFalse(SecretName.isValid(name));
    }

    @Test
    void refusesNull() {
        assertThrows(InvalidRequest.class, () -> SecretName.of(null));
        assertThrows(IllegalArgumentException.class, () -> new SecretName(null));
    }
}
