package dev.exacme.store.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.store.StoreException;
import dev.exacme.store.TestBundles;
import dev.exacme.store.pem.PemStore;
import dev.exacme.store.pfx.PfxStore;
import dev.exacme.store.pkcs12.Pkcs12Encryption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key file that others can read is fixed by its file mode, not by {@code store grant}: the
 * store names the exact command (with the file's owner, who alone may run it besides root)
 * and {@code repair} applies it. Real files, real POSIX modes.
 */
class KeyFileRemedyTest {

    private static final char[] PASSWORD = "remedy-test-password".toCharArray();

    @TempDir
    Path temp;

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    /** Whom the remedy names: the file's owner and root, or root once when root is the owner. */
    private static String runAs(Path file) throws Exception {
        var owner = Files.getOwner(file).getName();
        return "root".equals(owner) ? "root" : owner + " (the file's owner) or root";
    }

    @Test
    void aWorldReadablePemKeyNamesChmod600WithItsOwnerAndRepairMakesItOwnerOnly() throws Exception {
        var bundle = TestBundles.rsa("mail.example.com");
        var store = PemStore.perName(temp, FileProtection.secret(Optional.empty()));
        store.install(bundle, "mail");
        var key = temp.resolve("mail.example.com/key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        var access = store.keyAccess(bundle.thumbprint());
        assertFalse(access.fit());
        assertTrue(access.problems().stream().anyMatch(problem -> problem.contains("everyone on this machine can read "
                + key)), access.problems().toString());
        var remedy = store.remedy(bundle.thumbprint());
        assertEquals("run 'chmod 600 " + key + "' as " + runAs(key) + ", or 'exacme store doctor --fix'", remedy);
        assertFalse(remedy.contains("grant"), remedy);

        var repaired = store.repair(bundle.thumbprint(), List.of());
        assertEquals("rw-------", mode(key));
        assertTrue(repaired.fit(), repaired.problems().toString());
        assertTrue(store.keyAccess(bundle.thumbprint()).fit());
    }

    @Test
    void aGroupReadableKeyWithoutAKeyGroupIsUnfitAndSaysHowToKeepThatGroup() throws Exception {
        var bundle = TestBundles.ecdsa("www.example.com");
        var store = PemStore.perName(temp, FileProtection.secret(Optional.empty()));
        store.install(bundle, "www");
        var key = temp.resolve("www.example.com/key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        var group = Files.readAttributes(key, PosixFileAttributes.class).group().getName();

        var access = store.keyAccess(bundle.thumbprint());
        assertTrue(access.problems().stream().anyMatch(problem -> problem.contains("group " + group + " can read " + key)
                && problem.contains("--key-group " + group)), access.problems().toString());
        assertTrue(store.remedy(bundle.thumbprint()).startsWith("run 'chmod 600 " + key + "'"));

        store.repair(bundle.thumbprint(), List.of());
        assertEquals("rw-------", mode(key));
    }

    @Test
    void withAKeyGroupTheFixIsThatGroupAndMode640() throws Exception {
        var bundle = TestBundles.rsa("web.example.com");
        var store = PemStore.directory(temp.resolve("web"), FileProtection.secret(Optional.of("daemon")));
        store.install(bundle, "web");
        var key = temp.resolve("web/key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertFalse(store.keyAccess(bundle.thumbprint()).fit());
        assertEquals("run 'chgrp daemon " + key + " && chmod 640 " + key + "' as " + runAs(key)
                + ", or 'exacme store doctor --fix'", store.remedy(bundle.thumbprint()));

        assertTrue(store.repair(bundle.thumbprint(), List.of()).fit());
        assertEquals("rw-r-----", mode(key));
        assertEquals("daemon", Files.readAttributes(key, PosixFileAttributes.class).group().getName());
    }

    @Test
    void aFileRootOwnsNamesRootOnce() throws Exception {
        // /etc/passwd is root's on every Linux; remedy only reads its owner.
        var file = Path.of("/etc/passwd");
        assertEquals("root", Files.getOwner(file).getName());

        assertEquals("run 'chmod 600 /etc/passwd' as root, or 'exacme store doctor --fix'",
                FileProtection.secret(Optional.empty()).remedy(file));
    }

    @Test
    void aFileAnotherAccountOwnsNamesThatOwnerAndRoot() throws Exception {
        var bundle = TestBundles.rsa("owner.example.com");
        var store = PemStore.perName(temp, FileProtection.secret(Optional.empty()));
        store.install(bundle, "owner");
        var key = temp.resolve("owner.example.com/key.pem");
        if ("root".equals(Files.getOwner(key).getName())) {
            // Run as root, the key is root's: give it to another account, as a key copied in by hand would be.
            Files.setOwner(key, key.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("daemon"));
        }
        var owner = Files.getOwner(key).getName();
        assertFalse("root".equals(owner), owner);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals("run 'chmod 600 " + key + "' as " + owner + " (the file's owner) or root, or"
                + " 'exacme store doctor --fix'", store.remedy(bundle.thumbprint()));
    }

    @Test
    void withUnknownReadersAGroupReadableKeyIsAWarningAndAWorldReadableOneIsStillUnfit() throws Exception {
        var bundle = TestBundles.ecdsa("found.example.com");
        PemStore.perName(temp, FileProtection.secret(Optional.empty())).install(bundle, "found");
        var key = temp.resolve("found.example.com/key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        var group = Files.readAttributes(key, PosixFileAttributes.class).group().getName();
        var store = PemStore.perName(temp, FileProtection.secretOfUnknownReaders());

        var access = store.keyAccess(bundle.thumbprint());
        assertTrue(access.fit(), access.problems().toString());
        assertEquals(1, access.warnings().size(), access.warnings().toString());
        assertTrue(access.warnings().get(0).startsWith("group " + group + " can read " + key + " (mode rw-r-----)"),
                access.warnings().toString());
        assertTrue(access.warnings().get(0).contains("--key-group " + group), access.warnings().toString());
        assertEquals("rw-r-----", mode(key), "describing changes nothing");

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        var open = store.keyAccess(bundle.thumbprint());
        assertFalse(open.fit());
        assertTrue(open.problems().get(0).contains("everyone on this machine can read " + key), open.toString());
        assertTrue(store.remedy(bundle.thumbprint()).startsWith("run 'chmod 600 " + key + "'"));
        var repaired = store.repair(bundle.thumbprint(), List.of());
        assertEquals("rw-------", mode(key));
        assertTrue(repaired.fit() && repaired.warnings().isEmpty(), repaired.toString());
    }

    @Test
    void aWorldReadablePfxNamesItsModeAndStoreGrantStillRefuses() throws Exception {
        var bundle = TestBundles.rsa("mail.example.com");
        var file = temp.resolve("exchange mail.pfx");
        var store = new PfxStore(file, PASSWORD, Pkcs12Encryption.AES256_SHA256, FileProtection.secret(Optional.empty()));
        store.install(bundle, "mail");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertFalse(store.keyAccess(bundle.thumbprint()).fit());
        // A path with a space is quoted for the shell, so the command can be pasted as it is.
        assertTrue(store.remedy(bundle.thumbprint()).startsWith("run 'chmod 600 '" + file + "'' as "),
                store.remedy(bundle.thumbprint()));
        assertThrows(StoreException.Rejected.class, () -> store.grant(bundle.thumbprint(), List.of()));

        assertTrue(store.repair(bundle.thumbprint(), List.of()).fit());
        assertEquals("rw-------", mode(file));
        assertEquals(List.of(bundle.thumbprint()), store.list().stream().map(stored -> stored.thumbprint()).toList(),
                "the file itself is untouched");
    }
}
