package dev.exacme.lifecycle.statedirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the access list of one directory: the platform's part of
 * {@link StateDirectoryProtection}, kept this small so that the decision of what is
 * acceptable can be tested on any system with an in-memory list. Implementations:
 * {@link PosixDirectoryAcl} (modes and owners) and
 * {@link dev.exacme.lifecycle.statedirectory.windows.WindowsDirectoryAcl} (DACLs; not yet run
 * on Windows).
 */
public interface DirectoryAcl {

    /**
     * The directory's owner and access list.
     *
     * @throws java.nio.file.NoSuchFileException if it does not exist
     * @throws IOException                       naming the directory if the list cannot be read
     */
    DirectoryAccess read(Path directory) throws IOException;

    /**
     * Replaces the directory's owner and whole access list with {@code owner} and
     * {@code entries}, and stops it taking anything from its parent directory.
     *
     * @throws IllegalArgumentException if an entry cannot be expressed on this platform
     * @throws IOException              naming the directory if the change is refused
     */
    void writeProtected(Path directory, String owner, List<AccessEntry> entries) throws IOException;

    /**
     * Creates the directory (its parent must exist) with {@code entries} as its access list
     * from the first moment, taking nothing from the parent, and gives it to {@code owner}.
     *
     * @throws java.nio.file.FileAlreadyExistsException if something exists at that path
     * @throws IOException                              naming the directory otherwise
     */
    void createProtected(Path directory, String owner, List<AccessEntry> entries) throws IOException;

    /** A principal's name for messages ({@code VORDEFINIERT\Benutzer}, {@code group staff}), if known. */
    Optional<String> accountName(String principal);
}
