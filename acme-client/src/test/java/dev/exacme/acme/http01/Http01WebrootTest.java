package dev.exacme.acme.http01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Http01WebrootTest {

    private static final ChallengeToken TOKEN = new ChallengeToken("tok1", "tok1.thumb");

    @TempDir
    Path webroot;

    @Test
    void writesReadableAnswersAndRemovesEverythingItCreated() throws IOException {
        var file = webroot.resolve(".well-known/acme-challenge/tok1");
        try (var responder = new Http01Webroot(webroot)) {
            responder.publish(TOKEN);
            assertEquals("tok1.thumb", Files.readString(file));
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            responder.withdraw(TOKEN);
            assertFalse(Files.exists(file));
            responder.publish(new ChallengeToken("tok2", "tok2.thumb"));
        }
        assertFalse(Files.exists(webroot.resolve(".well-known")), "created directories are removed");
    }

    @Test
    void leavesWhatWasThereBefore() throws IOException {
        var challenges = Files.createDirectories(webroot.resolve(".well-known/acme-challenge"));
        var theirs = Files.writeString(challenges.resolve("someone-elses"), "keep me");
        var security = Files.writeString(webroot.resolve(".well-known/security.txt"), "Contact: x");
        try (var responder = new Http01Webroot(webroot)) {
            responder.publish(TOKEN);
        }
        assertTrue(Files.exists(theirs));
        assertTrue(Files.exists(security));
        assertFalse(Files.exists(challenges.resolve("tok1")));
    }

    @Test
    void aMissingWebrootIsNamed() {
        var missing = webroot.resolve("no-such-site");
        var failure = assertThrows(IOException.class, () -> new Http01Webroot(missing));
        assertTrue(failure.getMessage().contains(missing.toString()), failure.getMessage());
    }
}
