package dev.exacme.cli.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code exacme.cmd}, checked here without cmd.exe and without PowerShell: its text against the
 * rules of {@link BatchFileRules} (with a broken copy for each rule, so that none passes
 * vacuously), and how it finds Java. The workflow runs it on Windows; that has not happened
 * yet.
 */
class LauncherCmdTest {

    private static final Path LAUNCHER = RepositoryRoot.find().resolve("cli/src/main/launcher/exacme.cmd");

    private static String text() throws IOException {
        return Files.readString(LAUNCHER, StandardCharsets.US_ASCII);
    }

    @Test
    void keepsEveryRule() throws IOException {
        assertEquals(List.of(), BatchFileRules.problems(Files.readAllBytes(LAUNCHER)));
    }

    @Test
    void eachRuleRejectsACopyThatBreaksIt() throws IOException {
        var text = text();
        List<UnaryOperator<String>> breakages = List.of(
                t -> t.replace("\r\n", "\n"),
                t -> t.replace("rem exacme launcher", "rem exacme launcher \u00e9"),
                t -> t.replace("setlocal EnableExtensions DisableDelayedExpansion", "setlocal EnableExtensions"),
                t -> t.replace("-jar \"%EXACME_HOME%exacme.jar\" %*", "-jar \"%EXACME_HOME%exacme.jar\" %1 %2 %3"),
                t -> t.replace("\"%JAVA_EXE%\" -XX:+UseSerialGC", "call \"%JAVA_EXE%\" -XX:+UseSerialGC"),
                t -> t.replace("call :home", "call :home %*"),
                t -> t.replace("set \"JAVA_SPEC=\"", "set \"JAVA_SPEC=!JAVA_SPEC!\""),
                t -> t.replace("set \"EXACME_CMDLINE=!CMDCMDLINE!\"", "set \"EXACME_CMDLINE=%CMDCMDLINE%\""),
                t -> t.replace("  if \"%%A\"==\"sun.arch.data.model\"", "  if \"%JAVA_EXE%\"==\"x\" echo\r\n"
                        + "  if \"%%A\"==\"sun.arch.data.model\""),
                t -> t.replace("goto :too_old", "goto :too_old_java"),
                t -> t.replace("@echo off", "@echo on"));
        for (var breakage : breakages) {
            var broken = breakage.apply(text);
            assertFalse(broken.equals(text), "the breakage must change the file:\n" + broken);
            var problems = BatchFileRules.problems(broken.getBytes(StandardCharsets.UTF_8));
            assertFalse(problems.isEmpty(), "a broken copy passed:\n" + broken);
        }
    }

    @Test
    void findsJavaInTheDocumentedOrderAndChecksVersionAndWidth() throws IOException {
        var text = text();
        var exacmeJava = text.indexOf("set \"JAVA_EXE=%EXACME_JAVA%\"");
        var javaHome = text.indexOf("set \"JAVA_EXE=%JAVA_HOME%\\bin\\java.exe\"");
        var path = text.indexOf("set \"JAVA_EXE=%%~$PATH:J\"");
        assertTrue(exacmeJava > 0 && exacmeJava < javaHome && javaHome < path, "EXACME_JAVA, JAVA_HOME, PATH");
        assertTrue(text.contains("if not exist \"%JAVA_HOME%\\bin\\java.exe\" goto :java_path"),
                "a JAVA_HOME without java.exe falls through to PATH");
        // The version as the JVM states it, not as -version's free text words it.
        assertTrue(text.contains("-XshowSettings:properties -version"));
        assertTrue(text.contains("\"%%A\"==\"java.specification.version\""));
        assertTrue(text.contains("if %JAVA_MAJOR_NUMBER% LSS 17 goto :too_old"));
        assertTrue(text.contains("if not \"%JAVA_BITS%\"==\"64\" goto :not_64"));
        // Java 8 says 1.8: its first part, 1, is below 17.
        assertTrue(text.contains("for /f \"tokens=1 delims=.\" %%V in (\"%JAVA_SPEC%\") do set \"JAVA_MAJOR=%%V\""));
        var refusal = text.substring(text.indexOf(":get_java"));
        assertTrue(refusal.contains("Temurin 17") && refusal.contains("https://adoptium.net/temurin/releases/?version=17"),
                refusal);
        assertTrue(refusal.strip().endsWith("exit /b 9"), "a refusal exits non-zero: " + refusal);
        for (var label : List.of(":no_java", ":not_java", ":too_old", ":not_64")) {
            var from = text.indexOf("\r\n" + label + "\r\n");
            assertTrue(from > 0, label);
            var block = text.substring(from, text.indexOf("exit /b 9", from));
            assertTrue(block.contains(">&2 echo"), label + " says why on stderr");
        }
    }

    @Test
    void startsTheJarBesideItWithTheSameJvmOptionsAsTheShLauncher() throws IOException {
        var cmd = text();
        var sh = Files.readString(LAUNCHER.resolveSibling("exacme"));
        for (var option : List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xms16m", "-Xmx256m",
                "-XX:-UsePerfData", "-Djdk.http.auth.tunneling.disabledSchemes=")) {
            assertTrue(sh.contains(option) && cmd.contains(option), option);
        }
        assertTrue(cmd.contains("-jar \"%EXACME_HOME%exacme.jar\" %*"));
        assertTrue(cmd.contains(":home\r\n"), "the home folder from a called label");
        assertTrue(cmd.contains("set \"EXACME_HOME=%~dp0\"") && cmd.contains("set \"EXACME_LAUNCHER=%~f0\""));
        assertTrue(cmd.contains("exit /b %ERRORLEVEL%"), "exacme's exit code is the launcher's");
    }
}
