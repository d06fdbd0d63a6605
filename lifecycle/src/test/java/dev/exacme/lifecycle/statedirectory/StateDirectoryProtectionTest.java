package dev.exacme.lifecycle.statedirectory;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.statedirectory.AccessEntry.Rights;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision what a protected state directory is, on Windows' rules, over access lists
 * held in memory: the same code that judges what {@code WindowsDirectoryAcl} reads.
 */
class StateDirectoryProtectionTest {

    private static final String SYSTEM = "S-1-5-18";
    private static final String ADMINISTRATORS = "S-1-5-32-544";
    private static final String USERS = "S-1-5-32-545";
    private static final String EVERYONE = "S-1-1-0";
    private static final String AUTHENTICATED_USERS = "S-1-5-11";
    private static final String CREATOR_OWNER = "S-1-3-0";
    private static final String DOMAIN_ACCOUNT = "S-1-5-21-1004336348-1177238915-682003330-1106";

    @TempDir
    Path temp;

    private InMemoryDirectoryAcl acl;
    private StateDirectoryProtection protection;
    private Path state;

    @BeforeEach
    void setUp() throws IOException {
        acl = new InMemoryDirectoryAcl();
        protection = StateDirectoryProtection.windows(acl);
        state = Files.createDirectory(temp.resolve("exacme"));
    }

    private static AccessEntry explicit(String sid, Rights rights) {
        return new AccessEntry(sid, true, rights, false, true, "(OI)(CI) mask");
    }

    private static AccessEntry inherited(String sid, Rights rights) {
        return new AccessEntry(sid, true, rights, true, true, "(I)(OI)(CI) 0x001200A9");
    }

    /** What exacme writes: protected, SYSTEM and Administrators full control passed on, owned by Administrators. */
    private static DirectoryAccess exacmes() {
        return new DirectoryAccess(Optional.of(ADMINISTRATORS), true,
                List.of(explicit(SYSTEM, Rights.FULL), explicit(ADMINISTRATORS, Rights.FULL)));
    }

    /** What %ProgramData%\exacme gets when it is made like any folder there. */
    private static DirectoryAccess likeProgramData() {
        return new DirectoryAccess(Optional.of(ADMINISTRATORS), false, List.of(inherited(SYSTEM, Rights.FULL),
                inherited(ADMINISTRATORS, Rights.FULL), inherited(CREATOR_OWNER, Rights.FULL),
                inherited(USERS, Rights.READ), new AccessEntry(USERS, true, Rights.OTHER, true, true,
                        "(I)(CI) 0x00000116")));
    }

    @Test
    void aProtectedListForSystemAndAdministratorsIsAccepted() {
        acl.set(state, exacmes());

        assertEquals(Optional.empty(), protection.problem(state));
        assertDoesNotThrow(() -> protection.requireProtected(state));
    }

    @Test
    void usersReadingThroughWhatTheDirectoryInheritsOpenIt() {
        acl.set(state, likeProgramData());

        var problem = protection.problem(state).orElseThrow();

        assertTrue(problem.startsWith(state.toAbsolutePath() + " is open to others"), problem);
        assertTrue(problem.contains("BUILTIN\\Users (S-1-5-32-545) can read it, inherited from the parent directory"
                + " [(I)(OI)(CI) 0x001200A9]"), problem);
        assertTrue(problem.contains("BUILTIN\\Users (S-1-5-32-545) has access to it"), problem);
        assertTrue(problem.contains("CREATOR OWNER (S-1-3-0) has full control"), problem);
        assertFalse(problem.contains("(S-1-5-18)"), "SYSTEM is not a finding: " + problem);
        assertTrue(problem.contains("not protected, so it takes entries from its parent directory"), problem);
        assertTrue(problem.contains("DPAPI in machine scope"), problem);
        assertTrue(problem.contains("exacme refuses to read secrets from it until it is repaired:"
                + " run exacme doctor state --fix as an administrator"), problem);
        var refused = assertThrows(InvalidRequest.class, () -> protection.requireProtected(state));
        assertEquals(problem, refused.getMessage());
    }

