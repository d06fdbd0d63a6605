package dev.exacme.cli.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What goes into {@code exacme-VERSION-windows.zip}: the licence list names every library
 * bundled in exacme.jar (as Maven resolves them for this build, {@code target/bundled-libraries.txt},
 * written before the tests run), the README for Windows says how to install and what is not yet
 * run, the assembly takes the four parts. The zip's contents themselves are checked by the build
 * at {@code verify} (cli/pom.xml, after the zip exists).
 */
class WindowsZipTest {

    private static final Path CLI = RepositoryRoot.find().resolve("cli");
    private static final Pattern RESOLVED = Pattern.compile("^\\s+([^:\\s]+):([^:\\s]+):jar:([^:\\s]+):(compile|runtime)\\b",
            Pattern.MULTILINE);

    @Test
    void theLicenceListNamesEveryBundledLibraryAtItsVersionWithALicenceAndWhereItIs() throws IOException {
        var resolved = Files.readString(CLI.resolve("target/bundled-libraries.txt"));
        var listed = Files.readString(CLI.resolve("src/main/distribution/windows/THIRD-PARTY.txt"));
        var libraries = RESOLVED.matcher(resolved).results().map(m -> m.group(1) + ":" + m.group(2) + ":" + m.group(3))
                .toList();
        assertTrue(libraries.size() >= 10, "bundled: " + libraries);
        for (var library : libraries) {
            var line = listed.lines().filter(l -> l.startsWith(library + " ")).findFirst();
            assertTrue(line.isPresent(), library + " is bundled but not in THIRD-PARTY.txt (at this version)");
            assertTrue(line.get().matches(".*\\S+\\s+.*https://\\S+$"), "a licence and its URL: " + line.get());
        }
        var entries = listed.lines().filter(l -> l.matches("^[a-z][\\w.-]*:[\\w.-]+:\\S+\\s.*")).count();
        assertEquals(libraries.size(), entries, "THIRD-PARTY.txt lists exactly what is bundled");
    }

    @Test
    void theReadmeForWindowsSaysHowToInstallAndThatItHasNotRunOnWindows() throws IOException {
        var readme = Files.readString(CLI.resolve("src/main/distribution/windows/README-Windows.txt"));
        assertTrue(readme.contains("Temurin 17"));
        assertTrue(readme.contains("has not run yet"), "not yet run on Windows");
        assertTrue(readme.contains("exacme.cmd\" setup exchange"), "the Exchange administrator's command");
        assertTrue(readme.contains("exits\r\n") || readme.contains("exits with code 9") || readme.contains("code 9"),
                "the launcher's refusal code");
        assertTrue(readme.chars().allMatch(c -> c < 128), "ASCII, for Notepad in any code page");
    }

    @Test
    void theAssemblyTakesJarLauncherReadmeAndLicences() throws IOException {
        var assembly = Files.readString(CLI.resolve("src/assembly/windows.xml"));
        for (var part : List.of("<id>windows</id>", "<format>zip</format>", "/exacme.jar</source>",
                "src/main/launcher/exacme.cmd</source>", "README-Windows.txt</source>", "THIRD-PARTY.txt</source>",
                "/licenses</directory>")) {
            assertTrue(assembly.contains(part), part);
        }
        var launcher = assembly.substring(assembly.indexOf("exacme.cmd</source>"));
        launcher = launcher.substring(0, launcher.indexOf("</file>"));
        assertTrue(!launcher.contains("lineEnding") && !launcher.contains("filtered"), "exacme.cmd goes in byte for byte");
    }
}
