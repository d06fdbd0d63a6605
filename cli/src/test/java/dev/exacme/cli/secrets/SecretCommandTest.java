package dev.exacme.cli.secrets;

import dev.exacme.lifecycle.secrets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.cli.CommandRun;
import dev.exacme.cli.ExacmeCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code exacme secret set|list|remove} on a real state directory. */
@DisabledOnOs(OS.WINDOWS)
class SecretCommandTest {

    private static final String VALUE = "s3cr3t-VALUE-7f2a\u00e9";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path config;

    /** Every run of the test, so that none of their output may contain the value. */
    private final List<SecretRun> runs = new ArrayList<>();

    private SecretRun run(String stdin, String... args) {
        var all = new ArrayList<>(List.of(args));
        all.add("--config-dir");
        all.add(config.toString());
        var run = SecretRun.withInput(stdin, all.toArray(String[]::new));
        runs.add(run);
        return run;
    }

    @AfterEach
    void theValueNeverAppearsInAnyOutput() {
        for (var run : runs) {
            assertFalse(run.out().contains(VALUE) || run.err().contains(VALUE), run.toString());
            assertFalse(run.out().contains("s3cr3t") || run.err().contains("s3cr3t"), run.toString());
        }
    }

    private SecretStore store() {
        return SecretStore.open(config);
    }

    @Test
    void setFromStandardInputListAndRemove() throws Exception {
        var set = run(VALUE + "\n", "set", "cloudflare-token");
        assertEquals(0, set.exitCode(), set.toString());
        var file = config.resolve("secrets/cloudflare-token.secret").toAbsolutePath();
        assertEquals("Stored secret 'cloudflare-token' in " + file + "\nRefer to it as secret:cloudflare-token\n",
                set.out());
        assertEquals(Optional.of(VALUE), store().get("cloudflare-token"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        var again = run(VALUE + "2", "set", "cloudflare-token");
        assertTrue(again.out().startsWith("Replaced secret 'cloudflare-token'"), again.toString());
        run("other-s3cr3t", "set", "smtp.password");

        var list = run("", "list");
        assertEquals(0, list.exitCode(), list.toString());
        assertEquals("SECRET\ncloudflare-token\nsmtp.password\n", list.out());

        var remove = run("", "remove", "cloudflare-token");
        assertEquals(0, remove.exitCode(), remove.toString());
        assertEquals("Removed secret 'cloudflare-token' (" + file + ")\n", remove.out());
        assertFalse(Files.exists(file));
        assertEquals("SECRET\nsmtp.password\n", run("", "list").out());
    }

    @Test
    void setFromAFile() throws Exception {
        var source = Files.writeString(config.resolve("token.txt"), VALUE + "\r\n");
        var set = run("ignored stdin", "set", "pfx-password", "--from-file", source.toString());
        assertEquals(0, set.exitCode(), set.toString());
        assertEquals(Optional.of(VALUE), store().get("pfx-password"));
    }

    @Test
    void jsonOutput() throws Exception {
        var set = run(VALUE, "set", "token", "--json");
        var document = JSON.readTree(set.out());
        assertEquals("stored", document.get("outcome").asText());
        assertEquals("token", document.get("name").asText());

        var list = JSON.readTree(run("", "list", "--json").out());
        assertEquals(store().directory().toString(), list.get("directory").asText());
        assertEquals(1, list.get("secrets").size());
        assertEquals("token", list.get("secrets").get(0).asText());

        var remove = JSON.readTree(run("", "remove", "token", "--json").out());
        assertEquals("removed", remove.get("outcome").asText());
        assertEquals(0, JSON.readTree(run("", "list", "--json").out()).get("secrets").size());
    }

    @Test
    void emptyListSaysWhere() {
        var list = run("", "list");
        assertEquals(0, list.exitCode());
        assertEquals("No secrets in " + store().directory() + "\n", list.out());
    }

    @Test
    void removingAnAbsentSecretIsAUsageError() {
        var remove = run("", "remove", "nothing-here");
        assertEquals(2, remove.exitCode(), remove.toString());
        assertTrue(remove.err().contains("secret 'nothing-here' is not in the secret store ("
                + store().directory() + ")"), remove.toString());
    }

    @Test
    void invalidNamesAreUsageErrorsNamingTheInput() {
        for (var command : List.of("set", "remove")) {
            var run = run(VALUE, command, "Bad/Name");
            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.err().contains("secret name 'Bad/Name' is not valid"), run.toString());
        }
        assertFalse(Files.exists(config.resolve("secrets")));
    }

    @Test
    void emptyInputIsRefused() {
        var run = run("\n", "set", "token");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("standard input is empty"), run.toString());
        assertFalse(Files.exists(config.resolve("secrets/token.secret")));
    }

    @Test
    void settingOverAWorldReadableFileRestoresMode0600AndJsonErrorsCarryNoValue() throws Exception {
        run(VALUE, "set", "token");
        var file = store().file("token");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        var set = run(VALUE, "set", "token", "--json");
        assertEquals(0, set.exitCode(), set.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        var bad = run(VALUE, "remove", "Nope", "--json");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertEquals("error", JSON.readTree(bad.out()).get("status").asText());
    }

    @Test
    void helpListsTheSubcommands() {
        var help = run("", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("set") && help.out().contains("list") && help.out().contains("remove"),
                help.toString());
    }

    @Test
    void throughExacmeOnceRegistered() throws Exception {
        Assumptions.assumeTrue(ExacmeCommand.SUBCOMMANDS.contains("secret"),
                "SecretCommand is not registered in ExacmeCommand yet");
        var source = Files.writeString(config.resolve("token.txt"), VALUE + "\n");
        var set = CommandRun.of("secret", "set", "token", "--from-file", source.toString(),
                "--config-dir", config.toString());
        assertEquals(0, set.exitCode(), set.toString());
        var list = CommandRun.of("secret", "list", "--config-dir", config.toString());
        assertEquals("SECRET\ntoken\n", list.out(), list.toString());
        var remove = CommandRun.of("secret", "remove", "absent", "--config-dir", config.toString());
        assertEquals(2, remove.exitCode(), remove.toString());
        for (var run : List.of(set, list, remove)) {
            assertFalse(run.out().contains(VALUE) || run.err().contains(VALUE), run.toString());
        }
    }
}
