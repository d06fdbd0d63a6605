package dev.exacme.store.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.store.AccessRule;
import dev.exacme.store.KeyAccess;
import dev.exacme.store.KeyRights;
import dev.exacme.store.StoreException;
import dev.exacme.store.TestBundles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real machine store: needs Windows and an elevated prompt (excluded elsewhere by the
 * {@code windows} tag; run by {@code .github/workflows/windows.yml}, README "Stores" says how to
 * run it by hand). Installs test certificates into {@code LocalMachine\My}, checks the key's
 * rules as Windows reads them back, removes them. Not yet run on Windows.
 */
@Tag("windows")
class MachineStoreWindowsTest {

    @Test
    void installsReadsBackTheKeyRulesAndRemovesATestCertificate() throws Exception {
        var bundle = TestBundles.rsa("exacme-windows-test.invalid");
        var store = new MachineStore(new NativeMachineStoreApi(), new MachineStore.Options(false, false, List.of()));

        var installation = store.install(bundle, "exacme windows test");
        try {
            assertTrue(installation.keyAccess().fit(), installation.keyAccess().problems().toString());
            assertTrue(installation.keyAccess().provider().startsWith(KeyPlacement.SCHANNEL_CSP),
                    installation.keyAccess().provider());
            assertEquals(Optional.of("exacme windows test"),
                    store.find(bundle.thumbprint()).map(stored -> stored.friendlyName()));
            var readBack = store.keyAccess(bundle.thumbprint());
            assertTrue(readBack.fit(), readBack.problems().toString());
            // The DACL as Windows reads it back through the key, entry by entry, by SID.
            assertAllowed(readBack, RequiredAccess.SYSTEM, KeyRights.FULL_CONTROL);
            assertAllowed(readBack, RequiredAccess.ADMINISTRATORS, KeyRights.FULL_CONTROL);
            assertAllowed(readBack, RequiredAccess.NETWORK_SERVICE, KeyRights.READ);
            assertFalse(readBack.keyFile().isEmpty(), "the key file is named: " + readBack);
        } finally {
            store.remove(bundle.thumbprint(), thumbprint -> Optional.empty());
        }
        assertFalse(store.find(bundle.thumbprint()).isPresent());
    }

    /**
     * The seed: a key imported by LocalSystem that only SYSTEM may open, owned by SYSTEM, so that
     * the administrator running Exchange setup gets "Keyset does not exist". exacme, elevated,
     * sees the denial and {@code store grant} repairs it through the key file.
     */
    @Test
    void repairsAKeyOnlySystemCanOpenAsTheSeedLeftIt() throws Exception {
        var api = new NativeMachineStoreApi();
        var bundle = TestBundles.rsa("exacme-windows-locked.invalid");
        var store = new MachineStore(api, new MachineStore.Options(false, false, List.of()));
        var thumbprint = bundle.thumbprint();

        store.install(bundle, "exacme windows locked-key test");
        try {
            var file = Path.of(store.keyAccess(thumbprint).keyFile());
            // Lock it as the seed's tool left it: SYSTEM only, SYSTEM the owner.
            api.setKeyDacl(thumbprint.hex(), "D:P(A;;" + String.format("0x%08X", KeyDacl.FULL_CONTROL_MASK)
                    + ";;;SY)");
            assertTrue(api.enablePrivilege("SeRestorePrivilege"), "an elevated administrator holds SeRestorePrivilege");
            api.setFileOwner(file, RequiredAccess.SYSTEM);

            var locked = store.keyAccess(thumbprint);
            assertFalse(locked.fit(), "the locked key must be reported: " + locked);
            assertTrue(locked.problems().stream().anyMatch(problem -> problem.contains("exacme store grant")),
                    locked.problems().toString());

            var repaired = store.grant(thumbprint, List.of());
            assertTrue(repaired.fit(), repaired.problems().toString());
            var readBack = store.keyAccess(thumbprint);
            assertTrue(readBack.fit(), readBack.problems().toString());
            assertAllowed(readBack, RequiredAccess.SYSTEM, KeyRights.FULL_CONTROL);
            assertAllowed(readBack, RequiredAccess.ADMINISTRATORS, KeyRights.FULL_CONTROL);
            assertAllowed(readBack, RequiredAccess.NETWORK_SERVICE, KeyRights.READ);
        } finally {
            // Whatever happened above, leave no locked key behind: open it up again, then remove it.
            try {
                store.grant(thumbprint, List.of());
            } catch (StoreException e) {
                System.err.println("could not repair the test key before removing it: " + e.getMessage());
            }
            store.remove(thumbprint, unused -> Optional.empty());
        }
        assertFalse(store.find(thumbprint).isPresent());
    }

    private static void assertAllowed(KeyAccess access, String sid, KeyRights rights) {
        var entries = access.rules().stream().filter(rule -> rule.id().equals(sid)).toList();
        assertTrue(entries.stream().anyMatch(rule -> rule.allow() && covers(rule, rights)),
                sid + " must be allowed " + rights + "; Windows reads back " + access.rules());
        assertTrue(entries.stream().allMatch(AccessRule::allow), sid + " has a deny entry: " + entries);
    }

    private static boolean covers(AccessRule rule, KeyRights wanted) {
        return rule.rights() == KeyRights.FULL_CONTROL || rule.rights() == wanted;
    }
}
