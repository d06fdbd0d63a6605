package dev.exacme.lifecycle.statedirectory;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.statedirectory.AccessEntry.Rights;
import dev.exacme.lifecycle.statedirectory.windows.WindowsDirectoryAcl;
import dev.exacme.store.windows.RequiredAccess;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps exacme's state directory ({@code %ProgramData%\exacme}, {@code /etc/exacme}...) and
 * the secrets in it readable by nobody but the accounts exacme runs as.
 *
 * <p>Why the directory and not the files: on Windows the secrets are protected with DPAPI in
 * machine scope, which every account on the machine can decrypt, and
 * {@code %ProgramData%\exacme} would otherwise inherit {@code %ProgramData%}'s access list,
 * which lets Users read. So the directory gets a protected DACL (nothing inherited from the
 * parent) granting full control to SYSTEM and BUILTIN\Administrators only, passed on to
 * everything created inside ({@code OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE}), and is owned
 * by Administrators, since an owner can always rewrite the list. On POSIX systems the
 * equivalent is mode 0700, owned by the account running exacme.
 *
 * <p>What counts as protected is decided here, in plain Java, from what a {@link DirectoryAcl}
 * reads: every entry that allows anything to an account other than those (read, write or any
 * other right, inherited or explicit, effective now or only for what is created inside) opens
 * the directory, and so does an owner other than those. Deny entries take nothing away from
 * the protection and are accepted. A DACL that is not protected is accepted as long as
 * everything it inherits is for SYSTEM and Administrators (the {@code secrets} directory
 * inside a protected state directory is such a DACL).
 *
 * <p>The Windows side is not yet run on Windows: the decision is tested on Linux with access
 * lists held in memory and the descriptor bytes against the SDK headers; the POSIX side is
 * tested on real directories.
 */
public final class StateDirectoryProtection {

    /** English names of the well-known SIDs, for messages that must not depend on a lookup. */
    private static final Map<String, String> WELL_KNOWN = Map.ofEntries(
            Map.entry("S-1-1-0", "Everyone"),
            Map.entry("S-1-3-0", "CREATOR OWNER"),
            Map.entry("S-1-3-1", "CREATOR GROUP"),
            Map.entry("S-1-3-4", "OWNER RIGHTS"),
            Map.entry("S-1-5-2", "NT AUTHORITY\\NETWORK"),
            Map.entry("S-1-5-4", "NT AUTHORITY\\INTERACTIVE"),
            Map.entry("S-1-5-6", "NT AUTHORITY\\SERVICE"),
            Map.entry("S-1-5-7", "NT AUTHORITY\\ANONYMOUS LOGON"),
            Map.entry("S-1-5-11", "NT AUTHORITY\\Authenticated Users"),
            Map.entry("S-1-5-17", "NT AUTHORITY\\IUSR"),
            Map.entry(RequiredAccess.SYSTEM, "NT AUTHORITY\\SYSTEM"),
            Map.entry("S-1-5-19", "NT AUTHORITY\\LOCAL SERVICE"),
            Map.entry(RequiredAccess.NETWORK_SERVICE, "NT AUTHORITY\\NETWORK SERVICE"),
            Map.entry(RequiredAccess.ADMINISTRATORS, "BUILTIN\\Administrators"),
            Map.entry("S-1-5-32-545", "BUILTIN\\Users"),
            Map.entry("S-1-5-32-546", "BUILTIN\\Guests"),
            Map.entry("S-1-5-32-547", "BUILTIN\\Power Users"),
            Map.entry("S-1-5-32-568", "BUILTIN\\IIS_IUSRS"),
            Map.entry("S-1-15-2-1", "APPLICATION PACKAGE AUTHORITY\\ALL APPLICATION PACKAGES"));

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    /** What a protected directory looks like on one platform, and how to say so. */
    private record Policy(boolean windows, String owner, List<AccessEntry> intended, Set<String> trusted,
                          String allowed, String why) {
    }

    private final DirectoryAcl acl;
    private final Policy policy;

    private StateDirectoryProtection(DirectoryAcl acl, Policy policy) {
        this.acl = acl;
        this.policy = policy;
    }

    /**
     * The protection of this system: Windows DACLs on Windows (not yet run on Windows), modes
     * for the account running exacme on POSIX systems.
     *
     * @throws UnsupportedOperationException on a system that has neither
     */
    public static StateDirectoryProtection forThisPlatform() {
        var os = System.getProperty("os.name", "");
        if (os.toLowerCase(Locale.ROOT).startsWith("windows")) {
            return windows(new WindowsDirectoryAcl());
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return posix(new PosixDirectoryAcl(), System.getProperty("user.name"));
        }
        throw new UnsupportedOperationException("exacme cannot protect its state directory on " + os
                + ": the file system has neither Windows ACLs nor POSIX permissions");
    }

