package dev.exacme.lifecycle.network.windows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Reads this Windows machine's real WinHTTP setting; runs only on Windows (tag {@code windows}). */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
class RegistryWinHttpReaderTest {

    @Test
    void readsTheMachineSettingWhenThereIsOne() {
        // A machine where netsh winhttp was never used has no value: then there is nothing to check.
        new RegistryWinHttpReader().read().ifPresent(settings ->
                assertTrue((settings.flags() & 1) == 1, "Windows always sets flag 1; read " + settings));
    }
}
