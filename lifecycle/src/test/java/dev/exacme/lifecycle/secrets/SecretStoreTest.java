package dev.exacme.lifecycle.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The store on real files, with the POSIX protection (file modes). */
@DisabledOnOs(OS.WINDOWS)
class SecretStoreTest {

    static final String VALUE = "s3cr3t-VALUE-7f2a\u00e9";

    @TempDir
    Path config;

    private SecretStore store() {
        return new SecretStore(config.resolve(SecretStore.DIRECTORY), new FilePermissionProtection());
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void roundTripSetGetListRemove() throws Exception {
        var store = store();
        assertEquals(List.of(), store.list());
        assertEquals(Optional.empty(), store.get("cloudflare-token"));

        assertFalse(store.set("cloudflare-token", VALUE));
        assertFalse(store.set("a.smtp_password", "other\nline"));
        assertEquals(Optional.of(VALUE), store.get("cloudflare-token"));
        assertEquals(Optional.of("other\nline"), store.get("a.smtp_password"));
        assertEquals(List.of("a.smtp_password", "cloudflare-token"), store.list());

        assertTrue(store.set("cloudflare-token", "new value"));
        assertEquals(Optional.of("new value"), store.get("cloudflare-token"));

        assertTrue(store.remove("cloudflare-token"));
        assertFalse(store.remove("cloudflare-token"));
        assertEquals(Optional.empty(), store.get("cloudflare-token"));
        assertEquals(List.of("a.smtp_password"), store.list());
    }

    @Test
    void openUsesTheSecretsDirectoryOfTheStateDirectory() throws Exception {
        var store = SecretStore.open(config);
        assertEquals(config.resolve("secrets").toAbsolutePath(), store.directory());
        store.set("x", VALUE);
        assertTrue(Files.isRegularFile(config.resolve("secrets/x.secret")));
        assertEquals(Optional.of(VALUE), store.get("x"));
    }

    @Test
    void directoryIs0700AndFiles0600() throws Exception {
        var store = store();
        store.set("token", VALUE);
        assertEquals("rwx------", mode(store.directory()));
        assertEquals("rw-------", mode(store.file("token")));
        store.set("token", "replaced");
        assertEquals("rw-------", mode(store.file("token")));
    }

    @Test
    void anExistingWiderDirectoryIsNarrowedTo0700() throws Exception {
        var directory = Files.createDirectories(config.resolve(SecretStore.DIRECTORY));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        store().set("token", VALUE);
        assertEquals("rwx------", mode(directory));
    }

    @Test
    void aSecretFileOthersCanReadIsRefusedNamingIt() throws Exception {
        var store = store();
        store.set("token", VALUE);
        var file = store.file("token");
        for (var mode : List.of("rw-r--r--", "rw-r-----", "rw----r--")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            var failure = assertThrows(InvalidRequest.class, () -> store.get("token"));
            assertTrue(failure.getMessage().contains("secret file " + file), failure.getMessage());
            assertTrue(failure.getMessage().contains("chmod 600 " + file), failure.getMessage());
            assertFalse(failure.getMessage().contains(VALUE));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals(Optional.of(VALUE), store.get("token"));
    }

    @Test
    void invalidNamesAreRefusedEverywhere() {
        var store = store();
        for (Executable call : List.<Executable>of(() -> store.set("../escape", VALUE), () -> store.get("Bad"),
                () -> store.remove("a/b"), () -> store.file(""))) {
            var failure = assertThrows(InvalidRequest.class, call);
            assertTrue(failure.getMessage().startsWith("secret name '"), failure.getMessage());
        }
        assertFalse(Files.exists(config.resolve("escape.secret")));
        assertFalse(Files.exists(store.directory()));
    }

    @Test
    void emptyValuesAreRefused() {
        var failure = assertThrows(InvalidRequest.class, () -> store().set("token", ""));
        assertTrue(failure.getMessage().contains("'token'"), failure.getMessage());
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws Exception {
        var store = store();
        for (int i = 0; i < 5; i++) {
            store.set("token", VALUE + i);
            store.set("other" + i, VALUE);
        }
        try (var files = Files.list(store.directory())) {
            var names = files.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
            assertEquals(6, names.size(), names.toString());
            assertTrue(names.stream().allMatch(name -> name.endsWith(".secret") && !name.startsWith(".")),
                    names.toString());
        }
    }

    @Test
    void listShowsOnlySecretFiles() throws Exception {
        var store = store();
        store.set("token", VALUE);
        Files.writeString(store.directory().resolve(".token.secret.123.tmp"), "half");
        Files.writeString(store.directory().resolve("notes.txt"), "x");
        Files.writeString(store.directory().resolve("Bad Name.secret"), "x");
        Files.createDirectory(store.directory().resolve("dir.secret"));
        assertEquals(List.of("token"), store.list());
    }

    @Test
    void theFileHoldsWhatTheProtectionReturned() throws Exception {
        // A reversible stand-in for DPAPI: the store must write the protected bytes, never the plain ones.
        var store = new SecretStore(config.resolve("secrets"), new Reversing());
        store.set("token", VALUE);
        var content = Files.readString(store.file("token"), StandardCharsets.ISO_8859_1);
        assertTrue(content.startsWith("exacme-secret 1 reversing\n"), content);
        assertFalse(content.contains(VALUE));
        assertEquals(Optional.of(VALUE), store.get("token"));
    }

    @Test
    void aFileOfAnotherProtectionIsReportedNotMisread() throws Exception {
        new SecretStore(config.resolve("secrets"), new Reversing()).set("token", VALUE);
        var store = store();
        var failure = assertThrows(IOException.class, () -> store.get("token"));
        assertTrue(failure.getMessage().contains(store.file("token").toString()), failure.getMessage());
        assertTrue(failure.getMessage().contains("reversing"), failure.getMessage());
        assertTrue(failure.getMessage().contains("exacme secret set token"), failure.getMessage());
    }

    @Test
    void aCorruptFileIsReportedWithItsPathWithoutQuotingItAndKept() throws Exception {
        var store = store();
        store.set("token", VALUE);
        var file = store.file("token");
        Files.writeString(file, VALUE + "\n");
        var failure = assertThrows(IOException.class, () -> store.get("token"));
        assertTrue(failure.getMessage().contains("secret file " + file), failure.getMessage());
        assertFalse(failure.getMessage().contains(VALUE), failure.getMessage());
        assertEquals(VALUE + "\n", Files.readString(file));

        Files.writeString(file, "exacme-secret 1 file-permissions\n%%%" + VALUE + "\n");
        failure = assertThrows(IOException.class, () -> store.get("token"));
        assertFalse(failure.getMessage().contains(VALUE), failure.getMessage());
    }

    @Test
    void theEnvelopeRoundTrips() throws IOException {
        var bytes = new byte[] {0, 1, (byte) 0xff, 10, 13};
        var decoded = SecretEnvelope.decode(new SecretEnvelope("p", bytes).encode());
        assertEquals("p", decoded.protection());
        assertArrayEquals(bytes, decoded.payload());
        assertThrows(IOException.class, () -> SecretEnvelope.decode("exacme-secret 2 p\nAA==\n".getBytes()));
        assertThrows(IOException.class, () -> SecretEnvelope.decode("exacme-secret 1 p".getBytes()));
    }

    /** Reverses the bytes: enough to tell protected content from plain content. */
    static final class Reversing implements SecretProtection {
        @Override
        public String id() {
            return "reversing";
        }

        @Override
        public byte[] protect(byte[] plain) {
            var out = new byte[plain.length];
            for (int i = 0; i < plain.length; i++) {
                out[i] = plain[plain.length - 1 - i];
            }
            return out;
        }

        @Override
        public byte[] unprotect(byte[] stored) {
            return protect(stored);
        }
    }
}
