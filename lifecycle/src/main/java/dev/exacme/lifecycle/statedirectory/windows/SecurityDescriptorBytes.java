package dev.exacme.lifecycle.statedirectory.windows;

import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ACCESS_ALLOWED_ACE_TYPE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ACCESS_ALLOWED_CALLBACK_ACE_TYPE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ACCESS_ALLOWED_OBJECT_ACE_TYPE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ACCESS_DENIED_ACE_TYPE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ACCESS_DENIED_CALLBACK_ACE_TYPE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ACCESS_DENIED_OBJECT_ACE_TYPE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ACE_INHERITED_OBJECT_TYPE_PRESENT;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ACE_OBJECT_TYPE_PRESENT;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ACL_REVISION;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.ACL_REVISION_DS;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.CONTAINER_INHERIT_ACE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.FILE_ALL_ACCESS;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.FILE_GENERIC_EXECUTE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.FILE_GENERIC_READ;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.FILE_GENERIC_WRITE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.FILE_READ_DATA;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.GENERIC_ALL;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.GENERIC_EXECUTE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.GENERIC_READ;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.GENERIC_WRITE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.INHERITED_ACE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.INHERIT_ONLY_ACE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.NO_PROPAGATE_INHERIT_ACE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.OBJECT_INHERIT_ACE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.SECURITY_DESCRIPTOR_REVISION;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.SE_DACL_PRESENT;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.SE_DACL_PROTECTED;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.SE_SELF_RELATIVE;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.SID_MAX_SUB_AUTHORITIES;
import static dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants.SID_REVISION;

import dev.exacme.lifecycle.statedirectory.AccessEntry;
import dev.exacme.lifecycle.statedirectory.AccessEntry.Rights;
import dev.exacme.lifecycle.statedirectory.DirectoryAccess;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Self-relative security descriptors as bytes, the form {@code GetNamedSecurityInfo}
 * returns: read into a {@link DirectoryAccess}, and written from access entries. Plain Java,
 * so that all of it runs and is tested on any system; {@link WindowsDirectoryAcl} only moves
 * the bytes in and out of Windows.
 *
 * <p>Read from bytes rather than from SDDL text because Windows prints many SIDs as
 * two-letter aliases of its own choosing ({@code DA} for the machine domain's Domain Admins,
 * {@code AC}, {@code LA}...), and a reader that does not know one cannot tell what it grants.
 * Every SID has exactly one binary form.
 *
 * <p>The layout constants below are the offsets and sizes of {@code winnt.h}'s
 * {@code SECURITY_DESCRIPTOR_RELATIVE}, {@code ACL}, {@code ACE_HEADER},
 * {@code ACCESS_ALLOWED_ACE}, {@code ACCESS_ALLOWED_OBJECT_ACE} and {@code SID}, checked against
 * the mingw-w64 headers by a test. All fields are little-endian except the SID's identifier
 * authority, which is a big-endian 48-bit number.
 */
final class SecurityDescriptorBytes {

    /** {@code sizeof(SECURITY_DESCRIPTOR_RELATIVE)}. */
    static final int DESCRIPTOR_SIZE = 20;
    /** {@code offsetof(SECURITY_DESCRIPTOR_RELATIVE, Control)}. */
    static final int DESCRIPTOR_CONTROL = 2;
    /** {@code offsetof(SECURITY_DESCRIPTOR_RELATIVE, Owner)}. */
    static final int DESCRIPTOR_OWNER = 4;
    /** {@code offsetof(SECURITY_DESCRIPTOR_RELATIVE, Dacl)}. */
    static final int DESCRIPTOR_DACL = 16;
    /** {@code sizeof(ACL)}: the list's header, followed by its entries. */
    static final int ACL_HEADER_SIZE = 8;
    /** {@code offsetof(ACL, AclSize)}. */
    static final int ACL_SIZE = 2;
    /** {@code offsetof(ACL, AceCount)}. */
    static final int ACL_ACE_COUNT = 4;
    /** {@code sizeof(ACE_HEADER)}. */
    static final int ACE_HEADER_SIZE = 4;
    /** {@code offsetof(ACE_HEADER, AceFlags)}. */
    static final int ACE_FLAGS = 1;
    /** {@code offsetof(ACE_HEADER, AceSize)}. */
    static final int ACE_SIZE = 2;
    /** {@code offsetof(ACCESS_ALLOWED_ACE, Mask)}, the same in every entry type. */
    static final int ACE_MASK = 4;
    /** {@code offsetof(ACCESS_ALLOWED_ACE, SidStart)}, also of denied and callback entries. */
    static final int ACE_SID = 8;
    /** {@code offsetof(ACCESS_ALLOWED_OBJECT_ACE, Flags)}. */
    static final int OBJECT_ACE_FLAGS = 8;
    /** {@code offsetof(ACCESS_ALLOWED_OBJECT_ACE, ObjectType)}: the SID moves up when a GUID is absent. */
    static final int OBJECT_ACE_OBJECT_TYPE = 12;
    /** {@code sizeof(GUID)}. */
    static final int GUID_SIZE = 16;
    /** {@code offsetof(SID, SubAuthorityCount)}. */
    static final int SID_SUB_AUTHORITY_COUNT = 1;
    /** {@code offsetof(SID, IdentifierAuthority)}. */
    static final int SID_AUTHORITY = 2;
    /** {@code sizeof(SID_IDENTIFIER_AUTHORITY)}. */
    static final int SID_AUTHORITY_SIZE = 6;
    /** {@code offsetof(SID, SubAuthority)}. */
    static final int SID_SUB_AUTHORITIES = 8;

