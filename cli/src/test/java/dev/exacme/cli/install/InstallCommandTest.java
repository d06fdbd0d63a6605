package dev.exacme.cli.install;

import dev.exacme.cli.CommandRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exacme install} copying a build's jar and launchers into a temporary /opt. */
class InstallCommandTest {

    @TempDir
    Path temp;

    private Path build;
    private Path jar;
    private Path opt;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void aBuild() throws IOException {
        // As cli/target looks after `mvn package`: the shaded jar, the launchers, and what else a build leaves there.
        build = Files.createDirectories(temp.resolve("exacme/cli/target"));
        jar = Files.write(build.resolve("exacme.jar"), new byte[] {'P', 'K', 3, 4, 42});
        var shell = Files.writeString(build.resolve("exacme"), "#!/bin/sh\necho exacme\n");
        Files.setPosixFilePermissions(shell, PosixFilePermissions.fromString("rwxrwxr-x"));
        Files.writeString(build.resolve("exacme.cmd"), "@echo off\r\n");
        Files.createDirectories(build.resolve("classes"));
        opt = temp.resolve("opt");
    }

    private Run run(Optional<Path> runningJar, String... args) {
        var run = CommandRun.of("install", new InstallCommand(runningJar, false, opt.resolve("exacme")), args);
        return new Run(run.exitCode(), run.out(), run.err());
    }

    private Run run(String... args) {
        return run(Optional.of(jar), args);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private List<String> namesIn(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void copiesTheJarAndTheLaunchersWritableByTheirOwnerOnly() throws IOException {
        var run = run();
        assertEquals(0, run.exitCode(), run.toString());
        var installed = opt.resolve("exacme");
        assertEquals(List.of("exacme", "exacme.cmd", "exacme.jar"), namesIn(installed), "nothing else from target/");
        assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(installed.resolve("exacme.jar")));
        assertEquals(Files.readString(build.resolve("exacme")), Files.readString(installed.resolve("exacme")));
        assertEquals("rwxr-xr-x", mode(installed));
        assertEquals("rwxr-xr-x", mode(installed.resolve("exacme")), "the group write bit of the build is gone");
        assertEquals("rw-r--r--", mode(installed.resolve("exacme.jar")));
        assertEquals("rw-r--r--", mode(installed.resolve("exacme.cmd")));
        assertEquals(List.of("exacme"), namesIn(opt), "no temporary directory left beside it");
        assertTrue(run.out().contains("Installed exacme in " + installed + ": exacme.jar, exacme, exacme.cmd, writable"
                + " by its owner (" + Files.getOwner(installed).getName() + ") only."), run.out());
        assertTrue(run.out().contains("Schedule the renewal with: " + installed.resolve("exacme")
                + " schedule install"), run.out());
    }

    @Test
    void anEarlierCopyIsReplacedWholeAndTheJsonSaysWhere() throws IOException {
        assertEquals(0, run().exitCode());
        var installed = opt.resolve("exacme");
        // The launcher's class data archive from the old jar must not outlive it.
        Files.writeString(installed.resolve("exacme.jsa"), "old archive");
        Files.write(jar, new byte[] {'P', 'K', 3, 4, 43});
        var again = run("--json");
        assertEquals(0, again.exitCode(), again.toString());
        var document = new ObjectMapper().readTree(again.out());
        assertEquals("replaced", document.get("outcome").asText());
        assertEquals(installed.toString(), document.get("directory").asText());
        assertEquals(installed.resolve("exacme").toString(), document.get("launcher").asText());
        assertEquals(List.of("exacme", "exacme.cmd", "exacme.jar"), namesIn(installed));
        assertArrayEquals(new byte[] {'P', 'K', 3, 4, 43}, Files.readAllBytes(installed.resolve("exacme.jar")));
        assertEquals(List.of("exacme"), namesIn(opt), "the old copy is deleted, not left aside");
    }

    @Test
    void aCopyThatFailsHalfWayLeavesTheEarlierInstallAsItWas() throws IOException, InvalidRequest {
        assertEquals(0, run().exitCode());
        var installed = opt.resolve("exacme");
        var before = Files.readAllBytes(installed.resolve("exacme.jar"));
        Files.write(jar, new byte[] {'n', 'e', 'w'});
        // The jar is copied, then a launcher cannot be read: the earlier install must not have been touched.
        assertThrows(NoSuchFileException.class, () -> Installation.install(List.of(jar,
                build.resolve("vanished-launcher")), installed));
        assertArrayEquals(before, Files.readAllBytes(installed.resolve("exacme.jar")));
        assertEquals(List.of("exacme", "exacme.cmd", "exacme.jar"), namesIn(installed));
        assertEquals(List.of("exacme"), namesIn(opt), "the unfinished copy is cleaned up");
    }

    @Test
    void aDirectoryHoldingOtherFilesIsNeverSweptAway() throws IOException {
        var bin = Files.createDirectories(temp.resolve("usr/local/bin"));
        Files.writeString(bin.resolve("certbot"), "keep me");
        var run = run("--to", bin.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(bin + " holds other files than an earlier exacme (certbot)"), run.err());
        assertEquals(List.of("certbot"), namesIn(bin));
        assertEquals(List.of("bin"), namesIn(temp.resolve("usr/local")));

        var file = Files.writeString(temp.resolve("a-file"), "x");
        var onAFile = run("--to", file.toString());
        assertEquals(2, onAFile.exitCode(), onAFile.toString());
        assertTrue(onAFile.err().contains("is a file, not a directory"), onAFile.err());
    }

    @Test
    void withoutAJarOrItsLauncherNothingIsCopied() throws IOException {
        var noJar = run(Optional.empty());
        assertEquals(2, noJar.exitCode(), noJar.toString());
        assertTrue(noJar.err().contains("this exacme does not run from a jar"), noJar.err());

        Files.delete(build.resolve("exacme"));
        var noLauncher = run();
        assertEquals(2, noLauncher.exitCode(), noLauncher.toString());
        assertTrue(noLauncher.err().contains("The launcher " + build.resolve("exacme") + " is missing"),
                noLauncher.err());
        assertFalse(Files.exists(opt));
    }

    @Test
    void runningTheInstalledCopyAgainChangesNothing() throws IOException {
        assertEquals(0, run().exitCode());
        var installed = opt.resolve("exacme");
        var run = run(Optional.of(installed.resolve("exacme.jar")));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("This exacme already runs from " + installed + "; nothing to copy."), run.out());
    }

