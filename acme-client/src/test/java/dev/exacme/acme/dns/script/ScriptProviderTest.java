package dev.exacme.acme.dns.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.dns.ChallengeRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script provider running real programs (sh). */
class ScriptProviderTest {

    private static final ChallengeRecord RECORD =
            new ChallengeRecord("_acme-challenge.mail.example.com.", "example.com.", "v4lue-123");

    @TempDir
    Path temp;

    private Path script(String body) throws IOException {
        return Files.writeString(temp.resolve("dns.sh"), body);
    }

    @Test
    void passesTheActionNameAndValueAsArgumentsAndEnvironment() throws IOException {
        var log = temp.resolve("calls.log");
        var script = script("echo \"$1 $2 $3 | $EXACME_DNS_ACTION $EXACME_DNS_ZONE $EXACME_DNS_RELATIVE_NAME\" >> '"
                + log + "'\n");
        var provider = new ScriptProvider(new ScriptSettings(List.of("/bin/sh", script.toString()), Duration.ofSeconds(10)));
        provider.present(RECORD);
        provider.cleanUp(RECORD);
        assertEquals(List.of(
                "present _acme-challenge.mail.example.com v4lue-123 | present example.com _acme-challenge.mail",
                "cleanup _acme-challenge.mail.example.com v4lue-123 | cleanup example.com _acme-challenge.mail"),
                Files.readAllLines(log));
    }

    @Test
    void aFailingScriptIsReportedWithItsOutput() throws IOException {
        var script = script("echo 'zone is locked by another update' >&2\nexit 3\n");
        var provider = new ScriptProvider(new ScriptSettings(List.of("/bin/sh", script.toString()), Duration.ofSeconds(10)));
        var failure = assertThrows(IOException.class, () -> provider.present(RECORD));
        assertTrue(failure.getMessage().contains("exit code 3"), failure.getMessage());
        assertTrue(failure.getMessage().contains("zone is locked by another update"), failure.getMessage());
    }

    @Test
    void aHangingScriptIsStopped() throws IOException {
        var script = script("echo started\nsleep 30\n");
        var provider = new ScriptProvider(new ScriptSettings(List.of("/bin/sh", script.toString()),
                Duration.ofMillis(300)));
        var started = System.nanoTime();
        var failure = assertThrows(IOException.class, () -> provider.present(RECORD));
        assertTrue(failure.getMessage().contains("did not finish within"), failure.getMessage());
        assertTrue(failure.getMessage().contains("started"), failure.getMessage());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "stopped, not waited out");
    }

    @Test
    void aMissingProgramIsNamed() {
        var provider = new ScriptProvider(new ScriptSettings(List.of(temp.resolve("nope").toString()),
                Duration.ofSeconds(1)));
        var failure = assertThrows(IOException.class, () -> provider.present(RECORD));
        assertTrue(failure.getMessage().contains("cannot start"), failure.getMessage());
        assertTrue(failure.getMessage().contains("nope"), failure.getMessage());
    }
}