    /**
     * Windows' rules over {@code acl}: SYSTEM and Administrators full control, inherited by
     * what is created inside, DACL protected, owned by Administrators.
     */
    public static StateDirectoryProtection windows(DirectoryAcl acl) {
        var intended = List.of(AccessEntry.allowed(RequiredAccess.SYSTEM, Rights.FULL, true),
                AccessEntry.allowed(RequiredAccess.ADMINISTRATORS, Rights.FULL, true));
        return new StateDirectoryProtection(acl, new Policy(true, RequiredAccess.ADMINISTRATORS, intended,
                Set.of(RequiredAccess.SYSTEM, RequiredAccess.ADMINISTRATORS), "SYSTEM and Administrators",
                "the secrets in it are protected with DPAPI in machine scope, which every account on this machine"
                        + " can decrypt, so only the directory's access list keeps them private"));
    }

    /** POSIX rules over {@code acl}: mode 0700, owned by {@code user}, the account running exacme. */
    public static StateDirectoryProtection posix(DirectoryAcl acl, String user) {
        var owner = PosixDirectoryAcl.userPrincipal(user);
        return new StateDirectoryProtection(acl, new Policy(false, owner,
                List.of(AccessEntry.allowed(owner, Rights.FULL, false)), Set.of(owner), "its owner (" + user + ")",
                "the secrets in it are kept private by file permissions alone"));
    }

    /** The access list a protected state directory has, as {@link #repair} writes it. */
    public List<AccessEntry> intended() {
        return policy.intended();
    }

    /** The owner a protected state directory has: Administrators' SID, or {@code user:NAME}. */
    public String intendedOwner() {
        return policy.owner();
    }

