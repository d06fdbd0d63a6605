package dev.exacme.store.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import dev.exacme.store.StoreException;

/**
 * File writes that a crash cannot tear: content goes to a temporary file beside the target,
 * created with its final permissions before a byte is written, is flushed to disk, and is
 * renamed over the target.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Atomically replaces {@code target} with {@code content}; if {@code backup} is not null,
     * the file being replaced is first kept there (replacing an older backup). Directories
     * it creates, the temporary file and the backup all get {@code protection} from their
     * creation on. It does not lock: a store that can be written by two callers at once
     * holds a {@link TargetLock} around it.
     */
    public static void replace(Path target, byte[] content, FileProtection protection, Path backup) throws IOException {
        var directory = target.toAbsolutePath().getParent();
        protection.createDirectories(directory);
        var temp = protection.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
        try {
            write(temp, content);
            if (backup != null && Files.exists(target)) {
                keep(target, backup, protection);
            }
            move(temp, target);
            syncDirectory(directory);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Copies {@code target} to {@code backup} through a temporary file of its own. Not
     * {@code Files.copy}: it creates the copy with the source's mode but this process's
     * group and sets the group only after the bytes are in, so a key readable by a
     * {@code --key-group} group was readable by the process's own group meanwhile.
     */
    private static void keep(Path target, Path backup, FileProtection protection) throws IOException {
        var directory = backup.toAbsolutePath().getParent();
        var temp = protection.createTempFile(directory, "." + backup.getFileName() + ".", ".tmp");
        try {
            write(temp, Files.readAllBytes(target));
            move(temp, backup);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Creates {@code directory} if needed, with {@code protection}'s directory mode, and
     * checks that this user can write to it.
     *
     * @param what the option or store that named it, for the message
     */
    public static void requireWritableDirectory(Path directory, FileProtection protection, String what)
            throws StoreException.Rejected {
        try {
            protection.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException.Rejected(what + ": the directory " + directory + " cannot be created ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose a directory this user can"
                    + " create and write.", e);
        }
        if (!Files.isWritable(directory)) {
            throw new StoreException.Rejected(what + ": " + directory + " is not writable by this user.");
        }
    }

    /** Writes and flushes {@code content} into an existing, empty file. */
    public static void write(Path file, byte[] content) throws IOException {
        try (var channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            var buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Renames atomically where the file system can, replacing the target. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes renames inside {@code directory} durable, where the platform allows it. */
    public static void syncDirectory(Path directory) {
        try (var channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; NTFS journals the rename.
        }
    }
}