    /** Where {@link #protectedDescriptor} puts the DACL: right after the header. */
    static final int WRITTEN_DACL_OFFSET = DESCRIPTOR_SIZE;

    /** The mask exacme writes for {@link Rights#FULL}. */
    static final int FULL_MASK = FILE_ALL_ACCESS;
    /** The mask exacme writes for {@link Rights#READ}: read and execute, what Windows' "Read" checkbox grants. */
    static final int READ_MASK = FILE_GENERIC_READ | FILE_GENERIC_EXECUTE;

    private static final String EVERYONE = "S-1-1-0";
    private static final Pattern SID_TEXT = Pattern.compile("S-1-(\\d+|0[xX][0-9a-fA-F]{1,12})((-\\d+)*)");

    private SecurityDescriptorBytes() {
    }

    /**
     * Reads a self-relative descriptor.
     *
     * @throws IllegalArgumentException saying what is malformed
     */
    static DirectoryAccess decode(byte[] descriptor) {
        require(descriptor.length >= DESCRIPTOR_SIZE, "shorter than a descriptor header: " + descriptor.length);
        require((descriptor[0] & 0xFF) == SECURITY_DESCRIPTOR_REVISION, "revision " + (descriptor[0] & 0xFF));
        var control = u16(descriptor, DESCRIPTOR_CONTROL);
        require((control & SE_SELF_RELATIVE) != 0, "not self-relative (control 0x" + Integer.toHexString(control) + ")");
        var ownerAt = u32(descriptor, DESCRIPTOR_OWNER);
        var owner = ownerAt == 0 ? Optional.<String>empty() : Optional.of(sidText(descriptor, ownerAt, descriptor.length));
        var blocked = (control & SE_DACL_PROTECTED) != 0;
        var daclAt = u32(descriptor, DESCRIPTOR_DACL);
        if ((control & SE_DACL_PRESENT) == 0 || daclAt == 0) {
            // A NULL DACL denies nothing: Windows lets everyone do everything.
            return new DirectoryAccess(owner, blocked, List.of(new AccessEntry(EVERYONE, true, Rights.FULL, false,
                    false, "no DACL at all (a NULL DACL grants everyone full control)")));
        }
        return new DirectoryAccess(owner, blocked, entries(descriptor, daclAt));
    }

    private static List<AccessEntry> entries(byte[] descriptor, long daclAt) {
        require(daclAt + ACL_HEADER_SIZE <= descriptor.length, "DACL offset " + daclAt + " outside the descriptor");
        var start = (int) daclAt;
        var revision = descriptor[start] & 0xFF;
        require(revision == ACL_REVISION || revision == ACL_REVISION_DS, "ACL revision " + revision);
        var end = start + u16(descriptor, start + ACL_SIZE);
        require(end <= descriptor.length && end >= start + ACL_HEADER_SIZE, "ACL size " + (end - start));
        var count = u16(descriptor, start + ACL_ACE_COUNT);
        var entries = new ArrayList<AccessEntry>();
        var at = start + ACL_HEADER_SIZE;
        for (var i = 0; i < count; i++) {
            require(at + ACE_HEADER_SIZE <= end, "entry " + i + " beyond the ACL");
            var size = u16(descriptor, at + ACE_SIZE);
            require(size >= ACE_SID && at + size <= end, "entry " + i + " of size " + size);
            entries.add(entry(descriptor, at, at + size));
            at += size;
        }
        return entries;
    }

