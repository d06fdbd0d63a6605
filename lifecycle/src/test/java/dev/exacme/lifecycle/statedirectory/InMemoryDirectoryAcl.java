package dev.exacme.lifecycle.statedirectory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Access lists held in memory for directories that really exist (the protection checks that
 * a directory is there before it asks for its list), recording every write.
 */
final class InMemoryDirectoryAcl implements DirectoryAcl {

    /** One call that changed a list. */
    record Write(String operation, Path directory, String owner, List<AccessEntry> entries) {
    }

    final Map<Path, DirectoryAccess> lists = new HashMap<>();
    final Map<String, String> names = new HashMap<>();
    final List<Write> writes = new ArrayList<>();
    /** What a created directory gets instead of what was asked for, to act out a system that ignores it. */
    Optional<DirectoryAccess> createdAs = Optional.empty();
    /** Whether writes are recorded but change nothing, to act out a list that does not stick. */
    boolean writesIgnored;
    /** A failure for every read, to act out a list that cannot be read. */
    Optional<IOException> readFailure = Optional.empty();

    /** Sets the list of {@code directory}, which must exist. */
    void set(Path directory, DirectoryAccess access) {
        lists.put(directory.toAbsolutePath(), access);
    }

    @Override
    public DirectoryAccess read(Path directory) throws IOException {
        if (readFailure.isPresent()) {
            throw readFailure.get();
        }
        var access = lists.get(directory.toAbsolutePath());
        if (access == null) {
            throw new NoSuchFileException(directory.toString());
        }
        return access;
    }

    @Override
    public void writeProtected(Path directory, String owner, List<AccessEntry> entries) {
        writes.add(new Write("write", directory, owner, List.copyOf(entries)));
        if (!writesIgnored) {
            set(directory, new DirectoryAccess(Optional.of(owner), true, entries));
        }
    }

    @Override
    public void createProtected(Path directory, String owner, List<AccessEntry> entries) throws IOException {
        if (Files.exists(directory)) {
            throw new FileAlreadyExistsException(directory.toString());
        }
        Files.createDirectory(directory);
        writes.add(new Write("create", directory, owner, List.copyOf(entries)));
        set(directory, createdAs.orElse(new DirectoryAccess(Optional.of(owner), true, entries)));
    }

    @Override
    public Optional<String> accountName(String principal) {
        return Optional.ofNullable(names.get(principal));
    }
}
