package dev.exacme.lifecycle.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exacme.lifecycle.secrets.windows.Dpapi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The DPAPI flags exacme passes, checked against the Windows SDK header of mingw-w64 ({@code dpapi.h}). */
class DpapiFlagsTest {

    private static final Path HEADER = Path.of("/usr/share/mingw-w64/include/dpapi.h");

    private static int define(String header, String name) {
        var matcher = Pattern.compile("#define\\s+" + name + "\\s+(0x[0-9a-fA-F]+|\\d+)\\b").matcher(header);
        if (!matcher.find()) {
            throw new AssertionError(name + " is not defined in " + HEADER);
        }
        return Integer.decode(matcher.group(1));
    }

    @Test
    void flagsMatchTheSdk() throws IOException {
        if (!Files.isReadable(HEADER)) {
            throw new TestAbortedException(HEADER + " is missing: install Debian's mingw-w64-common");
        }
        var header = Files.readString(HEADER);
        var machine = define(header, "CRYPTPROTECT_LOCAL_MACHINE");
        var noUi = define(header, "CRYPTPROTECT_UI_FORBIDDEN");
        assertEquals(0x4, machine);
        assertEquals(0x1, noUi);
        assertEquals(machine | noUi, Dpapi.PROTECT_FLAGS);
        assertEquals(noUi, Dpapi.UNPROTECT_FLAGS);
    }
}