    @Test
    void everyoneAndAuthenticatedUsersOpenItEvenWhenTheListIsProtected() {
        acl.set(state, new DirectoryAccess(Optional.of(ADMINISTRATORS), true, List.of(explicit(SYSTEM, Rights.FULL),
                explicit(ADMINISTRATORS, Rights.FULL), explicit(EVERYONE, Rights.READ),
                explicit(AUTHENTICATED_USERS, Rights.OTHER))));

        var problem = protection.problem(state).orElseThrow();

        assertTrue(problem.contains("Everyone (S-1-1-0) can read it"), problem);
        assertTrue(problem.contains("NT AUTHORITY\\Authenticated Users (S-1-5-11) has access to it"), problem);
        assertFalse(problem.contains("not protected"), problem);
    }

    @Test
    void anExtraExplicitGrantToADomainAccountOpensItNamedAsWindowsNamesIt() throws IOException {
        acl.names.put(DOMAIN_ACCOUNT, "CONTOSO\\backup-svc");
        var access = exacmes();
        acl.set(state, new DirectoryAccess(access.owner(), true, List.of(access.entries().get(0),
                access.entries().get(1), explicit(DOMAIN_ACCOUNT, Rights.FULL))));

        var problem = protection.problem(state).orElseThrow();

        assertTrue(problem.contains("CONTOSO\\backup-svc (" + DOMAIN_ACCOUNT + ") has full control"), problem);
        assertEquals(List.of("CONTOSO\\backup-svc (" + DOMAIN_ACCOUNT + ") has full control [(OI)(CI) mask]"),
                protection.findings(acl.read(state)));
    }

    @Test
    void anAccountWindowsCannotNameIsShownByItsSid() throws IOException {
        acl.set(state, new DirectoryAccess(Optional.of(ADMINISTRATORS), true, List.of(explicit(SYSTEM, Rights.FULL),
                new AccessEntry(DOMAIN_ACCOUNT, true, Rights.READ, false, false, ""))));

        assertEquals(List.of(DOMAIN_ACCOUNT + " can read it"), protection.findings(acl.read(state)));
    }

    @Test
    void denyEntriesTakeNothingAwayFromTheProtection() {
        var access = exacmes();
        acl.set(state, new DirectoryAccess(access.owner(), true, List.of(
                new AccessEntry(EVERYONE, false, Rights.FULL, false, true, "(DENY)"),
                new AccessEntry(USERS, false, Rights.READ, true, true, "(DENY)(I)"),
                access.entries().get(0), access.entries().get(1))));

        assertEquals(Optional.empty(), protection.problem(state));
    }

    @Test
    void anUnprotectedListThatInheritsOnlySystemAndAdministratorsIsAccepted() {
        // the secrets directory inside a protected state directory
        acl.set(state, new DirectoryAccess(Optional.of(ADMINISTRATORS), false,
                List.of(inherited(SYSTEM, Rights.FULL), inherited(ADMINISTRATORS, Rights.FULL))));

        assertEquals(Optional.empty(), protection.problem(state));
    }

    @Test
    void anOwnerOtherThanSystemOrAdministratorsOpensIt() {
        // e.g. a user who made %ProgramData%\exacme before exacme was installed (Users may create folders there)
        acl.names.put(DOMAIN_ACCOUNT, "CONTOSO\\mallory");
        acl.set(state, new DirectoryAccess(Optional.of(DOMAIN_ACCOUNT), true, exacmes().entries()));

        var problem = protection.problem(state).orElseThrow();

        assertTrue(problem.contains("CONTOSO\\mallory (" + DOMAIN_ACCOUNT + ") owns it, and an owner can always"
                + " change its access list"), problem);
    }