    private static AccessEntry entry(byte[] descriptor, int at, int end) {
        var type = descriptor[at] & 0xFF;
        var flags = descriptor[at + ACE_FLAGS] & 0xFF;
        var inherited = (flags & INHERITED_ACE) != 0;
        var inheritable = (flags & (OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE)) != 0;
        var mask = (int) u32(descriptor, at + ACE_MASK);
        int sidAt;
        switch (type) {
            case ACCESS_ALLOWED_ACE_TYPE, ACCESS_DENIED_ACE_TYPE, ACCESS_ALLOWED_CALLBACK_ACE_TYPE,
                    ACCESS_DENIED_CALLBACK_ACE_TYPE -> sidAt = at + ACE_SID;
            case ACCESS_ALLOWED_OBJECT_ACE_TYPE, ACCESS_DENIED_OBJECT_ACE_TYPE, ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE,
                    ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE -> {
                require(at + OBJECT_ACE_OBJECT_TYPE <= end, "object entry too short");
                var present = (int) u32(descriptor, at + OBJECT_ACE_FLAGS);
                sidAt = at + OBJECT_ACE_OBJECT_TYPE
                        + ((present & ACE_OBJECT_TYPE_PRESENT) != 0 ? GUID_SIZE : 0)
                        + ((present & ACE_INHERITED_OBJECT_TYPE_PRESENT) != 0 ? GUID_SIZE : 0);
            }
            default -> {
                // Counted as granting something: an entry exacme cannot read must not pass as harmless.
                return new AccessEntry("unknown ACE type 0x" + Integer.toHexString(type), true, Rights.OTHER,
                        inherited, inheritable, detail(flags, type, mask));
            }
        }
        var allow = type == ACCESS_ALLOWED_ACE_TYPE || type == ACCESS_ALLOWED_OBJECT_ACE_TYPE
                || type == ACCESS_ALLOWED_CALLBACK_ACE_TYPE || type == ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE;
        return new AccessEntry(sidText(descriptor, sidAt, end), allow, rights(mask), inherited, inheritable,
                detail(flags, type, mask));
    }

    /** The rights of an access mask, generic rights read as Windows maps them for files. */
    static Rights rights(int mask) {
        var specific = mask & ~(GENERIC_ALL | GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE);
        if ((mask & GENERIC_ALL) != 0) {
            specific |= FILE_ALL_ACCESS;
        }
        if ((mask & GENERIC_READ) != 0) {
            specific |= FILE_GENERIC_READ;
        }
        if ((mask & GENERIC_WRITE) != 0) {
            specific |= FILE_GENERIC_WRITE;
        }
        if ((mask & GENERIC_EXECUTE) != 0) {
            specific |= FILE_GENERIC_EXECUTE;
        }
        if ((specific & FILE_ALL_ACCESS) == FILE_ALL_ACCESS) {
            return Rights.FULL;
        }
        return (specific & FILE_READ_DATA) != 0 ? Rights.READ : Rights.OTHER;
    }

    /**
     * A protected self-relative descriptor holding only a DACL of {@code entries} (deny entries
     * first, as Windows orders explicit entries), its DACL at {@link #WRITTEN_DACL_OFFSET}. It
     * has no owner: the owner is set separately, so that creating the directory does not
     * depend on this account being allowed to assign it.
     *
     * @throws IllegalArgumentException for an inherited entry, {@link Rights#OTHER} or a bad SID
     */
    static byte[] protectedDescriptor(List<AccessEntry> entries) {
        var ordered = new ArrayList<AccessEntry>();
        entries.stream().filter(entry -> !entry.allow()).forEach(ordered::add);
        entries.stream().filter(AccessEntry::allow).forEach(ordered::add);
        var aces = new ByteArrayOutputStream();
        for (var entry : ordered) {
            if (entry.inherited()) {
                throw new IllegalArgumentException("an inherited entry cannot be written: " + entry);
            }
            var mask = switch (entry.rights()) {
                case FULL -> FULL_MASK;
                case READ -> READ_MASK;
                case OTHER -> throw new IllegalArgumentException("OTHER rights cannot be written: " + entry);
            };
            var sid = sid(entry.principal());
            var size = ACE_SID + sid.length;
            aces.write(entry.allow() ? ACCESS_ALLOWED_ACE_TYPE : ACCESS_DENIED_ACE_TYPE);
            aces.write(entry.inheritable() ? OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE : 0);
            writeU16(aces, size);
            writeU32(aces, mask);
            aces.writeBytes(sid);
        }
        var aclSize = ACL_HEADER_SIZE + aces.size();
        if (aclSize > 0xFFFF) {
            throw new IllegalArgumentException("too many entries for one ACL: " + entries.size());
        }
        var out = new ByteArrayOutputStream();
        out.write(SECURITY_DESCRIPTOR_REVISION);
        out.write(0);
        writeU16(out, SE_DACL_PRESENT | SE_DACL_PROTECTED | SE_SELF_RELATIVE);
        writeU32(out, 0); // owner
        writeU32(out, 0); // group
        writeU32(out, 0); // SACL
        writeU32(out, WRITTEN_DACL_OFFSET);
        out.write(ACL_REVISION);
        out.write(0);
        writeU16(out, aclSize);
        writeU16(out, ordered.size());
        writeU16(out, 0);
        out.writeBytes(aces.toByteArray());
        return out.toByteArray();
    }

