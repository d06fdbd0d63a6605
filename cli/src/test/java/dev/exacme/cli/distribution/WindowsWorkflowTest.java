package dev.exacme.cli.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .github/workflows/windows.yml}, validated here with {@code @action-validator/cli}
 * against the workflow schema, and read for what it must do. It cannot run on these machines;
 * that it passes the schema says nothing about Windows (not yet run on Windows).
 */
class WindowsWorkflowTest {

    private static final Path WORKFLOW = RepositoryRoot.find().resolve(".github/workflows/windows.yml");

    @TempDir
    Path temp;

    @Test
    void theWorkflowIsValid() throws Exception {
        var result = ActionValidator.validate(WORKFLOW);
        assertEquals(0, result.exit(), result.output());
    }

    @Test
    void aBrokenCopyIsRejectedSoTheCheckCannotPassVacuously() throws Exception {
        var text = Files.readString(WORKFLOW);
        // A misspelt key, and a step that both runs and uses an action: each alone is invalid.
        for (var broken : List.of(text.replaceFirst("runs-on:", "runs-onn:"),
                text.replaceFirst("(?m)^(\\s+)- uses: actions/checkout@v4$", "$1- uses: actions/checkout@v4\n$1  run: echo both"),
                text.replaceFirst("(?m)^jobs:$", "jobz:"))) {
            assertNotEquals(text, broken, "the mutation must change the file");
            var copy = Files.writeString(temp.resolve("broken-" + Integer.toHexString(broken.hashCode()) + ".yml"), broken);
            var result = ActionValidator.validate(copy);
            assertNotEquals(0, result.exit(), "action-validator must reject:\n" + broken);
        }
    }

    @Test
    void itRunsTheWindowsTaggedTestsOnWindowsServerWithTemurin17AndIis() throws IOException {
        var text = Files.readString(WORKFLOW);
        assertEquals(2, count(text, "runs-on: windows-2022"), "both jobs on windows-2022");
        assertTrue(text.contains("distribution: temurin") && text.contains("java-version: \"17\""), "Temurin 17");
        assertTrue(text.contains("uses: actions/setup-java@"), "through actions/setup-java");
        assertTrue(text.contains("mvn -B -ntp verify -P windows -Dgroups=windows"), "the windows profile and tag");
        assertTrue(text.contains("Install-WindowsFeature -Name Web-Server"), "IIS beside the http.sys listener");
        assertTrue(text.contains("S-1-16-12288"), "refuses to run unelevated");
        assertTrue(text.contains("jpackage --type app-image"), "the self-contained app image");
        assertTrue(text.contains("exacme-*-windows.zip"), "the zip Maven builds");
        assertTrue(text.contains("not run yet") || text.contains("has not run yet"), "says it has not run");
    }

    @Test
    void everyWindowsTaggedTestIsInAModuleTheWorkflowBuilds() throws IOException {
        // mvn verify at the root builds every module of the reactor; a windows test outside one would never run.
        var root = RepositoryRoot.find();
        var pom = Files.readString(root.resolve("pom.xml"));
        var modules = Pattern.compile("<module>([^<]+)</module>").matcher(pom).results().map(m -> m.group(1)).toList();
        try (Stream<Path> files = Files.walk(root)) {
            var tagged = files.filter(file -> file.toString().endsWith("Test.java"))
                    .filter(file -> !file.startsWith(root.resolve(".tools")))
                    .filter(file -> read(file).contains("@Tag(\"windows\")")).toList();
            assertTrue(tagged.size() >= 8, "the windows tests: " + tagged);
            for (var file : tagged) {
                var module = root.relativize(file).getName(0).toString();
                assertTrue(modules.contains(module), file + " is outside the reactor's modules " + modules);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }
}
