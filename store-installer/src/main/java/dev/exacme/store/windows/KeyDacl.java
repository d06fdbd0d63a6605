package dev.exacme.store.windows;

import dev.exacme.store.KeyRights;
import dev.exacme.store.windows.SecurityDescriptor.Ace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads a private key's DACL against what its users need, and merges missing rules into it.
 * A DACL write replaces the whole list, so merging keeps every entry already there and only
 * adds (or, for the required accounts, lifts a deny that takes away what they need).
 *
 * <p>Generic rights are mapped to file rights as Windows maps them for key files; group
 * membership is not evaluated (an administrator's own entry does not count for
 * Administrators), only entries for the account itself and for Everyone.
 */
public final class KeyDacl {

    /** GENERIC_READ | GENERIC_WRITE | GENERIC_ALL | FILE_ALL_ACCESS: full control as key tools write it. */
    static final int FULL_CONTROL_MASK = 0xD01F01FF;
    /** GENERIC_READ | FILE_GENERIC_READ: read (use) the key. */
    static final int READ_MASK = 0x80120089;

    static final int FILE_ALL_ACCESS = 0x001F01FF;
    static final int FILE_GENERIC_READ = 0x00120089;
    static final int FILE_GENERIC_WRITE = 0x00120116;
    static final int FILE_GENERIC_EXECUTE = 0x001200A0;
    static final int WRITE_DAC = 0x00040000;
    private static final int GENERIC_ALL = 0x10000000;
    private static final int GENERIC_READ = 0x80000000;
    private static final int GENERIC_WRITE = 0x40000000;
    private static final int GENERIC_EXECUTE = 0x20000000;
    private static final String EVERYONE = "S-1-1-0";

    private KeyDacl() {
    }

    /** The result of a merge: the descriptor to write and what was changed, in words. */
    public record Merge(SecurityDescriptor descriptor, List<String> changes) {
    }

    /** Maps generic rights to the file rights they stand for. */
    static int specific(int mask) {
        var result = mask & ~(GENERIC_ALL | GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE);
        if ((mask & GENERIC_ALL) != 0) {
            result |= FILE_ALL_ACCESS;
        }
        if ((mask & GENERIC_READ) != 0) {
            result |= FILE_GENERIC_READ;
        }
        if ((mask & GENERIC_WRITE) != 0) {
            result |= FILE_GENERIC_WRITE;
        }
        if ((mask & GENERIC_EXECUTE) != 0) {
            result |= FILE_GENERIC_EXECUTE;
        }
        return result;
    }

    /** What a mask amounts to for a key. */
    public static KeyRights rightsOf(int mask) {
        var specific = specific(mask);
        if ((specific & FILE_ALL_ACCESS) == FILE_ALL_ACCESS) {
            return KeyRights.FULL_CONTROL;
        }
        return (specific & FILE_GENERIC_READ) == FILE_GENERIC_READ ? KeyRights.READ : KeyRights.PARTIAL;
    }

    /** The rights {@code sid} effectively has by its own entries and Everyone's, denies subtracted. */
    static int effective(SecurityDescriptor descriptor, String sid) {
        var allowed = 0;
        var denied = 0;
        for (var ace : descriptor.aces()) {
            if (ace.sid().equals(sid) || ace.sid().equals(EVERYONE)) {
                if (ace.allow()) {
                    allowed |= specific(ace.mask());
                } else {
                    denied |= specific(ace.mask());
                }
            }
        }
        return allowed & ~denied;
    }

    /** Whether {@code sid} has at least {@code rights}. */
    public static boolean grants(SecurityDescriptor descriptor, String sid, KeyRights rights) {
        var needed = rights == KeyRights.FULL_CONTROL ? FILE_ALL_ACCESS : FILE_GENERIC_READ;
        return (effective(descriptor, sid) & needed) == needed;
    }

    /** Whether {@code sid} can change the key's DACL: as its owner or with WRITE_DAC. */
    public static boolean canRepermission(SecurityDescriptor descriptor, String sid) {
        return descriptor.owner().map(sid::equals).orElse(false) || (effective(descriptor, sid) & WRITE_DAC) != 0;
    }

    /** Each requirement the descriptor does not meet, in words; {@code names} turns a SID into an account name. */
    public static List<String> missing(SecurityDescriptor descriptor, List<RequiredAccess> required,
                                       UnaryOperator<String> names) {
        var missing = new ArrayList<String>();
        for (var requirement : required) {
            if (!grants(descriptor, requirement.sid(), requirement.rights())) {
                missing.add(names.apply(requirement.sid()) + " (" + requirement.sid() + ") lacks "
                        + (requirement.rights() == KeyRights.FULL_CONTROL ? "full control" : "read access")
                        + ", needed by " + requirement.why());
            }
        }
        return missing;
    }

    /**
     * The descriptor with every requirement met: entries already there are kept in order;
     * explicit deny entries of a required account that take away what it needs are lifted;
     * missing allow entries are added after the explicit entries, before inherited ones.
     */
    public static Merge merge(SecurityDescriptor descriptor, List<RequiredAccess> required, UnaryOperator<String> names) {
        var aces = new ArrayList<>(descriptor.aces());
        var changes = new ArrayList<String>();
        for (var requirement : required) {
            var needed = requirement.rights() == KeyRights.FULL_CONTROL ? FILE_ALL_ACCESS : FILE_GENERIC_READ;
            var lifted = aces.removeIf(ace -> !ace.allow() && !ace.inherited() && ace.sid().equals(requirement.sid())
                    && (specific(ace.mask()) & needed) != 0);
            if (lifted) {
                changes.add("removed a deny entry for " + names.apply(requirement.sid()));
            }
            var current = descriptor.withAces(aces);
            if (!grants(current, requirement.sid(), requirement.rights())) {
                var at = 0;
                while (at < aces.size() && !aces.get(at).inherited()) {
                    at++;
                }
                var full = requirement.rights() == KeyRights.FULL_CONTROL;
                aces.add(at, new Ace(true, "", full ? FULL_CONTROL_MASK : READ_MASK, requirement.sid()));
                changes.add("granted " + (full ? "full control" : "read") + " to " + names.apply(requirement.sid()));
            }
        }
        return new Merge(descriptor.withAces(aces), changes);
    }
}
