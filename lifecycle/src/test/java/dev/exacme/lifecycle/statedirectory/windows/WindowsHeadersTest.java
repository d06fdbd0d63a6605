package dev.exacme.lifecycle.statedirectory.windows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import dev.exacme.lifecycle.statedirectory.AccessEntry;
import dev.exacme.lifecycle.statedirectory.AccessEntry.Rights;
import dev.exacme.lifecycle.statedirectory.DirectoryAccess;
import dev.exacme.lifecycle.statedirectory.StateDirectoryProtection;
import dev.exacme.lifecycle.statedirectory.windows.jna.AclConstants;
import dev.exacme.store.windows.MingwCompiler;
import dev.exacme.store.windows.jna.StoreConstants;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks what the state directory's Windows code relies on against the Windows SDK headers of
 * mingw-w64, with the x64 cross compiler: every constant of {@link AclConstants} (found by
 * reflection, so none can be left out) and the {@link StoreConstants} it borrows, every
 * offset and size {@link SecurityDescriptorBytes} reads and writes by, and whole descriptors:
 * the one exacme writes must be byte for byte what the compiler lays out from the headers'
 * structures and macros, and one laid out by the compiler must be read as Windows means it.
 */
class WindowsHeadersTest {

    private static final String HEADERS = """
            #include <windows.h>
            #include <aclapi.h>
            #include <stddef.h>
            """;

    /** A SID with {@code n} sub-authorities, and an entry holding one, as winnt.h's SID and ACCESS_ALLOWED_ACE lay them out. */
    private static final String VARIABLE_STRUCTURES = """
            #define SID_OF(n) struct { BYTE Revision; BYTE SubAuthorityCount; \\
                SID_IDENTIFIER_AUTHORITY IdentifierAuthority; DWORD SubAuthority[n]; }
            #define ACE_OF(n) struct { ACE_HEADER Header; ACCESS_MASK Mask; SID_OF(n) Sid; }
            #define SIZE(member) sizeof(((struct exacme_blob *) 0)->member)
            """;

    @TempDir
    Path temp;

    @Test
    void everyConstantMatchesTheWindowsHeaders() throws Exception {
        MingwCompiler.require();
        var values = new LinkedHashMap<String, Integer>();
        for (var field : AclConstants.class.getDeclaredFields()) {
            var modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == int.class) {
                values.put(field.getName(), field.getInt(null));
            }
        }
        assertEquals(Arrays.stream(AclConstants.class.getDeclaredFields())
                .filter(field -> Modifier.isPublic(field.getModifiers())).count(), values.size(), "only ints");
        // borrowed from the machine store's bindings, which check them too; checked here for what this code uses
        values.put("DACL_SECURITY_INFORMATION", StoreConstants.DACL_SECURITY_INFORMATION);
        values.put("PROTECTED_DACL_SECURITY_INFORMATION", StoreConstants.PROTECTED_DACL_SECURITY_INFORMATION);
        values.put("OWNER_SECURITY_INFORMATION", StoreConstants.OWNER_SECURITY_INFORMATION);
        values.put("SE_FILE_OBJECT", StoreConstants.SE_FILE_OBJECT);
        values.put("ERROR_SUCCESS", StoreConstants.ERROR_SUCCESS);

        var result = MingwCompiler.assertValues(temp, HEADERS, values);

