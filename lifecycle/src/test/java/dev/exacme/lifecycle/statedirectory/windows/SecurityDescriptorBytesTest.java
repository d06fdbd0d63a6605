package dev.exacme.lifecycle.statedirectory.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.lifecycle.statedirectory.AccessEntry;
import dev.exacme.lifecycle.statedirectory.AccessEntry.Rights;
import dev.exacme.lifecycle.statedirectory.DirectoryAccess;
import dev.exacme.lifecycle.statedirectory.StateDirectoryProtection;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Security descriptors as bytes, without Windows or a compiler (which {@code WindowsHeadersTest}
 * adds): SIDs both ways, the descriptor exacme writes, what it reads, and refusing what is
 * malformed.
 */
class SecurityDescriptorBytesTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sidsGoBothWays() {
        for (var sid : List.of("S-1-5-18", "S-1-5-32-544", "S-1-1-0", "S-1-5-21-1004336348-1177238915-682003330-1106",
                "S-1-15-2-1", "S-1-5", "S-1-0x123456789ABC-7", "S-1-5-21-4294967295-0-1-2-3-4-5-6-7-8-9-10-11-12")) {
            var bytes = SecurityDescriptorBytes.sid(sid);
            assertEquals(sid, SecurityDescriptorBytes.sidText(bytes, 0, bytes.length));
        }
        assertEquals("010100000000000512000000", HEX.formatHex(SecurityDescriptorBytes.sid("S-1-5-18")));
        assertEquals("01020000000000052000000020020000", HEX.formatHex(SecurityDescriptorBytes.sid("S-1-5-32-544")));
    }

    @Test
    void refusesWhatIsNotASid() {
        for (var text : List.of("S-2-5-18", "S-1-5-4294967296", "BA", "S-1-5--1", "S-1-281474976710656",
                "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16")) {
            assertThrows(IllegalArgumentException.class, () -> SecurityDescriptorBytes.sid(text), text);
        }
    }

    @Test
    void theDescriptorForTheStateDirectoryIsProtectedAndHoldsSystemAndAdministrators() {
        var intended = StateDirectoryProtection.windows(new WindowsDirectoryAcl()).intended();

        var bytes = SecurityDescriptorBytes.protectedDescriptor(intended);

        // revision 1, control SE_SELF_RELATIVE | SE_DACL_PROTECTED | SE_DACL_PRESENT, DACL at 20;
        // ACL revision 2, 52 bytes, 2 entries; each allowed, OI|CI, FILE_ALL_ACCESS
        assertEquals("01000490" + "00000000" + "00000000" + "00000000" + "14000000"
                + "02003400" + "02000000"
                + "00031400" + "ff011f00" + "010100000000000512000000"
                + "00031800" + "ff011f00" + "01020000000000052000000020020000", HEX.formatHex(bytes));
        var read = SecurityDescriptorBytes.decode(bytes);
        assertEquals(new DirectoryAccess(Optional.empty(), true, List.of(
                new AccessEntry("S-1-5-18", true, Rights.FULL, false, true, "(OI)(CI) 0x001F01FF"),
                new AccessEntry("S-1-5-32-544", true, Rights.FULL, false, true, "(OI)(CI) 0x001F01FF"))), read);
    }

    @Test
    void denyEntriesAreWrittenFirstAndWhatCannotBeWrittenIsRefused() {
        var bytes = SecurityDescriptorBytes.protectedDescriptor(List.of(
                AccessEntry.allowed("S-1-5-18", Rights.READ, false),
                new AccessEntry("S-1-1-0", false, Rights.FULL, false, true, "")));

        var entries = SecurityDescriptorBytes.decode(bytes).entries();

        assertEquals(List.of("S-1-1-0", "S-1-5-18"), entries.stream().map(AccessEntry::principal).toList());
        assertEquals("(DENY)(OI)(CI) 0x001F01FF", entries.get(0).detail());
        assertEquals("0x001200A9", entries.get(1).detail());
        assertThrows(IllegalArgumentException.class, () -> SecurityDescriptorBytes.protectedDescriptor(
                List.of(AccessEntry.allowed("S-1-5-18", Rights.OTHER, true))));
        assertThrows(IllegalArgumentException.class, () -> SecurityDescriptorBytes.protectedDescriptor(
                List.of(new AccessEntry("S-1-5-18", true, Rights.FULL, true, true, ""))));
        assertThrows(IllegalArgumentException.class, () -> SecurityDescriptorBytes.protectedDescriptor(
                List.of(AccessEntry.allowed("user:root", Rights.FULL, true))));
    }

    @Test
    void aDescriptorWithoutADaclGrantsEveryoneEverything() {
        // self-relative, no SE_DACL_PRESENT: a NULL DACL
        var bytes = HEX.parseHex("01000080" + "00000000" + "00000000" + "00000000" + "00000000");

        var read = SecurityDescriptorBytes.decode(bytes);

        assertEquals(List.of("S-1-1-0"), read.entries().stream().map(AccessEntry::principal).toList());
        assertEquals(Rights.FULL, read.entries().get(0).rights());
        assertTrue(StateDirectoryProtection.windows(new WindowsDirectoryAcl()).findings(read).get(0)
                .startsWith("Everyone (S-1-1-0) has full control"));
    }

    @Test
    void genericRightsCountAsTheFileRightsTheyMapTo() {
        assertEquals(Rights.FULL, SecurityDescriptorBytes.rights(0x10000000));
        assertEquals(Rights.FULL, SecurityDescriptorBytes.rights(0xD01F01FF));
        assertEquals(Rights.READ, SecurityDescriptorBytes.rights(0x80000000));
        assertEquals(Rights.READ, SecurityDescriptorBytes.rights(0x001200A9));
        assertEquals(Rights.READ, SecurityDescriptorBytes.rights(0x00000001));
        assertEquals(Rights.OTHER, SecurityDescriptorBytes.rights(0x40000000));
        assertEquals(Rights.OTHER, SecurityDescriptorBytes.rights(0x00000116));
        assertEquals(Rights.OTHER, SecurityDescriptorBytes.rights(0));
    }

    @Test
    void refusesMalformedDescriptorsSayingWhat() {
        var good = SecurityDescriptorBytes.protectedDescriptor(
                StateDirectoryProtection.windows(new WindowsDirectoryAcl()).intended());
        assertMalformed(Arrays.copyOf(good, 12), "shorter than a descriptor header");
        assertMalformed(Arrays.copyOf(good, good.length - 4), "ACL size 52");
        var absolute = good.clone();
        absolute[3] = 0x10; // SE_SELF_RELATIVE cleared
        assertMalformed(absolute, "not self-relative");
        var aceSize = good.clone();
        aceSize[30] = 0x7F; // the first entry claims to be larger than the ACL
        assertMalformed(aceSize, "entry 0");
        var sid = good.clone();
        sid[37] = 9; // the first SID claims 9 sub-authorities
        assertMalformed(sid, "sub-authorities");
    }

    private static void assertMalformed(byte[] bytes, String problem) {
        var failure = assertThrows(IllegalArgumentException.class, () -> SecurityDescriptorBytes.decode(bytes));
        assertTrue(failure.getMessage().startsWith("malformed security descriptor"), failure.getMessage());
        assertTrue(failure.getMessage().contains(problem), failure.getMessage());
    }
}
