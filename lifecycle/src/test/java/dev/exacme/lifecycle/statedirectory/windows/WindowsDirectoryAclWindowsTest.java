package dev.exacme.lifecycle.statedirectory.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.lifecycle.statedirectory.AccessEntry;
import dev.exacme.lifecycle.statedirectory.AccessEntry.Rights;
import dev.exacme.lifecycle.statedirectory.StateDirectoryProtection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real DACLs: needs Windows and an elevated prompt (giving a directory to Administrators
 * needs an elevated token); excluded elsewhere by the {@code windows} tag. Not yet run on
 * Windows.
 */
@Tag("windows")
class WindowsDirectoryAclWindowsTest {

    private static final String SYSTEM = "S-1-5-18";
    private static final String ADMINISTRATORS = "S-1-5-32-544";

    @TempDir
    Path temp;

    @Test
    void createsTheStateDirectoryProtectedAndWhatIsCreatedInsideInheritsOnlyThat() throws Exception {
        var acl = new WindowsDirectoryAcl();
        var protection = StateDirectoryProtection.forThisPlatform();
        var state = temp.resolve("exacme");

        protection.create(state);

        assertEquals(Optional.empty(), protection.problem(state));
        var access = acl.read(state);
        assertTrue(access.inheritanceBlocked());
        assertEquals(Optional.of(ADMINISTRATORS), access.owner());
        assertEquals(List.of(new AccessEntry(SYSTEM, true, Rights.FULL, false, true, "(OI)(CI) 0x001F01FF"),
                new AccessEntry(ADMINISTRATORS, true, Rights.FULL, false, true, "(OI)(CI) 0x001F01FF")),
                access.entries());

        var secrets = Files.createDirectory(state.resolve("secrets"));
        var inside = acl.read(secrets);
        assertFalse(inside.inheritanceBlocked());
        assertTrue(inside.entries().stream().allMatch(AccessEntry::inherited), inside.toString());
        assertEquals(Optional.empty(), protection.problem(secrets));
    }

    @Test
    void aDirectoryMadeTheUsualWayIsOpenAndRepairClosesItAndWhatIsInIt() throws Exception {
        var protection = StateDirectoryProtection.forThisPlatform();
        // inherits the temporary folder's list: this account, SYSTEM, Administrators
        var plain = Files.createDirectory(temp.resolve("plain"));
        var file = Files.writeString(plain.resolve("inside.secret"), "x");

        var problem = protection.problem(plain);

        assertTrue(problem.isPresent());
        assertTrue(problem.get().contains("exacme doctor state --fix"), problem.get());
        protection.repair(plain);
        assertEquals(Optional.empty(), protection.problem(plain));
        var inside = new WindowsDirectoryAcl().read(file);
        assertTrue(inside.entries().stream().allMatch(entry -> List.of(SYSTEM, ADMINISTRATORS)
                .contains(entry.principal())), "the file inherits the repaired list only: " + inside);
    }
}
