package dev.exacme.store.pem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.store.KeyAccess;
import dev.exacme.store.StoreException;
import dev.exacme.store.TestBundles;
import dev.exacme.store.files.FileProtection;
import dev.exacme.store.files.TargetLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PEM repair ({@code store doctor --fix}) takes the set's lock as a PFX or keystore repair
 * takes its file's, and looks again under it: a renewal that replaced the set while the
 * repair waited is not re-permissioned, nor reported as the certificate the repair was for.
 * Real files and modes, the lock held by the test thread.
 */
class PemRepairLockTest {

    @TempDir
    Path temp;

    @Test
    void aRepairWaitsForTheLockAndRefusesASetReplacedMeanwhile() throws Exception {
        var first = TestBundles.rsa("web.example.com");
        var second = TestBundles.rsa("web.example.com");
        var directory = temp.resolve("web");
        var store = PemStore.directory(directory, FileProtection.secret(Optional.empty()));
        store.install(first, "web");
        PemStore.directory(temp.resolve("next"), FileProtection.secret(Optional.empty())).install(second, "next");
        var key = directory.resolve(PemStore.KEY_FILE);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        var outcome = new AtomicReference<Object>();
        var repair = new Thread(() -> {
            try {
                outcome.set(store.repair(first.thumbprint(), List.of()));
            } catch (StoreException | RuntimeException e) {
                outcome.set(e);
            }
        }, "pem repair");
        try (var lock = TargetLock.acquire(directory)) {
            repair.start();
            // The repair parks in TargetLock's timed wait; until then it has changed nothing.
            var deadline = System.nanoTime() + 30_000_000_000L;
            while (repair.getState() != Thread.State.TIMED_WAITING && repair.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(Thread.State.TIMED_WAITING, repair.getState(), "the repair waits for the lock: " + outcome);
            assertEquals("rw-r--r--", mode(key));
            // A renewal replaces the set while the repair waits, its new key as open as the old one was.
            for (var file : List.of(PemStore.CERTIFICATE_FILE, PemStore.CHAIN_FILE, PemStore.FULL_CHAIN_FILE,
                    PemStore.KEY_FILE)) {
                Files.copy(temp.resolve("next").resolve(file), directory.resolve(file),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        }
        repair.join(60_000);

        var refused = assertInstanceOf(StoreException.Rejected.class, outcome.get(), String.valueOf(outcome.get()));
        assertTrue(refused.getMessage().contains("now holds " + second.thumbprint() + ", not " + first.thumbprint()),
                refused.getMessage());
        assertEquals("rw-r--r--", mode(key), "the replaced set is left for a new look");

        KeyAccess again = store.repair(second.thumbprint(), List.of());
        assertTrue(again.fit(), again.problems().toString());
        assertEquals("rw-------", mode(key));
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
