package dev.exacme.lifecycle.statedirectory;

import dev.exacme.lifecycle.statedirectory.AccessEntry.Rights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A directory's mode and owner ({@link PosixFileAttributeView}) as an access list: one
 * entry {@code user:OWNER} for the owner's bits, {@code group:GROUP} and {@code others}
 * for theirs when they have any.
 *
 * <p>POSIX ACLs ({@code setfacl}) need no reading of their own: while a directory has
 * extended entries its group bits show the ACL mask, which caps every named entry, so a
 * named user or group can have access only if the group bits are not empty.
 */
public final class PosixDirectoryAcl implements DirectoryAcl {

    private static final String USER = "user:";
    private static final String GROUP = "group:";
    private static final String OTHERS = "others";

    @Override
    public DirectoryAccess read(Path directory) throws IOException {
        var attributes = view(directory).readAttributes();
        if (!attributes.isDirectory()) {
            throw new IOException(directory + " is not a directory");
        }
        var mode = attributes.permissions();
        var text = PosixFilePermissions.toString(mode);
        var owner = USER + attributes.owner().getName();
        var entries = new ArrayList<AccessEntry>();
        entries.add(entry(owner, mode, PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE, text));
        if (anyOf(mode, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE)) {
            entries.add(entry(GROUP + attributes.group().getName(), mode, PosixFilePermission.GROUP_READ,
                    PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, text));
        }
        if (anyOf(mode, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE)) {
            entries.add(entry(OTHERS, mode, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                    PosixFilePermission.OTHERS_EXECUTE, text));
        }
        return new DirectoryAccess(Optional.of(owner), true, entries);
    }

    /**
     * Sets the mode the entries stand for, and the owner if it is another (which needs root).
     * Only the owner's entry may grant anything: a mode cannot name further accounts.
     */
    @Override
    public void writeProtected(Path directory, String owner, List<AccessEntry> entries) throws IOException {
        var mode = mode(owner, entries);
        var view = view(directory);
        var current = view.getOwner().getName();
        if (!current.equals(user(owner))) {
            try {
                view.setOwner(directory.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(user(owner)));
            } catch (IOException e) {
                throw new IOException(directory + " belongs to " + current + ", and only root can give it to "
                        + user(owner) + ": chown " + user(owner) + " " + directory + " (" + e.getMessage() + ")", e);
            }
        }
        view.setPermissions(mode);
    }

    /**
     * Creates the directory with the mode from the start, then sets the mode again: the
     * umask can only take bits away from the first, and a chmod does not see the umask, so
     * the directory never has more than the mode and ends with exactly it.
     */
    @Override
    public void createProtected(Path directory, String owner, List<AccessEntry> entries) throws IOException {
        var mode = mode(owner, entries);
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(mode));
        writeProtected(directory, owner, entries);
    }

    @Override
    public Optional<String> accountName(String principal) {
        if (principal.startsWith(USER)) {
            return Optional.of("user " + user(principal));
        }
        if (principal.startsWith(GROUP)) {
            return Optional.of("group " + principal.substring(GROUP.length()));
        }
        return principal.equals(OTHERS) ? Optional.of("others (every account on this machine)") : Optional.empty();
    }

    /** The principal of a user account. */
    static String userPrincipal(String name) {
        return USER + name;
    }

    private static String user(String principal) {
        if (!principal.startsWith(USER)) {
            throw new IllegalArgumentException("a directory's owner is a user, not " + principal);
        }
        return principal.substring(USER.length());
    }

    private static Set<PosixFilePermission> mode(String owner, List<AccessEntry> entries) {
        var mode = EnumSet.noneOf(PosixFilePermission.class);
        for (var entry : entries) {
            if (!entry.allow()) {
                continue;
            }
            if (!entry.principal().equals(owner)) {
                throw new IllegalArgumentException("a mode grants only the owner, " + owner + ", not "
                        + entry.principal());
            }
            switch (entry.rights()) {
                case FULL -> mode.addAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));
                case READ -> mode.addAll(EnumSet.of(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_EXECUTE));
                case OTHER -> throw new IllegalArgumentException("OTHER rights have no mode");
            }
        }
        return mode;
    }

    private static PosixFileAttributeView view(Path directory) throws IOException {
        var view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
        if (view == null) {
            throw new IOException(directory + " has no POSIX permissions on this file system");
        }
        return view;
    }

    private static boolean anyOf(Set<PosixFilePermission> mode, PosixFilePermission... bits) {
        for (var bit : bits) {
            if (mode.contains(bit)) {
                return true;
            }
        }
        return false;
    }

    private static AccessEntry entry(String principal, Set<PosixFilePermission> mode, PosixFilePermission read,
                                     PosixFilePermission write, PosixFilePermission execute, String text) {
        Rights rights;
        if (mode.contains(read) && mode.contains(write) && mode.contains(execute)) {
            rights = Rights.FULL;
        } else if (mode.contains(read)) {
            rights = Rights.READ;
        } else {
            rights = Rights.OTHER;
        }
        return new AccessEntry(principal, true, rights, false, false, text);
    }
}