        assertEquals(0, result.exit(), "the constants disagree with the Windows headers:\n" + result.output());
    }

    @Test
    void layoutsAndMasksMatchTheWindowsHeaders() throws Exception {
        MingwCompiler.require();
        var values = new LinkedHashMap<String, Integer>();
        values.put("sizeof(SECURITY_DESCRIPTOR_RELATIVE)", SecurityDescriptorBytes.DESCRIPTOR_SIZE);
        values.put("offsetof(SECURITY_DESCRIPTOR_RELATIVE, Control)", SecurityDescriptorBytes.DESCRIPTOR_CONTROL);
        values.put("offsetof(SECURITY_DESCRIPTOR_RELATIVE, Owner)", SecurityDescriptorBytes.DESCRIPTOR_OWNER);
        values.put("offsetof(SECURITY_DESCRIPTOR_RELATIVE, Dacl)", SecurityDescriptorBytes.DESCRIPTOR_DACL);
        values.put("sizeof(ACL)", SecurityDescriptorBytes.ACL_HEADER_SIZE);
        values.put("offsetof(ACL, AclSize)", SecurityDescriptorBytes.ACL_SIZE);
        values.put("offsetof(ACL, AceCount)", SecurityDescriptorBytes.ACL_ACE_COUNT);
        values.put("sizeof(ACE_HEADER)", SecurityDescriptorBytes.ACE_HEADER_SIZE);
        values.put("offsetof(ACE_HEADER, AceFlags)", SecurityDescriptorBytes.ACE_FLAGS);
        values.put("offsetof(ACE_HEADER, AceSize)", SecurityDescriptorBytes.ACE_SIZE);
        values.put("offsetof(ACCESS_ALLOWED_ACE, Mask)", SecurityDescriptorBytes.ACE_MASK);
        values.put("offsetof(ACCESS_ALLOWED_ACE, SidStart)", SecurityDescriptorBytes.ACE_SID);
        values.put("offsetof(ACCESS_DENIED_ACE, SidStart)", SecurityDescriptorBytes.ACE_SID);
        values.put("offsetof(ACCESS_ALLOWED_CALLBACK_ACE, SidStart)", SecurityDescriptorBytes.ACE_SID);
        values.put("offsetof(ACCESS_DENIED_CALLBACK_ACE, SidStart)", SecurityDescriptorBytes.ACE_SID);
        values.put("offsetof(ACCESS_ALLOWED_OBJECT_ACE, Mask)", SecurityDescriptorBytes.ACE_MASK);
        values.put("offsetof(ACCESS_ALLOWED_OBJECT_ACE, Flags)", SecurityDescriptorBytes.OBJECT_ACE_FLAGS);
        values.put("offsetof(ACCESS_ALLOWED_OBJECT_ACE, ObjectType)", SecurityDescriptorBytes.OBJECT_ACE_OBJECT_TYPE);
        values.put("offsetof(ACCESS_DENIED_OBJECT_ACE, ObjectType)", SecurityDescriptorBytes.OBJECT_ACE_OBJECT_TYPE);
        values.put("offsetof(ACCESS_ALLOWED_CALLBACK_OBJECT_ACE, ObjectType)",
                SecurityDescriptorBytes.OBJECT_ACE_OBJECT_TYPE);
        values.put("sizeof(GUID)", SecurityDescriptorBytes.GUID_SIZE);
        values.put("offsetof(ACCESS_ALLOWED_OBJECT_ACE, SidStart)",
                SecurityDescriptorBytes.OBJECT_ACE_OBJECT_TYPE + 2 * SecurityDescriptorBytes.GUID_SIZE);
        values.put("offsetof(SID, SubAuthorityCount)", SecurityDescriptorBytes.SID_SUB_AUTHORITY_COUNT);
        values.put("offsetof(SID, IdentifierAuthority)", SecurityDescriptorBytes.SID_AUTHORITY);
        values.put("sizeof(SID_IDENTIFIER_AUTHORITY)", SecurityDescriptorBytes.SID_AUTHORITY_SIZE);
        values.put("offsetof(SID, SubAuthority)", SecurityDescriptorBytes.SID_SUB_AUTHORITIES);
        values.put("FILE_ALL_ACCESS + 0", SecurityDescriptorBytes.FULL_MASK);
        values.put("FILE_GENERIC_READ | FILE_GENERIC_EXECUTE", SecurityDescriptorBytes.READ_MASK);
        // jna-platform's structure as JNA lays it out here: x86-64 aligns its fields as x64 Windows does
        values.put("sizeof(SECURITY_ATTRIBUTES)", new SECURITY_ATTRIBUTES().size());

        var result = MingwCompiler.assertValues(temp, HEADERS, values);

        assertEquals(0, result.exit(), "the layouts disagree with the Windows headers:\n" + result.output());
    }

    @Test
    void theDescriptorExacmeWritesIsWhatTheHeadersLayOut() throws Exception {
        MingwCompiler.require();
        var written = SecurityDescriptorBytes.protectedDescriptor(
                StateDirectoryProtection.windows(new WindowsDirectoryAcl()).intended());
        var source = HEADERS + VARIABLE_STRUCTURES + """
                struct exacme_blob {
                  SECURITY_DESCRIPTOR_RELATIVE Descriptor;
                  ACL Acl;
                  ACE_OF(1) System;
                  ACE_OF(2) Administrators;
                };
                _Static_assert(sizeof(struct exacme_blob) == %d, "the size differs");
                __attribute__((section(".exacme"), used)) const struct exacme_blob exacme_blob = {
                  { SECURITY_DESCRIPTOR_REVISION, 0, SE_DACL_PRESENT | SE_DACL_PROTECTED | SE_SELF_RELATIVE,
                    0, 0, 0, offsetof(struct exacme_blob, Acl) },
                  { ACL_REVISION, 0, sizeof(struct exacme_blob) - offsetof(struct exacme_blob, Acl), 2, 0 },
                  { { ACCESS_ALLOWED_ACE_TYPE, OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE, SIZE(System) },
                    FILE_ALL_ACCESS, { SID_REVISION, 1, { SECURITY_NT_AUTHORITY }, { SECURITY_LOCAL_SYSTEM_RID } } },
                  { { ACCESS_ALLOWED_ACE_TYPE, OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE, SIZE(Administrators) },
                    FILE_ALL_ACCESS, { SID_REVISION, 2, { SECURITY_NT_AUTHORITY },
                    { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_ADMINS } } },
                };
                """.formatted(written.length);

        var laidOut = MingwCompiler.sectionBytes(temp, "intended", source);

        assertArrayEquals(laidOut, Arrays.copyOf(written, laidOut.length), "exacme's bytes differ from the headers'");
        for (var i = written.length; i < laidOut.length; i++) {
            assertEquals(0, laidOut[i], "section padding");
        }
    }

    @Test
    void aDescriptorTheHeadersLayOutIsReadAsWindowsMeansIt() throws Exception {
        MingwCompiler.require();
        // %ProgramData%'s entries as a subfolder inherits them, an explicit deny first, and the
        // entry types exacme must not mistake for harmless: object, conditional, and one it does not know
        var source = HEADERS + VARIABLE_STRUCTURES + """
                struct exacme_blob {
                  SECURITY_DESCRIPTOR_RELATIVE Descriptor;
                  ACL Acl;
                  ACE_OF(5) DenyDomainAccount;
                  ACE_OF(1) System;
                  ACE_OF(2) Administrators;
                  ACE_OF(1) CreatorOwner;
                  ACE_OF(2) UsersRead;
                  ACE_OF(2) UsersWrite;
                  struct { ACE_HEADER Header; ACCESS_MASK Mask; DWORD Flags; GUID ObjectType; SID_OF(1) Sid; } ObjectEveryone;
                  struct { ACE_HEADER Header; ACCESS_MASK Mask; SID_OF(1) Sid; BYTE ApplicationData[4]; } Conditional;
                  ACE_OF(1) Audit;
                  SID_OF(1) Owner;
                };
                #define ALL_INHERITED INHERITED_ACE | OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE
                __attribute__((section(".exacme"), used)) const struct exacme_blob exacme_blob = {
                  { SECURITY_DESCRIPTOR_REVISION, 0, SE_DACL_PRESENT | SE_DACL_AUTO_INHERITED | SE_SELF_RELATIVE,
                    offsetof(struct exacme_blob, Owner), 0, 0, offsetof(struct exacme_blob, Acl) },
                  { ACL_REVISION_DS, 0, offsetof(struct exacme_blob, Owner) - offsetof(struct exacme_blob, Acl), 9, 0 },
                  { { ACCESS_DENIED_ACE_TYPE, 0, SIZE(DenyDomainAccount) }, FILE_ALL_ACCESS,
                    { SID_REVISION, 5, { SECURITY_NT_AUTHORITY }, { SECURITY_NT_NON_UNIQUE, 1, 2, 3, 1001 } } },
                  { { ACCESS_ALLOWED_ACE_TYPE, ALL_INHERITED, SIZE(System) }, FILE_ALL_ACCESS,
                    { SID_REVISION, 1, { SECURITY_NT_AUTHORITY }, { SECURITY_LOCAL_SYSTEM_RID } } },
                  { { ACCESS_ALLOWED_ACE_TYPE, ALL_INHERITED, SIZE(Administrators) }, FILE_ALL_ACCESS,
                    { SID_REVISION, 2, { SECURITY_NT_AUTHORITY }, { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_ADMINS } } },
                  { { ACCESS_ALLOWED_ACE_TYPE, ALL_INHERITED | INHERIT_ONLY_ACE, SIZE(CreatorOwner) }, GENERIC_ALL,
                    { SID_REVISION, 1, { SECURITY_CREATOR_SID_AUTHORITY }, { SECURITY_CREATOR_OWNER_RID } } },
                  { { ACCESS_ALLOWED_ACE_TYPE, ALL_INHERITED, SIZE(UsersRead) }, FILE_GENERIC_READ | FILE_GENERIC_EXECUTE,
                    { SID_REVISION, 2, { SECURITY_NT_AUTHORITY }, { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_USERS } } },
                  { { ACCESS_ALLOWED_ACE_TYPE, INHERITED_ACE | CONTAINER_INHERIT_ACE, SIZE(UsersWrite) },
                    FILE_ADD_FILE | FILE_ADD_SUBDIRECTORY | FILE_WRITE_EA | FILE_WRITE_ATTRIBUTES,
                    { SID_REVISION, 2, { SECURITY_NT_AUTHORITY }, { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_USERS } } },
                  { { ACCESS_ALLOWED_OBJECT_ACE_TYPE, 0, SIZE(ObjectEveryone) }, GENERIC_READ, ACE_OBJECT_TYPE_PRESENT,
                    { 0x12345678, 0x1234, 0x5678, { 1, 2, 3, 4, 5, 6, 7, 8 } },
                    { SID_REVISION, 1, { SECURITY_WORLD_SID_AUTHORITY }, { SECURITY_WORLD_RID } } },
                  { { ACCESS_ALLOWED_CALLBACK_ACE_TYPE, 0, SIZE(Conditional) }, GENERIC_WRITE,
                    { SID_REVISION, 1, { SECURITY_NT_AUTHORITY }, { SECURITY_AUTHENTICATED_USER_RID } }, { 'a', 'r', 't', 'x' } },
                  { { SYSTEM_AUDIT_ACE_TYPE, 0, SIZE(Audit) }, FILE_ALL_ACCESS,
                    { SID_REVISION, 1, { SECURITY_NT_AUTHORITY }, { SECURITY_LOCAL_SYSTEM_RID } } },
                  { SID_REVISION, 1, { SECURITY_NT_AUTHORITY }, { SECURITY_LOCAL_SYSTEM_RID } },
                };
                """;
        var bytes = MingwCompiler.sectionBytes(temp, "programdata", source);

        var access = SecurityDescriptorBytes.decode(bytes);

        assertEquals(new DirectoryAccess(Optional.of("S-1-5-18"), false, List.of(
                new AccessEntry("S-1-5-21-1-2-3-1001", false, Rights.FULL, false, false, "(DENY) 0x001F01FF"),
                new AccessEntry("S-1-5-18", true, Rights.FULL, true, true, "(I)(OI)(CI) 0x001F01FF"),
                new AccessEntry("S-1-5-32-544", true, Rights.FULL, true, true, "(I)(OI)(CI) 0x001F01FF"),
                new AccessEntry("S-1-3-0", true, Rights.FULL, true, true, "(I)(OI)(CI)(IO) 0x10000000"),
                new AccessEntry("S-1-5-32-545", true, Rights.READ, true, true, "(I)(OI)(CI) 0x001200A9"),
                new AccessEntry("S-1-5-32-545", true, Rights.OTHER, true, true, "(I)(CI) 0x00000116"),
                new AccessEntry("S-1-1-0", true, Rights.READ, false, false, "0x80000000"),
                new AccessEntry("S-1-5-11", true, Rights.OTHER, false, false, "(conditional) 0x40000000"),
                new AccessEntry("unknown ACE type 0x2", true, Rights.OTHER, false, false, "0x001F01FF"))), access);
        var findings = StateDirectoryProtection.windows(new WindowsDirectoryAcl()).findings(access);
        assertEquals(6, findings.size(), findings.toString());
        assertFalse(findings.stream().anyMatch(finding -> finding.contains("S-1-5-21-1-2-3-1001")), "deny accepted");
    }

    @Test
    void theCompilerIsReachable() throws IOException, InterruptedException {
        MingwCompiler.require();
        assertEquals(0, MingwCompiler.assertValues(temp, HEADERS, Map.of("1", 1)).exit());
    }
}
