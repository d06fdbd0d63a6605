package dev.exacme.acme.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a crash never leaves half a file behind and secrets are never
 * readable by others, not even for a moment: the content goes to a temporary file created
 * with its final permissions in the same directory, is flushed to disk, and is renamed
 * over the target.
 *
 * <p>On POSIX systems secret files are created mode 0600 and their directories 0700. On
 * Windows the files inherit the ACL of {@code %ProgramData%\exacme}; protecting secrets
 * there with DPAPI is the renewal issue's work (not yet run on Windows).
 */
public final class PrivateFiles {

    /** Who may read the file. */
    public enum Visibility {
        /** Owner read/write only (0600): keys, account data, secrets. */
        OWNER_ONLY,
        /** Owner read/write, everyone read (0644): certificates, challenge tokens. */
        PUBLIC_READ
    }

    private PrivateFiles() {
    }

    /** Atomically replaces {@code target} with {@code text} in UTF-8. */
    public static void write(Path target, String text, Visibility visibility) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), visibility);
    }

    /** Atomically replaces {@code target} with {@code content}. */
    public static void write(Path target, byte[] content, Visibility visibility) throws IOException {
        var directory = target.toAbsolutePath().getParent();
        createDirectories(directory, visibility);
        var temp = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp", fileAttributes(visibility));
        try {
            try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                var buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(directory);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Creates {@code directory} and missing parents; those created for owner-only content
     * get mode 0700. Existing directories are left as they are.
     */
    public static void createDirectories(Path directory, Visibility visibility) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        var parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(parent, visibility);
        }
        try {
            Files.createDirectory(directory, directoryAttributes(visibility));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw new IOException(directory + " exists and is not a directory", e);
            }
        }
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] fileAttributes(Visibility visibility) {
        if (!posix()) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(
                visibility == Visibility.OWNER_ONLY ? "rw-------" : "rw-r--r--");
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }

    private static FileAttribute<?>[] directoryAttributes(Visibility visibility) {
        if (!posix()) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(
                visibility == Visibility.OWNER_ONLY ? "rwx------" : "rwxr-xr-x");
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }

    private static void syncDirectory(Path directory) {
        // Makes the rename itself durable; not possible on every platform, harmless to skip.
        try (var channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open directories as channels; NTFS journals the rename.
        }
    }
}
