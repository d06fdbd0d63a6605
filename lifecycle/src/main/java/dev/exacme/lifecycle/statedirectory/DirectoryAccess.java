package dev.exacme.lifecycle.statedirectory;

import java.util.List;
import java.util.Optional;

/**
 * Who may use a directory, as read from the file system.
 *
 * @param owner              the owner (a SID on Windows, {@code user:NAME} on POSIX systems),
 *                           empty if it could not be read. Owners matter because they may
 *                           always change the access list, and so give themselves access.
 * @param inheritanceBlocked whether the access list takes nothing from the parent directory:
 *                           on Windows whether the DACL is protected ({@code SE_DACL_PROTECTED});
 *                           always true on POSIX systems, where modes are not inherited
 * @param entries            the access list in order
 */
public record DirectoryAccess(Optional<String> owner, boolean inheritanceBlocked, List<AccessEntry> entries) {

    /** Copies the list. */
    public DirectoryAccess {
        entries = List.copyOf(entries);
    }
}