    /**
     * Creates {@code directory} if it is missing (and its missing parents, which are left as
     * the system makes them), protected from its first moment: on POSIX systems created with
     * mode 0700 and set to it again whatever the umask; on Windows created with the protected
     * DACL in its security attributes. It is read back, set again if it did not come out
     * protected, and read back once more. An existing directory is left as it is; see
     * {@link #requireProtected}.
     *
     * @throws IOException naming the directory if it cannot be created or protected
     */
    public void create(Path directory) throws IOException {
        var absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        var parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            acl.createProtected(absolute, policy.owner(), policy.intended());
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw new IOException(absolute + " exists and is not a directory", e);
            }
            // created by someone else meanwhile: judged like any existing directory
            return;
        }
        if (!findings(acl.read(absolute)).isEmpty()) {
            acl.writeProtected(absolute, policy.owner(), policy.intended());
            verify(absolute);
        }
    }

    /**
     * Why {@code directory} must not hold secrets, or empty if only the intended accounts can
     * use it. The message names the directory, each account that may use it and how, and the
     * way to repair it, and says that exacme refuses secrets there until then. A directory
     * that does not exist or whose access list cannot be read is a problem too: nothing shows
     * that it is protected.
     */
    public Optional<String> problem(Path directory) {
        var absolute = directory.toAbsolutePath();
        if (!Files.exists(absolute)) {
            return Optional.of(absolute + " does not exist, so nothing shows that only " + policy.allowed()
                    + " can read it. exacme refuses to read secrets from it until it is created protected: "
                    + (policy.windows() ? "run exacme doctor state --fix as an administrator"
                    : "mkdir -m 700 " + shell(absolute)) + ".");
        }
        if (!Files.isDirectory(absolute)) {
            return Optional.of(absolute + " is not a directory. exacme keeps its state and secrets in a directory;"
                    + " move the file away, then " + (policy.windows() ? "run exacme doctor state --fix as an administrator"
                    : "mkdir -m 700 " + shell(absolute)) + ".");
        }
        DirectoryAccess access;
        try {
            access = acl.read(absolute);
        } catch (IOException e) {
            return Optional.of("the access list of " + absolute + " cannot be read (" + e.getMessage()
                    + "), so nothing shows that only " + policy.allowed() + " can read it. exacme refuses to read"
                    + " secrets from it until it can: " + repairAdvice(absolute, List.of()) + ".");
        }
        var findings = findings(access);
        if (findings.isEmpty()) {
            return Optional.empty();
        }
        var message = new StringBuilder(absolute.toString()).append(" is open to others: ")
                .append(String.join("; ", findings)).append('.');
        if (!access.inheritanceBlocked() && access.entries().stream().anyMatch(entry -> entry.inherited()
                && widens(entry))) {
            message.append(" Its access list is not protected, so it takes entries from its parent directory.");
        }
        message.append(" Only ").append(policy.allowed()).append(" may have access: ").append(policy.why())
                .append(". exacme refuses to read secrets from it until it is repaired: ")
                .append(repairAdvice(absolute, access.entries())).append('.');
        return Optional.of(message.toString());
    }

    /**
     * What opens {@code access} to others, one phrase each; empty when it is protected. Pure:
     * the decision itself, apart from reading and naming.
     */
    public List<String> findings(DirectoryAccess access) {
        var findings = new ArrayList<String>();
        var named = new ArrayList<String>();
        for (var entry : access.entries()) {
            if (widens(entry)) {
                findings.add(finding(entry, access.owner()));
                named.add(entry.principal());
            }
        }
        access.owner().filter(owner -> !policy.trusted().contains(owner) && !named.contains(owner))
                .ifPresent(owner -> findings.add(display(owner) + " owns it, and an owner can always change"
                        + " its access list"));
        return findings;
    }

    /**
     * Gives {@code directory} exactly the intended access list and owner, protected, creating
     * it if it is missing, and reads it back. On Windows {@code SetNamedSecurityInfo} also
     * recomputes the inherited entries of what is inside (so Microsoft documents it; not yet run
     * on Windows), so files created under the old list lose what they inherited from it; entries
     * set explicitly on them stay.
     *
     * @throws IOException naming the directory if the change is refused or did not stick
     */
    public void repair(Path directory) throws IOException {
        var absolute = directory.toAbsolutePath();
        if (!Files.exists(absolute)) {
            create(absolute);
            verify(absolute);
            return;
        }
        if (!Files.isDirectory(absolute)) {
            throw new IOException(absolute + " is not a directory; move it away, then repair again");
        }
        acl.writeProtected(absolute, policy.owner(), policy.intended());
        verify(absolute);
    }

    /**
     * Refuses a directory that is not protected.
     *
     * @throws InvalidRequest with {@link #problem}'s message
     */
    public void requireProtected(Path directory) throws InvalidRequest {
        var problem = problem(directory);
        if (problem.isPresent()) {
            throw new InvalidRequest(problem.get());
        }
    }

    private void verify(Path directory) throws IOException {
        var findings = findings(acl.read(directory));
        if (!findings.isEmpty()) {
            throw new IOException("the protection of " + directory + " did not stick: it is still open to others: "
                    + String.join("; ", findings));
        }
    }

    private boolean widens(AccessEntry entry) {
        return entry.allow() && !policy.trusted().contains(entry.principal());
    }

    private String finding(AccessEntry entry, Optional<String> owner) {
        var text = new StringBuilder(display(entry.principal()));
        if (owner.filter(entry.principal()::equals).isPresent()) {
            text.append(" (its owner)");
        }
        text.append(switch (entry.rights()) {
            case FULL -> " has full control";
            case READ -> " can read it";
            case OTHER -> " has access to it";
        });
        if (entry.inherited()) {
            text.append(", inherited from the parent directory");
        }
        if (!entry.detail().isEmpty()) {
            text.append(policy.windows() ? " [" : " [mode ").append(entry.detail()).append(']');
        }
        return text.toString();
    }

    /** A principal for people: its name, with the SID when it is one. */
    private String display(String principal) {
        var name = Optional.ofNullable(WELL_KNOWN.get(principal)).or(() -> acl.accountName(principal));
        if (!principal.startsWith("S-1-")) {
            return name.orElse(principal);
        }
        return name.map(known -> known + " (" + principal + ")").orElse(principal);
    }

    private String repairAdvice(Path directory, List<AccessEntry> entries) {
        if (policy.windows()) {
            return "run exacme doctor state --fix as an administrator, which gives it to Administrators with a protected"
                    + " access list for SYSTEM and Administrators only";
        }
        var user = policy.owner().substring(policy.owner().indexOf(':') + 1);
        var foreignOwner = entries.stream().anyMatch(entry -> entry.principal().startsWith("user:")
                && !policy.trusted().contains(entry.principal()));
        return (foreignOwner ? "chown " + shell(user) + " " + shell(directory) + " && " : "") + "chmod 700 "
                + shell(directory);
    }

    /** A word for a POSIX shell: as it is if safe, else in single quotes. */
    private static String shell(Object word) {
        var text = word.toString();
        return SHELL_SAFE.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
