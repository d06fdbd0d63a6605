package dev.exacme.lifecycle.statedirectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.exacme.lifecycle.statedirectory.AccessEntry.Rights;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The POSIX rules on real directories: mode 0700, owned by the account running the tests. */
class PosixDirectoryAclTest {

    private static final String USER = System.getProperty("user.name");

    @TempDir
    Path temp;

    private StateDirectoryProtection protection;

    @BeforeEach
    void setUp() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        protection = StateDirectoryProtection.forThisPlatform();
    }

    private static String mode(Path directory) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(directory));
    }

    @Test
    void createMakesTheDirectoryAndMissingParentsWithMode0700() throws IOException {
        var state = temp.resolve("config").resolve("exacme");

        protection.create(state);

        assertEquals("rwx------", mode(state));
        assertEquals(Optional.empty(), protection.problem(state));
        assertEquals(new DirectoryAccess(Optional.of("user:" + USER), true,
                List.of(new AccessEntry("user:" + USER, true, Rights.FULL, false, false, "rwx------"))),
                new PosixDirectoryAcl().read(state));
    }

    /**
     * In a child JVM under each umask: with 000 a plain mkdir would make 0777, with 0277 even a
     * mkdir asking for 0700 would make 0500.
     */
    @ParameterizedTest
    @ValueSource(strings = {"000", "022", "077", "277", "777"})
    void createGivesMode0700WhateverTheUmask(String umask) throws IOException, InterruptedException {
        var state = temp.resolve("umask-" + umask);
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the arguments as positional parameters, so that no path is ever parsed by the shell
        var command = "umask " + umask + " && exec \"$0\" -cp \"$1\" " + CreateStateDirectory.class.getName()
                + " \"$2\"";
        var process = new ProcessBuilder("sh", "-c", command, java, System.getProperty("java.class.path"),
                state.toString()).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, process.exitValue(), output);

        assertEquals("rwx------", mode(state), "umask " + umask);
    }

    @Test
    void groupBitsOpenTheDirectoryAndTheMessageSaysChmod700() throws IOException {
        var state = Files.createDirectory(temp.resolve("exacme"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-x---"));

        var problem = protection.problem(state).orElseThrow();

        assertTrue(problem.startsWith(state + " is open to others: group "), problem);
        assertTrue(problem.contains(" can read it [mode rwxr-x---]"), problem);
        assertTrue(problem.contains("refuses to read secrets"), problem);
        assertTrue(problem.endsWith("chmod 700 " + state + "."), problem);
    }

    @Test
    void bitsForOthersOpenTheDirectory() throws IOException {
        var state = Files.createDirectory(temp.resolve("exacme"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));

        var problem = protection.problem(state).orElseThrow();

        assertTrue(problem.contains("others (every account on this machine) can read it [mode rwxr-xr-x]"), problem);
        assertTrue(problem.contains("chmod 700 " + state), problem);
    }

    @Test
    void anyBitForGroupOrOthersCountsNotOnlyRead() throws IOException {
        var state = Files.createDirectory(temp.resolve("exacme"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx-----x"));

        var problem = protection.problem(state).orElseThrow();

        assertTrue(problem.contains("others (every account on this machine) has access to it [mode rwx-----x]"),
                problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rwxr-x---", "rwxr-xr-x", "rwxrwxrwx", "r-x------"})
    void repairGivesMode0700(String before) throws IOException {
        var state = Files.createDirectory(temp.resolve("exacme"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString(before));

        protection.repair(state);

        assertEquals("rwx------", mode(state));
        assertEquals(Optional.empty(), protection.problem(state));
    }

    @Test
    void createLeavesAnExistingDirectoryAsItIs() throws IOException {
        var state = Files.createDirectory(temp.resolve("exacme"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));

        protection.create(state);

        assertEquals("rwxr-xr-x", mode(state));
    }

    @Test
    void aPathTheShellWouldSplitIsQuotedInTheCommand() throws IOException {
        var state = Files.createDirectory(temp.resolve("it's here"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));

        var problem = protection.problem(state).orElseThrow();

        assertTrue(problem.endsWith("chmod 700 '" + temp + "/it'\\''s here'."), problem);
    }

    @Test
    void aFileIsNotAStateDirectory() throws IOException {
        var file = Files.writeString(temp.resolve("exacme"), "");

        assertTrue(protection.problem(file).orElseThrow().contains("is not a directory"));
    }

    /** Needs root, which alone may give a directory away and take it back. */
    @Test
    void aDirectoryOwnedBySomeoneElseIsOpenAndRepairTakesItBack() throws IOException {
        assumeTrue("root".equals(USER), "running as root");
        var state = Files.createDirectory(temp.resolve("exacme"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
        var nobody = state.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(state, nobody);

        var problem = protection.problem(state).orElseThrow();

        assertTrue(problem.contains("user nobody (its owner) has full control [mode rwx------]"), problem);
        assertTrue(problem.contains("chown root " + state + " && chmod 700 " + state), problem);
        protection.repair(state);
        assertEquals("root", Files.getOwner(state).getName());
        assertEquals(Optional.empty(), protection.problem(state));
    }
}
