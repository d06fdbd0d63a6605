package dev.exacme.store.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.store.StoreException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetLockTest {

    @TempDir
    Path temp;

    @Test
    void aLockHeldByAnotherProcessIsWaitedForThenRefusedWithAMessageThatSaysSo() throws Exception {
        var target = temp.resolve("out");
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldTargetLock.class.getName(), target.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            var output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", output.readLine());

            var error = assertThrows(StoreException.class, () -> TargetLock.acquire(target, Duration.ofMillis(300)));
            assertTrue(error.getMessage().startsWith("another exacme is installing into " + target + " (it holds "
                    + temp.resolve(".out.lock") + ") and has not finished after 300 ms; nothing was changed."),
                    error.getMessage());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    temp.resolve(".out.lock"))));

            child.getOutputStream().close();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child released the lock");
            assertEquals(0, child.exitValue());
        } finally {
            child.destroy();
        }
        try (var lock = TargetLock.acquire(target, Duration.ofSeconds(60))) {
            assertTrue(Files.exists(temp.resolve(".out.lock")));
        }
    }

    @Test
    void twoThreadsOfOneProcessTakeTurns() throws Exception {
        var target = temp.resolve("mail.pfx");
        var held = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var holder = CompletableFuture.runAsync(() -> {
            try (var lock = TargetLock.acquire(target)) {
                held.countDown();
                release.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        held.await();

        var error = assertThrows(StoreException.class, () -> TargetLock.acquire(target, Duration.ofMillis(200)));
        assertTrue(error.getMessage().startsWith("another exacme is installing into " + target), error.getMessage());

        var waiter = CompletableFuture.supplyAsync(() -> {
            try (var lock = TargetLock.acquire(target, Duration.ofSeconds(60))) {
                return "got it";
            } catch (StoreException e) {
                return e.getMessage();
            }
        });
        release.countDown();
        holder.get(60, TimeUnit.SECONDS);
        assertEquals("got it", waiter.get(60, TimeUnit.SECONDS));
    }

    @Test
    void aNestedAcquireInOneThreadIsABugNotAWait() throws Exception {
        var target = temp.resolve("out");
        try (var lock = TargetLock.acquire(target)) {
            assertThrows(IllegalStateException.class, () -> TargetLock.acquire(target));
        }
    }
}