    @Test
    void repairWritesExactlySystemAndAdministratorsProtectedAndOwnedByAdministrators() throws IOException {
        acl.set(state, likeProgramData());

        protection.repair(state);

        assertEquals(1, acl.writes.size(), acl.writes.toString());
        var write = acl.writes.get(0);
        assertEquals("write", write.operation());
        assertEquals(ADMINISTRATORS, write.owner());
        assertEquals(List.of(new AccessEntry(SYSTEM, true, Rights.FULL, false, true, ""),
                new AccessEntry(ADMINISTRATORS, true, Rights.FULL, false, true, "")), write.entries());
        assertEquals(write.entries(), protection.intended());
        assertEquals(ADMINISTRATORS, protection.intendedOwner());
        assertTrue(acl.read(state).inheritanceBlocked());
        assertEquals(Optional.empty(), protection.problem(state));
    }

    @Test
    void aRepairThatDoesNotStickFailsNamingWhatIsStillOpen() {
        acl.set(state, likeProgramData());
        acl.writesIgnored = true;

        var failure = assertThrows(IOException.class, () -> protection.repair(state));

        assertTrue(failure.getMessage().contains("did not stick"), failure.getMessage());
        assertTrue(failure.getMessage().contains("S-1-5-32-545"), failure.getMessage());
    }

    @Test
    void repairCreatesAMissingDirectoryProtected() throws IOException {
        var missing = temp.resolve("missing");

        protection.repair(missing);

        assertTrue(Files.isDirectory(missing));
        assertEquals("create", acl.writes.get(0).operation());
        assertEquals(Optional.empty(), protection.problem(missing));
    }

    @Test
    void createMakesTheDirectoryWithItsProtectionAndLeavesAnExistingOneAlone() throws IOException {
        var fresh = temp.resolve("parent").resolve("exacme");
        acl.set(state, likeProgramData());

        protection.create(fresh);
        protection.create(state);

        assertEquals(1, acl.writes.size(), acl.writes.toString());
        assertEquals(new InMemoryDirectoryAcl.Write("create", fresh, ADMINISTRATORS, protection.intended()),
                acl.writes.get(0));
        assertEquals(Optional.empty(), protection.problem(fresh));
        assertTrue(protection.problem(state).isPresent(), "an existing directory is judged, not changed");
    }

    @Test
    void createSetsTheListAgainWhenTheNewDirectoryDidNotComeOutProtected() throws IOException {
        var fresh = temp.resolve("fresh");
        acl.createdAs = Optional.of(likeProgramData());

        protection.create(fresh);

        assertEquals(List.of("create", "write"), acl.writes.stream().map(InMemoryDirectoryAcl.Write::operation)
                .toList());
        assertEquals(Optional.empty(), protection.problem(fresh));
    }

    @Test
    void aMissingDirectoryOrOneWhoseListCannotBeReadIsNotTakenForProtected() {
        var missing = protection.problem(temp.resolve("missing")).orElseThrow();
        assertTrue(missing.contains("does not exist"), missing);
        assertTrue(missing.contains("exacme doctor state --fix"), missing);

        acl.readFailure = Optional.of(new AccessDeniedException(state.toString(), null, "access denied"));
        var unreadable = protection.problem(state).orElseThrow();
        assertTrue(unreadable.contains("cannot be read"), unreadable);
        assertTrue(unreadable.contains("refuses to read secrets"), unreadable);
    }

    @Test
    void posixRulesAcceptOnlyTheOwnerAndSayChmod() {
        var posix = StateDirectoryProtection.posix(new PosixDirectoryAcl(), "alice");
        var inMemory = StateDirectoryProtection.posix(acl, "alice");
        acl.names.put("group:staff", "group staff");
        acl.set(state, new DirectoryAccess(Optional.of("user:alice"), true, List.of(
                new AccessEntry("user:alice", true, Rights.FULL, false, false, "rwxr-x---"),
                new AccessEntry("group:staff", true, Rights.READ, false, false, "rwxr-x---"))));

        var problem = inMemory.problem(state).orElseThrow();

        assertEquals(List.of(new AccessEntry("user:alice", true, Rights.FULL, false, false, "")), posix.intended());
        assertTrue(problem.contains("group staff can read it [mode rwxr-x---]"), problem);
        assertTrue(problem.contains("Only its owner (alice) may have access"), problem);
        assertTrue(problem.endsWith("until it is repaired: chmod 700 " + state.toAbsolutePath() + "."), problem);
    }
}