    /**
     * The binary form of a SID in its {@code S-1-...} form.
     *
     * @throws IllegalArgumentException if it is not one
     */
    static byte[] sid(String text) {
        var matcher = SID_TEXT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a SID: " + text);
        }
        var authorityText = matcher.group(1);
        var authority = authorityText.startsWith("0x") || authorityText.startsWith("0X")
                ? Long.parseLong(authorityText.substring(2), 16) : parse(authorityText, 0xFFFF_FFFF_FFFFL, text);
        var rest = matcher.group(2);
        var subAuthorities = rest.isEmpty() ? new String[0] : rest.substring(1).split("-");
        if (subAuthorities.length > SID_MAX_SUB_AUTHORITIES) {
            throw new IllegalArgumentException("more than " + SID_MAX_SUB_AUTHORITIES + " sub-authorities: " + text);
        }
        var out = new ByteArrayOutputStream();
        out.write(SID_REVISION);
        out.write(subAuthorities.length);
        for (var shift = 40; shift >= 0; shift -= 8) {
            out.write((int) (authority >>> shift) & 0xFF);
        }
        for (var subAuthority : subAuthorities) {
            writeU32(out, parse(subAuthority, 0xFFFF_FFFFL, text));
        }
        return out.toByteArray();
    }

    /** The {@code S-1-...} form of the SID at {@code at}, which must end by {@code limit}. */
    static String sidText(byte[] bytes, long at, int limit) {
        require(at >= 0 && at + SID_SUB_AUTHORITIES <= limit, "SID at " + at + " beyond its bounds");
        var start = (int) at;
        require((bytes[start] & 0xFF) == SID_REVISION, "SID revision " + (bytes[start] & 0xFF));
        var count = bytes[start + SID_SUB_AUTHORITY_COUNT] & 0xFF;
        require(count <= SID_MAX_SUB_AUTHORITIES && start + SID_SUB_AUTHORITIES + 4L * count <= limit,
                "SID with " + count + " sub-authorities beyond its bounds");
        var authority = 0L;
        for (var i = 0; i < SID_AUTHORITY_SIZE; i++) {
            authority = authority << 8 | (bytes[start + SID_AUTHORITY + i] & 0xFF);
        }
        // as ConvertSidToStringSid writes it: decimal when it fits 32 bits, else hexadecimal
        var text = new StringBuilder("S-1-").append(authority >>> 32 == 0 ? Long.toString(authority)
                : String.format("0x%012X", authority));
        for (var i = 0; i < count; i++) {
            text.append('-').append(u32(bytes, start + SID_SUB_AUTHORITIES + 4 * i));
        }
        return text.toString();
    }

    /** The flags as icacls prints them, which is what administrators know, then the mask. */
    private static String detail(int flags, int type, int mask) {
        var text = new StringBuilder();
        if (type == ACCESS_DENIED_ACE_TYPE || type == ACCESS_DENIED_OBJECT_ACE_TYPE
                || type == ACCESS_DENIED_CALLBACK_ACE_TYPE || type == ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE) {
            text.append("(DENY)");
        }
        if (type >= ACCESS_ALLOWED_CALLBACK_ACE_TYPE && type <= ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE) {
            text.append("(conditional)");
        }
        if ((flags & INHERITED_ACE) != 0) {
            text.append("(I)");
        }
        if ((flags & OBJECT_INHERIT_ACE) != 0) {
            text.append("(OI)");
        }
        if ((flags & CONTAINER_INHERIT_ACE) != 0) {
            text.append("(CI)");
        }
        if ((flags & INHERIT_ONLY_ACE) != 0) {
            text.append("(IO)");
        }
        if ((flags & NO_PROPAGATE_INHERIT_ACE) != 0) {
            text.append("(NP)");
        }
        return text.append(text.isEmpty() ? "" : " ").append(String.format("0x%08X", mask)).toString();
    }

    private static long parse(String digits, long max, String sid) {
        try {
            var value = Long.parseLong(digits);
            if (value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("out of range in " + sid + ": " + digits);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("malformed security descriptor: " + problem);
        }
    }

    private static int u16(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] bytes, int at) {
        return (bytes[at] & 0xFFL) | (bytes[at + 1] & 0xFFL) << 8 | (bytes[at + 2] & 0xFFL) << 16
                | (bytes[at + 3] & 0xFFL) << 24;
    }

    private static void writeU16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write(value >>> 8 & 0xFF);
    }

    private static void writeU32(ByteArrayOutputStream out, long value) {
        for (var shift = 0; shift < 32; shift += 8) {
            out.write((int) (value >>> shift) & 0xFF);
        }
    }
}
