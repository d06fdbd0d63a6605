package dev.exacme.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A 32-bit JVM on Windows is refused before any command runs; nothing else is. */
class WindowsJvmTest {

    private static Map<String, String> jvm(String os, String arch, String model) {
        return Map.of("os.name", os, "os.arch", arch, "sun.arch.data.model", model,
                "java.home", "C:\\Program Files (x86)\\Java\\jre-17");
    }

    @Test
    void a32BitJvmOnWindowsIsRefusedWithTheReasonAndTheWayOut() {
        var refusal = WindowsJvm.refusal(jvm("Windows Server 2022", "x86", "32")).orElseThrow();

        assertTrue(refusal.contains("64-bit Java"), refusal);
        assertTrue(refusal.contains("os.arch x86, C:\\Program Files (x86)\\Java\\jre-17"), refusal);
        assertTrue(refusal.contains("powershell.exe"), refusal);
        assertTrue(refusal.contains("httpapi.dll"), refusal);
        assertTrue(refusal.contains("Temurin x64"), refusal);
    }

    @Test
    void anyOf32BitArchitectureNamesOrDataModelIsEnough() {
        for (var arch : new String[] {"x86", "i386", "i686", "X86"}) {
            assertTrue(WindowsJvm.refusal(jvm("Windows 10", arch, "")).isPresent(), arch);
        }
        assertTrue(WindowsJvm.refusal(jvm("Windows 11", "", "32")).isPresent());
    }

    @Test
    void sixtyFourBitWindowsAndOtherSystemsRunOn() {
        assertEquals(Optional.empty(), WindowsJvm.refusal(jvm("Windows Server 2019", "amd64", "64")));
        assertEquals(Optional.empty(), WindowsJvm.refusal(jvm("Windows 11", "aarch64", "64")));
        assertEquals(Optional.empty(), WindowsJvm.refusal(jvm("Linux", "i386", "32")));
        assertEquals(Optional.empty(), WindowsJvm.refusal(Map.of()));
        // the JVM running this test
        assertEquals(Optional.empty(), WindowsJvm.refusal());
    }

    @Test
    void mainRefusesBeforeParsingTheCommandLineWithTextAndJson() throws Exception {
        var out = new StringWriter();
        var err = new StringWriter();

        var code = Main.run(new String[] {"store", "list", "--json"}, new PrintWriter(out, true),
                new PrintWriter(err, true), Optional.of("exacme needs a 64-bit Java on Windows"));

        assertEquals(ExitCode.FAILURE.code(), code);
        assertEquals("exacme: exacme needs a 64-bit Java on Windows", err.toString().strip());
        var document = new ObjectMapper().readTree(out.toString());
        assertEquals("unsupported-jvm", document.get("kind").asText());
        assertEquals(1, document.get("exitCode").asInt());

        var text = new StringWriter();
        assertEquals(ExitCode.FAILURE.code(), Main.run(new String[] {"--version"}, new PrintWriter(text, true),
                new PrintWriter(new StringWriter(), true), Optional.of("no")));
        assertEquals("", text.toString());
    }
}
