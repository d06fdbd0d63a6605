package dev.exacme.cli.secrets;

import dev.exacme.lifecycle.secrets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretInputTest {

    @TempDir
    Path temp;

    private static String read(String input) throws Exception {
        return SecretInput.read(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "standard input");
    }

    @Test
    void readsAllOfItWithoutTrailingLineBreaks() throws Exception {
        assertEquals("token", read("token"));
        assertEquals("token", read("token\n"));
        assertEquals("token", read("token\r\n"));
        assertEquals("first\nsecond", read("first\nsecond\n\n"));
        assertEquals("  spaced  ", read("  spaced  \n"));
        assertEquals("caf\u00e9", read("caf\u00e9\n"));
    }

    @Test
    void refusesEmptyInput() {
        for (var input : new String[] {"", "\n", "\r\n\n"}) {
            var failure = assertThrows(InvalidRequest.class, () -> read(input));
            assertTrue(failure.getMessage().startsWith("standard input is empty"), failure.getMessage());
        }
    }

    @Test
    void refusesBytesThatAreNotText() {
        var failure = assertThrows(InvalidRequest.class, () -> SecretInput.read(
                new ByteArrayInputStream(new byte[] {'a', (byte) 0xc3, '\n'}), "standard input"));
        assertTrue(failure.getMessage().contains("not UTF-8"), failure.getMessage());
    }

    @Test
    void readsFilesAndNamesThemWhenTheyFail() throws Exception {
        var file = Files.writeString(temp.resolve("token.txt"), "value\n");
        assertEquals("value", SecretInput.fromFile(file));
        var empty = Files.writeString(temp.resolve("empty.txt"), "");
        assertTrue(assertThrows(InvalidRequest.class, () -> SecretInput.fromFile(empty)).getMessage()
                .startsWith("--from-file " + empty + " is empty"));
        var missing = temp.resolve("missing.txt");
        assertTrue(assertThrows(InvalidRequest.class, () -> SecretInput.fromFile(missing)).getMessage()
                .startsWith("--from-file " + missing + " cannot be read"));
    }
}
