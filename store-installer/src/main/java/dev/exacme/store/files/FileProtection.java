package dev.exacme.store.files;

import dev.exacme.store.AccessRule;
import dev.exacme.store.KeyAccess;
import dev.exacme.store.KeyRights;
import dev.exacme.store.StoreException;
import dev.exacme.store.windows.AccountNames;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may read a file exacme writes. Private keys and PFX files: the owner only (0600), or
 * also one group (0640) when a service such as a web server must read them. Certificates:
 * everyone (0644). On Windows (NTFS ACLs instead of modes) the file gets an explicit,
 * protected ACL: its owner, SYSTEM and Administrators full control, the group read; not
 * yet run on Windows.
 *
 * <p>New files and directories get their protection from the moment they exist
 * ({@link #createFile}, {@link #createTempFile}, {@link #createDirectories}), never the
 * default mode first and the right one after: a file opened in between stays open.
 */
public final class FileProtection {

    private static final String SYSTEM_SID = "S-1-5-18";
    private static final String ADMINISTRATORS_SID = "S-1-5-32-544";
    private static final String USERS_SID = "S-1-5-32-545";

    private final boolean secret;
    private final Optional<GroupPrincipal> readers;
    private final boolean readersUnknown;

    private FileProtection(boolean secret, Optional<GroupPrincipal> readers, boolean readersUnknown) {
        this.secret = secret;
        this.readers = readers;
        this.readersUnknown = readersUnknown;
    }

    /** For files anyone may read: certificates. */
    public static FileProtection everyone() {
        return new FileProtection(false, Optional.empty(), false);
    }

    /** For secrets: the owner only, or also the members of {@code group} (read only). */
    public static FileProtection secret(Optional<String> group) throws StoreException.Rejected {
        if (group.isEmpty()) {
            return new FileProtection(true, Optional.empty(), false);
        }
        try {
            return new FileProtection(true, Optional.of(FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(group.get())), false);
        } catch (UserPrincipalNotFoundException e) {
            throw new StoreException.Rejected("--key-group " + group.get() + ": no such group on this machine;"
                    + " give the group of the service that reads the key (e.g. ssl-cert, www-data, nginx).");
        } catch (IOException | UnsupportedOperationException e) {
            throw new StoreException.Rejected("--key-group " + group.get() + " cannot be looked up: " + e.getMessage());
        }
    }

    /**
     * For a secret already in place that nothing says who should read: no definition of its
     * store and no {@code --key-group}. It is repaired to owner-only like
     * {@code secret(Optional.empty())}, but a group that can read it is a warning, not a
     * problem: a service of that group may need the key, and only the person knows.
     */
    public static FileProtection secretOfUnknownReaders() {
        return new FileProtection(true, Optional.empty(), true);
    }

    /** The group that may read, if any. */
    public Optional<String> readers() {
        return readers.map(GroupPrincipal::getName);
    }

    /**
     * Creates {@code file}, which must not exist, empty and with these permissions before
     * anyone else can open it. On POSIX it is created owner-only (0600, or 0644 for a
     * certificate), whatever the umask; with a group, the group is set while the mode is
     * still 0600 and only then opened to it (0640), so no account outside that group can
     * ever hold it open. On Windows the file is created with the ACL it inherits and gets
     * its explicit ACL before a byte is written; a handle opened in that moment keeps its
     * access (not yet run on Windows).
     */
    public void createFile(Path file) throws IOException {
        if (posix(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(initialFileMode()));
        } else {
            Files.createFile(file);
        }
        apply(file);
    }

    /** Like {@link #createFile} for a new temporary file in {@code directory}; returns its path. */
    public Path createTempFile(Path directory, String prefix, String suffix) throws IOException {
        var temp = posix(directory)
                ? Files.createTempFile(directory, prefix, suffix, PosixFilePermissions.asFileAttribute(initialFileMode()))
                : Files.createTempFile(directory, prefix, suffix);
        try {
            apply(temp);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    /**
     * Creates {@code directory} and its missing parents; on POSIX those it creates get an
     * explicit mode whatever the umask: 0700 for secrets, 0750 with the group when one may
     * read, 0755 for certificates. Existing directories are left as they are: they are the
     * person's. On Windows created directories inherit their parent's ACL; the key files
     * in them get explicit ACLs (not yet run on Windows).
     */
    public void createDirectories(Path directory) throws IOException {
        var absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        var parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        if (!posix(parent == null ? absolute : parent)) {
            Files.createDirectories(absolute);
            return;
        }
        try {
            // Owner-only at creation; the group, then the final mode, afterwards (the umask cannot widen, only narrow).
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString(secret ? "rwx------" : "rwxr-xr-x")));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw new IOException(absolute + " exists and is not a directory", e);
            }
            return;
        }
        applyToDirectory(absolute);
    }

    /**
     * Gives an existing {@code directory} this protection's directory mode (and group): for
     * a directory holding a key that a group is now to read, which it must be able to enter.
     * On Windows directories keep their ACL; the key file's own ACL decides.
     */
    public void applyToDirectory(Path directory) throws IOException {
        var view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        if (readers.isPresent()) {
            view.setGroup(readers.get());
        }
        view.setPermissions(PosixFilePermissions.fromString(
                !secret ? "rwxr-xr-x" : readers.isPresent() ? "rwxr-x---" : "rwx------"));
    }

    /**
     * Gives an existing {@code file} these permissions. For a new file use {@link #createFile},
     * which never lets the file be more open than this, not even before this call.
     */
    public void apply(Path file) throws IOException {
        var posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            if (readers.isPresent()) {
                // The group first, while the mode does not yet open the file to any group.
                posix.setGroup(readers.get());
            }
            posix.setPermissions(PosixFilePermissions.fromString(fileMode()));
            return;
        }
        var acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (acl != null) {
            acl.setAcl(windowsAcl(acl.getOwner(), file));
        }
    }

    private Set<PosixFilePermission> initialFileMode() {
        // A secret is created owner-only even when a group may read it: the group is not set yet.
        return PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--");
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private List<AclEntry> windowsAcl(UserPrincipal owner, Path file) throws IOException {
        var lookup = file.getFileSystem().getUserPrincipalLookupService();
        var entries = new ArrayList<AclEntry>();
        entries.add(entry(owner, EnumSet.allOf(AclEntryPermission.class)));
        // Well-known SIDs, never names: names are localized ("NT-AUTORITÄT\SYSTEM").
        entries.add(entry(lookup.lookupPrincipalByName(AccountNames.of(SYSTEM_SID)),
                EnumSet.allOf(AclEntryPermission.class)));
        entries.add(entry(lookup.lookupPrincipalByGroupName(AccountNames.of(ADMINISTRATORS_SID)),
                EnumSet.allOf(AclEntryPermission.class)));
        var read = EnumSet.of(AclEntryPermission.READ_DATA, AclEntryPermission.READ_ATTRIBUTES,
                AclEntryPermission.READ_NAMED_ATTRS, AclEntryPermission.READ_ACL, AclEntryPermission.SYNCHRONIZE);
        if (!secret) {
            entries.add(entry(lookup.lookupPrincipalByGroupName(AccountNames.of(USERS_SID)), read));
        }
        if (readers.isPresent()) {
            entries.add(entry(readers.get(), read));
        }
        return entries;
    }

    private static AclEntry entry(UserPrincipal principal, Set<AclEntryPermission> permissions) {
        return AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(principal).setPermissions(permissions)
                .build();
    }

    /**
     * Who can read the key in {@code file}: on POSIX its owner, group and others by mode; a
     * key readable by everyone is a problem, and so is one that the expected group cannot
     * read. A key its group can read, when no group is expected, is a problem too, or only a
     * warning when who should read it is unknown ({@link #secretOfUnknownReaders}).
     */
    public KeyAccess describe(Path file, String provider) throws IOException {
        var posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return describeAcl(file, provider);
        }
        var attributes = posix.readAttributes();
        var mode = attributes.permissions();
        var rules = new ArrayList<AccessRule>();
        var problems = new ArrayList<String>();
        var warnings = new ArrayList<String>();
        var modeText = PosixFilePermissions.toString(mode);
        var owner = attributes.owner().getName();
        rules.add(new AccessRule(owner, "owner", true, rights(mode, PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE), modeText));
        var group = attributes.group().getName();
        if (mode.contains(PosixFilePermission.GROUP_READ)) {
            rules.add(new AccessRule(group, "group", true, rights(mode, PosixFilePermission.GROUP_READ,
                    PosixFilePermission.GROUP_WRITE), modeText));
        }
        if (mode.contains(PosixFilePermission.OTHERS_READ)) {
            rules.add(new AccessRule("everyone", "others", true, KeyRights.READ, modeText));
            if (secret) {
                problems.add("everyone on this machine can read " + file + " (mode " + modeText + ")");
            }
        }
        if (secret && readers.isEmpty() && readersUnknown && mode.contains(PosixFilePermission.GROUP_READ)) {
            // Nothing here knows whether a service reads the key through its group: the person decides.
            warnings.add("group " + group + " can read " + file + " (mode " + modeText + ") and neither --key-group"
                    + " nor a managed certificate says it should: if a service of that group needs the key, give"
                    + " --key-group " + group + "; if none does, run 'chmod 600 " + shellQuoted(file.toString()) + "'");
        } else if (secret && readers.isEmpty() && mode.contains(PosixFilePermission.GROUP_READ)) {
            // Reported after "everyone": the wider exposure comes first.
            problems.add("group " + group + " can read " + file + " (mode " + modeText + "); if a service of that"
                    + " group needs the key, give --key-group " + group + ", otherwise it is owner-only");
        }
        if (readers.isPresent() && (!group.equals(readers.get().getName())
                || !mode.contains(PosixFilePermission.GROUP_READ))) {
            problems.add("group " + readers.get().getName() + " cannot read " + file + " (group " + group + ", mode "
                    + modeText + ")");
        }
        return new KeyAccess(provider, file.toString(), owner, rules, problems, warnings);
    }

    /**
     * The command that gives {@code file} this protection, for a person to run: on POSIX
     * {@code chmod 600 FILE} (or {@code chgrp GROUP FILE && chmod 640 FILE}) as the file's owner
     * or root, since nobody else may change a mode (root named once when it is the owner).
     */
    public String remedy(Path file) throws IOException {
        var posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return "'exacme store doctor --fix' gives " + file + " its owner-only ACL (not yet run on Windows)";
        }
        var quoted = shellQuoted(file.toString());
        var command = !secret ? "chmod 644 " + quoted
                : readers.map(group -> "chgrp " + shellQuoted(group.getName()) + " " + quoted + " && chmod 640 "
                        + quoted).orElse("chmod 600 " + quoted);
        var owner = posix.getOwner().getName();
        return "run '" + command + "' as " + ("root".equals(owner) ? "root" : owner + " (the file's owner) or root")
                + ", or 'exacme store doctor --fix'";
    }

    /** The mode {@link #apply} gives a file, as {@code ls -l} shows it. */
    public String fileMode() {
        return !secret ? "rw-r--r--" : readers.isPresent() ? "rw-r-----" : "rw-------";
    }

    private static String shellQuoted(String text) {
        return text.matches("[A-Za-z0-9_./:@%+=-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }

    private KeyAccess describeAcl(Path file, String provider) throws IOException {
        var view = Files.getFileAttributeView(file, AclFileAttributeView.class);
        var rules = new ArrayList<AccessRule>();
        for (var entry : view.getAcl()) {
            var permissions = entry.permissions();
            var rights = permissions.containsAll(EnumSet.allOf(AclEntryPermission.class)) ? KeyRights.FULL_CONTROL
                    : permissions.contains(AclEntryPermission.READ_DATA) ? KeyRights.READ : KeyRights.PARTIAL;
            rules.add(new AccessRule(entry.principal().getName(), entry.principal().getName(),
                    entry.type() == AclEntryType.ALLOW, rights, permissions.toString()));
        }
        return new KeyAccess(provider, file.toString(), view.getOwner().getName(), rules, List.of());
    }

    private static KeyRights rights(Set<PosixFilePermission> mode, PosixFilePermission read, PosixFilePermission write) {
        return mode.contains(read) && mode.contains(write) ? KeyRights.FULL_CONTROL
                : mode.contains(read) ? KeyRights.READ : KeyRights.PARTIAL;
    }
}
