package dev.exacme.store.files;

import dev.exacme.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One writer at a time for one store target (a PEM directory, a PFX file, a keystore), held
 * for a whole replace, whoever the caller: two {@code issue} runs, a renewal and a manual
 * {@code store} command, or two threads of one process. Without it, two installs into one
 * directory interleave their renames and leave it empty or with a certificate next to
 * another certificate's key.
 *
 * <p>Across processes: an operating-system lock on {@code .NAME.lock} beside the target,
 * created 0600 and never deleted (deleting it would let a third writer lock a new file
 * while a second still holds the old one); the operating system releases it when the
 * process ends however it ends, so a killed run leaves no stale lock. Within a process the
 * operating system does not tell two threads apart ({@link OverlappingFileLockException}),
 * so a per-path lock in this JVM orders them first.
 */
public final class TargetLock implements AutoCloseable {

    /** How long an install waits for another one into the same target before giving up. */
    public static final Duration WAIT = Duration.ofMinutes(2);
    private static final long RETRY_MILLIS = 50;
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private TargetLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code target}: {@code .NAME.lock} in the same directory. */
    public static Path lockFile(Path target) {
        var absolute = target.toAbsolutePath().normalize();
        return absolute.resolveSibling("." + absolute.getFileName() + ".lock");
    }

    /** Takes the lock on {@code target}, waiting up to {@link #WAIT}; its directory must exist. */
    public static TargetLock acquire(Path target) throws StoreException {
        return acquire(target, WAIT);
    }

    /**
     * Takes the lock on {@code target}, waiting up to {@code wait} for another holder to
     * finish; its directory must exist.
     *
     * @throws StoreException when another install held it all that time, or the lock file
     *                        cannot be created
     */
    public static TargetLock acquire(Path target, Duration wait) throws StoreException {
        var file = lockFile(target);
        var deadline = System.nanoTime() + wait.toNanos();
        var local = IN_THIS_PROCESS.computeIfAbsent(file, key -> new ReentrantLock());
        if (local.isHeldByCurrentThread()) {
            // The OS lock is not reentrant; a nested acquire is a bug in the caller, not contention.
            throw new IllegalStateException("this thread already holds the lock on " + target);
        }
        try {
            if (!local.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(target, file, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to install into " + target, e);
        }
        try {
            var channel = open(target, file);
            try {
                while (true) {
                    FileLock lock;
                    try {
                        lock = channel.tryLock();
                    } catch (OverlappingFileLockException e) {
                        // Held through another path to the same file (a symbolic link) in this JVM.
                        lock = null;
                    }
                    if (lock != null) {
                        return new TargetLock(local, channel, lock);
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        throw busy(target, file, wait);
                    }
                    // FileChannel.lock() would wait without bound; polling keeps the wait bounded.
                    Thread.sleep(RETRY_MILLIS);
                }
            } catch (InterruptedException e) {
                channel.close();
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting to install into " + target, e);
            } catch (IOException e) {
                channel.close();
                throw new StoreException("the lock file " + file + " cannot be locked: " + e.getMessage(), e);
            } catch (StoreException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            local.unlock();
            throw new StoreException("the lock file " + file + " cannot be closed: " + e.getMessage(), e);
        } catch (StoreException | RuntimeException e) {
            local.unlock();
            throw e;
        }
    }

    private static FileChannel open(Path target, Path file) throws StoreException {
        var options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            // 0600 at creation: the lock file holds nothing, but nobody else should be able to lock it.
            var attributes = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                            "rw-------"))}
                    : new FileAttribute<?>[0];
            return FileChannel.open(file, options, attributes);
        } catch (IOException e) {
            throw new StoreException("the lock file " + file + " for " + target + " cannot be created ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); check that " + file.getParent()
                    + " is writable by this user.", e);
        }
    }

    private static StoreException busy(Path target, Path file, Duration wait) {
        return new StoreException("another exacme is installing into " + target + " (it holds " + file
                + ") and has not finished after " + describe(wait) + "; nothing was changed. Try again once it has"
                + " finished.");
    }

    private static String describe(Duration wait) {
        return wait.toSeconds() >= 60 && wait.toSecondsPart() == 0 ? wait.toMinutes() + " minutes"
                : wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " seconds" : wait.toMillis() + " ms";
    }

    /** Releases the lock, the operating system's first (closing the channel releases it), then this process's. */
    @Override
    public void close() throws StoreException {
        try (channel) {
            lock.release();
        } catch (IOException e) {
            throw new StoreException("the lock file of this install cannot be released: " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }
}
