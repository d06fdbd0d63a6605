package dev.exacme.store.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.store.KeyRights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityDescriptorTest {

    @TempDir
    Path temp;

    @Test
    void readsWhatWindowsPrintsForAKeyImportedByLocalSystem() {
        // The seed's state: imported by a LocalSystem service, Administrators left out.
        var descriptor = SecurityDescriptor.parse("O:SYG:SYD:PAI(A;;FA;;;SY)");

        assertEquals(Optional.of("S-1-5-18"), descriptor.owner());
        assertEquals("PAI", descriptor.daclFlags());
        assertEquals(List.of(new SecurityDescriptor.Ace(true, "", 0x1F01FF, "S-1-5-18")), descriptor.aces());
        var missing = KeyDacl.missing(descriptor, RequiredAccess.defaults(), sid -> "name-of-" + sid);
        assertEquals(2, missing.size(), missing.toString());
        assertTrue(missing.get(0).startsWith("name-of-S-1-5-32-544 (S-1-5-32-544) lacks full control"), missing.get(0));
        assertTrue(missing.get(1).contains("lacks read access"), missing.get(1));
    }

    @Test
    void readsHexMasksConcatenatedRightsAndFullSids() {
        var descriptor = SecurityDescriptor.parse(
                "O:BAD:(A;;0x80120089;;;NS)(A;ID;GA;;;BA)(D;;RCWD;;;S-1-5-21-1-2-3-1001)(A;;FR;;;S-1-5-21-1-2-3-1001)");

        assertEquals(4, descriptor.aces().size());
        assertEquals(0x80120089, descriptor.aces().get(0).mask());
        assertTrue(descriptor.aces().get(1).inherited());
        assertEquals(0x20000 | 0x40000, descriptor.aces().get(2).mask());
        assertFalse(descriptor.aces().get(2).allow());
        assertTrue(KeyDacl.grants(descriptor, "S-1-5-20", KeyRights.READ));
        assertTrue(KeyDacl.grants(descriptor, "S-1-5-32-544", KeyRights.FULL_CONTROL), "GA counts as full control");
        assertFalse(KeyDacl.grants(descriptor, "S-1-5-21-1-2-3-1001", KeyRights.READ), "the deny takes READ_CONTROL");
        assertTrue(KeyDacl.canRepermission(descriptor, "S-1-5-32-544"));
    }

    @Test
    void keepsTheDomainAliasesOfADomainJoinedServerAndWritesThemBack() {
        // What a key's DACL looks like on a domain member once Domain Admins were given access.
        var sddl = "O:BAD:PAI(A;;FA;;;SY)(A;;FA;;;BA)(A;;FA;;;DA)(A;;FR;;;NS)";

        var descriptor = SecurityDescriptor.parse(sddl);

        assertEquals("DA", descriptor.aces().get(2).sid());
        assertTrue(KeyDacl.missing(descriptor, RequiredAccess.defaults(), sid -> sid).isEmpty(),
                "SYSTEM, Administrators and NETWORK SERVICE are recognised beside it");
        assertTrue(descriptor.daclSddl().contains("(A;;0x1F01FF;;;DA)"), "written back as Windows printed it: "
                + descriptor.daclSddl());
    }

    @Test
    void refusesWhatItCannotReadNamingIt() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> SecurityDescriptor.parse("D:(A;;FA;;;Netzwerkdienst)"));
        assertTrue(error.getMessage().contains("Netzwerkdienst"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SecurityDescriptor.parse("D:(OA;;FA;;;SY)"));
        assertThrows(IllegalArgumentException.class, () -> SecurityDescriptor.parse("D:(A;;ZZ;;;SY)"));
    }

    @Test
    void mergeKeepsEveryEntryAddsWhatIsMissingBeforeInheritedOnesAndLiftsBlockingDenies() {
        var descriptor = SecurityDescriptor.parse(
                "O:SYD:AI(D;;FA;;;NS)(A;;FA;;;SY)(A;;FR;;;S-1-5-21-7-8-9-500)(A;ID;FA;;;S-1-5-21-7-8-9-1100)");
        var required = new java.util.ArrayList<>(RequiredAccess.defaults());
        required.add(new RequiredAccess("S-1-5-82-1", KeyRights.READ, "an IIS application pool"));

        var merge = KeyDacl.merge(descriptor, required, sid -> sid);

        assertEquals("D:AI(A;;0x1F01FF;;;S-1-5-18)(A;;0x120089;;;S-1-5-21-7-8-9-500)(A;;0xD01F01FF;;;S-1-5-32-544)"
                + "(A;;0x80120089;;;S-1-5-20)(A;;0x80120089;;;S-1-5-82-1)(A;ID;0x1F01FF;;;S-1-5-21-7-8-9-1100)",
                merge.descriptor().daclSddl());
        assertEquals(List.of("granted full control to S-1-5-32-544", "removed a deny entry for S-1-5-20",
                "granted read to S-1-5-20", "granted read to S-1-5-82-1"), merge.changes());
        assertTrue(KeyDacl.missing(merge.descriptor(), required, sid -> sid).isEmpty());
        var again = KeyDacl.merge(SecurityDescriptor.parse(merge.descriptor().daclSddl()), required, sid -> sid);
        assertTrue(again.changes().isEmpty(), "a second merge changes nothing: " + again.changes());
    }

    @Test
    void rightsAndSidsAgreeWithTheWindowsHeaders() throws Exception {
        var macros = new LinkedHashMap<String, String>();
        macros.put("GA", "GENERIC_ALL");
        macros.put("GR", "GENERIC_READ");
        macros.put("GW", "GENERIC_WRITE");
        macros.put("GX", "GENERIC_EXECUTE");
        macros.put("RC", "READ_CONTROL");
        macros.put("SD", "DELETE");
        macros.put("WD", "WRITE_DAC");
        macros.put("WO", "WRITE_OWNER");
        macros.put("FA", "FILE_ALL_ACCESS");
        macros.put("FR", "FILE_GENERIC_READ");
        macros.put("FW", "FILE_GENERIC_WRITE");
        macros.put("FX", "FILE_GENERIC_EXECUTE");
        macros.put("KA", "KEY_ALL_ACCESS");
        macros.put("KR", "KEY_READ");
        macros.put("KW", "KEY_WRITE");
        macros.put("KX", "KEY_EXECUTE");
        var values = new LinkedHashMap<String, Integer>();
        macros.forEach((alias, macro) -> values.put(macro, SecurityDescriptor.RIGHT_ALIASES.get(alias)));
        values.put("FILE_ALL_ACCESS + 0", KeyDacl.FILE_ALL_ACCESS);
        values.put("FILE_GENERIC_READ + 0", KeyDacl.FILE_GENERIC_READ);
        values.put("WRITE_DAC + 0", KeyDacl.WRITE_DAC);
        values.put("GENERIC_READ | GENERIC_WRITE | GENERIC_ALL | FILE_ALL_ACCESS", KeyDacl.FULL_CONTROL_MASK);
        values.put("GENERIC_READ | FILE_GENERIC_READ", KeyDacl.READ_MASK);
        values.put("SECURITY_LOCAL_SYSTEM_RID", rid(RequiredAccess.SYSTEM));
        values.put("SECURITY_NETWORK_SERVICE_RID", rid(RequiredAccess.NETWORK_SERVICE));
        values.put("DOMAIN_ALIAS_RID_ADMINS", rid(RequiredAccess.ADMINISTRATORS));

        var result = MingwCompiler.assertValues(temp, "#include <windows.h>\n", values);

        assertEquals(0, result.exit(), "the SDDL tables disagree with winnt.h:\n" + result.output());
    }

    private static int rid(String sid) {
        return Integer.parseInt(sid.substring(sid.lastIndexOf('-') + 1));
    }
}