    @Test
    void theDefaultPlaceIsOptOrProgramFilesAndTheHelpListsTheExitCodes() {
        assertEquals(Path.of("/opt/exacme"), ProgramFiles.defaultDirectory(false, Map.of()));
        assertEquals(Path.of("D:\\Apps", "exacme"), ProgramFiles.defaultDirectory(true, Map.of("ProgramFiles", "D:\\Apps")));
        assertEquals(Path.of("C:\\Program Files", "exacme"), ProgramFiles.defaultDirectory(true, Map.of()));
        var help = run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("%ProgramFiles%\\exacme on Windows"), help.out());
        assertTrue(help.out().contains("Exit codes:"), help.out());
        assertTrue(help.out().contains("2   bad usage: not run from a jar"), help.out());
    }

    @Test
    void exacmeListsTheCommandAndRefusesToInstallWhenNotRunFromAJar() {
        var out = new StringWriter();
        var err = new StringWriter();
        assertEquals(0, Main.run(new String[] {"--help"}, new PrintWriter(out, true), new PrintWriter(err, true)));
        assertTrue(out.toString().contains("  install "), out.toString());
        // The tests run from target/classes, as an IDE does: the real command says so and copies nothing.
        var refused = new StringWriter();
        assertEquals(2, Main.run(new String[] {"install", "--to", opt.resolve("exacme").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(refused, true)));
        assertTrue(refused.toString().contains("does not run from a jar"), refused.toString());
        assertFalse(Files.exists(opt));
    }
}
