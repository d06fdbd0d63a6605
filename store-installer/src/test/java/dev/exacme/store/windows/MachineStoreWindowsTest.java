package dev.exacme.store.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.store.TestBundles;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real machine store: needs Windows and an elevated prompt (excluded elsewhere by the
 * {@code windows} tag; README "Stores" says how to run it). Installs a test certificate
 * into {@code LocalMachine\My}, checks the key's rules as Windows reads them back, removes it.
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
            assertTrue(store.keyAccess(bundle.thumbprint()).fit());
        } finally {
            store.remove(bundle.thumbprint(), thumbprint -> Optional.empty());
        }
        assertFalse(store.find(bundle.thumbprint()).isPresent());
    }
}
