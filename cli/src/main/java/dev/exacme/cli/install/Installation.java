package dev.exacme.cli.install;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.store.files.FileProtection;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Copies an exacme into a directory so that the directory only ever holds a complete copy:
 * the files go into a new directory beside it, are flushed to disk and get their
 * permissions there, and only then does that directory take the final name, by rename. An
 * earlier copy is renamed aside first and deleted once the new one is in place; if the
 * second rename fails it is renamed back. (No portable call swaps two directories in one
 * step, so for that moment the name is missing, never half-written.)
 *
 * <p>Permissions: off Windows the directory and files are the owner's (root when installing
 * to /opt) and read-only for everyone else: 0755 for the directory and the sh launcher, 0644
 * for the rest. On Windows the directory and each file get an explicit ACL: its owner, SYSTEM
 * and Administrators full control, Users read ({@link FileProtection}; not yet run on Windows).
 *
 * <p>An existing directory is replaced only when it holds nothing but an earlier exacme
 * (its files and the class data archives the launcher writes), so that {@code --to} a
 * directory in use, such as /usr/local/bin, is refused instead of swept away.
 */
final class Installation {

    /** What an earlier install may hold: its files, and the launcher's class data archive (and its temporary). */
    private static final Pattern OURS = Pattern.compile("exacme(\\.jar|\\.cmd|(-commands)?\\.jsa(\\.\\d+)?)?");

    private Installation() {
    }

    /** Installs {@code files} as the content of {@code directory}; returns the installed paths. */
    static List<Path> install(List<Path> files, Path directory) throws IOException, InvalidRequest {
        var target = directory.toAbsolutePath().normalize();
        var parent = target.getParent();
        if (parent == null) {
            throw new InvalidRequest("--to " + directory + ": exacme is installed in a directory of its own, not in "
                    + target);
        }
        refuseForeign(target);
        Files.createDirectories(parent);
        var name = target.getFileName().toString();
        var fresh = Files.createTempDirectory(parent, "." + name + ".new-");
        try {
            var installed = new ArrayList<Path>();
            for (var file : files) {
                var copy = fresh.resolve(file.getFileName().toString());
                Files.copy(file, copy);
                protect(copy, Files.isExecutable(file) && !copy.getFileName().toString().contains("."));
                sync(copy);
                installed.add(target.resolve(copy.getFileName().toString()));
            }
            protect(fresh, true);
            sync(fresh);
            replace(fresh, target);
            sync(parent);
            return installed;
        } finally {
            if (Files.exists(fresh)) {
                deleteTree(fresh);
            }
        }
    }

    private static void refuseForeign(Path target) throws IOException, InvalidRequest {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new InvalidRequest("--to " + target + " is a file, not a directory; give the directory exacme is to"
                    + " be installed in.");
        }
        var foreign = new ArrayList<String>();
        try (var entries = Files.list(target)) {
            entries.map(entry -> entry.getFileName().toString()).filter(entry -> !OURS.matcher(entry).matches())
                    .sorted().forEach(foreign::add);
        }
        if (!foreign.isEmpty()) {
            throw new InvalidRequest(target + " holds other files than an earlier exacme (" + String.join(", ",
                    foreign.subList(0, Math.min(5, foreign.size()))) + (foreign.size() > 5 ? ", ..." : "") + "), and"
                    + " exacme install replaces the whole directory. Give a new or empty directory with --to, or the"
                    + " directory of an earlier exacme install. Nothing was changed.");
        }
    }

    private static void replace(Path fresh, Path target) throws IOException {
        if (!Files.exists(target)) {
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        var old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
        Files.delete(old);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        deleteTree(old);
    }

    private static void protect(Path path, boolean executable) throws IOException {
        var posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        } else {
            // The directory too: whoever may delete entries in it could swap exacme.jar whatever the jar's own ACL.
            FileProtection.everyone().apply(path);
        }
    }

    private static void sync(Path path) throws IOException {
        if (Files.isDirectory(path) && Files.getFileAttributeView(path, PosixFileAttributeView.class) == null) {
            // Windows cannot open a directory for flushing; NTFS journals the rename.
            return;
        }
        try (var channel = FileChannel.open(path, Files.isDirectory(path) ? StandardOpenOption.READ
                : StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
