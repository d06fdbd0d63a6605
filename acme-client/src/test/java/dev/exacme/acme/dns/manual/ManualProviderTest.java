package dev.exacme.acme.dns.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.dns.ChallengeRecord;
import java.io.IOException;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class ManualProviderTest {

    private static final ChallengeRecord RECORD =
            new ChallengeRecord("_acme-challenge.example.com.", "example.com.", "abc123");

    @Test
    void tellsThePersonExactlyWhatToCreateAndRemove() throws IOException {
        var said = new ArrayList<String>();
        var provider = new ManualProvider(said::add);
        provider.present(RECORD);
        provider.cleanUp(RECORD);
        assertEquals(2, said.size());
        assertTrue(said.get(0).contains("_acme-challenge.example.com. 60 IN TXT \"abc123\""), said.get(0));
        assertTrue(said.get(0).contains("zone example.com"), said.get(0));
        assertTrue(said.get(1).startsWith("Remove"), said.get(1));
    }

    @Test
    void aPersonWhoCannotAnswerStopsIt() {
        var provider = new ManualProvider(instructions -> {
            throw new IOException("no terminal");
        });
        var failure = assertThrows(IOException.class, () -> provider.present(RECORD));
        assertEquals("no terminal", failure.getMessage());
    }
}
