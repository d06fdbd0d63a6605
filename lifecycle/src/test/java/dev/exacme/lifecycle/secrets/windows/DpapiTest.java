package dev.exacme.lifecycle.secrets.windows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.exacme.lifecycle.secrets.SecretStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Real DPAPI in machine scope; runs only on Windows (tag {@code windows}). */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
class DpapiTest {

    @TempDir
    Path config;

    @Test
    void protectsAndUnprotects() throws Exception {
        var plain = "s3cr3t-VALUE-7f2a\u00e9".getBytes(StandardCharsets.UTF_8);
        var dpapi = new Dpapi();
        var stored = dpapi.protect(plain);
        assertFalse(Arrays.equals(plain, stored));
        assertArrayEquals(plain, dpapi.unprotect(stored));
    }

    @Test
    void theStoreOnWindowsKeepsOnlyProtectedBytes() throws Exception {
        var store = SecretStore.open(config);
        store.set("token", "s3cr3t-VALUE-7f2a");
        assertFalse(Files.readString(store.file("token")).contains("s3cr3t"));
        assertEquals(Optional.of("s3cr3t-VALUE-7f2a"), store.get("token"));
    }
}
