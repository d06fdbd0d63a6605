package dev.exacme.lifecycle.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigDirectoryTest {

    @Test
    void optionWinsEverywhere() {
        assertEquals(Path.of("/srv/exacme").toAbsolutePath(), ConfigDirectory.resolve(Optional.of(Path.of("/srv/exacme")),
                Map.of("XDG_CONFIG_HOME", "/x"), "Linux", "root", "/root"));
    }

    @Test
    void windowsUsesProgramData() {
        assertEquals(Path.of("D:\\ProgramData", "exacme"), ConfigDirectory.resolve(Optional.empty(),
                Map.of("ProgramData", "D:\\ProgramData"), "Windows Server 2019", "SYSTEM", "C:\\Windows"));
    }

    @Test
    void rootUsesEtcOthersXdg() {
        assertEquals(Path.of("/etc/exacme"), ConfigDirectory.resolve(Optional.empty(), Map.of(), "Linux", "root", "/root"));
        assertEquals(Path.of("/home/ann/.cfg/exacme"), ConfigDirectory.resolve(Optional.empty(),
                Map.of("XDG_CONFIG_HOME", "/home/ann/.cfg"), "Linux", "ann", "/home/ann"));
        assertEquals(Path.of("/home/ann/.config/exacme"),
                ConfigDirectory.resolve(Optional.empty(), Map.of(), "Linux", "ann", "/home/ann"));
    }
}
