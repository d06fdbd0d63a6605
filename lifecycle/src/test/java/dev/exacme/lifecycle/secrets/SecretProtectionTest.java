package dev.exacme.lifecycle.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

class SecretProtectionTest {

    @Test
    void thePosixProtectionRoundTripsCopies() throws Exception {
        var protection = new FilePermissionProtection();
        var plain = "token \u00e9\n".getBytes(StandardCharsets.UTF_8);
        var stored = protection.protect(plain);
        assertArrayEquals(plain, stored);
        assertNotSame(plain, stored);
        var back = protection.unprotect(stored);
        assertArrayEquals(plain, back);
        assertNotSame(stored, back);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void offWindowsTheFilePermissionsProtect() {
        assertInstanceOf(FilePermissionProtection.class, SecretProtection.forThisPlatform());
    }
}
