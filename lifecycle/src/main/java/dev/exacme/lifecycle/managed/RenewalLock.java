package dev.exacme.lifecycle.managed;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * One writer at a time per state directory ({@code issue}, {@code add}, {@code renew},
 * {@code deploy}, {@code edit}, {@code remove}): an operating-system lock on {@code renew.lock},
 * released when the process ends however it ends, so a killed run never leaves a stale lock
 * behind.
 */
public final class RenewalLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RenewalLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, waiting up to {@code wait}; empty when another run holds it all that time. */
    public static Optional<RenewalLock> acquire(Path file, Duration wait) throws IOException, InterruptedException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        var channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        var deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock != null) {
                    return Optional.of(new RenewalLock(channel, lock));
                }
                if (System.nanoTime() >= deadline) {
                    channel.close();
                    return Optional.empty();
                }
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
