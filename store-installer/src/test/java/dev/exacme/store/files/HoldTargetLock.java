package dev.exacme.store.files;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Holds the lock on {@code arguments[0]} until its standard input closes: another exacme
 * installing into that target, for a test that needs the lock held by a second process.
 */
public final class HoldTargetLock {

    private HoldTargetLock() {
    }

    /** Takes the lock, says {@code locked}, and releases it when standard input ends. */
    public static void main(String[] arguments) throws Exception {
        try (var lock = TargetLock.acquire(Path.of(arguments[0]), Duration.ofSeconds(60))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() != -1) {
                // waits for the test to close standard input
            }
        }
    }
}
