package dev.exacme.acme.pebble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.account.AccountSettings;
import dev.exacme.acme.account.AccountStore;
import dev.exacme.acme.account.Accounts;
import dev.exacme.acme.ca.AcmeCa;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.ca.CaServer;
import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.failure.NetworkFailure;
import dev.exacme.acme.progress.ProgressListener;
import dev.exacme.acme.testing.PebbleExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Registration, reuse and deactivation against a real Pebble. */
class AccountsPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path config;

    private Accounts accounts(TrustedCertificates trust) {
        var ca = AcmeCa.connect(new CaServer(PEBBLE.directoryUrl()), OutboundNetwork.direct(trust));
        return new Accounts(ca, new AccountStore(config.resolve("accounts")), ProgressListener.SILENT);
    }

    private Accounts accounts() throws InvalidRequest {
        return accounts(TrustedCertificates.withPemFiles(List.of(PEBBLE.trustAnchorPem())));
    }

    private static final AccountSettings AGREED =
            new AccountSettings(List.of("admin@example.com"), true, Optional.empty());

    @Test
    void registersOnceAndReusesTheAccount() throws Exception {
        var first = accounts().login(AGREED);
        assertTrue(first.created());
        var second = accounts().login(AGREED);
        assertFalse(second.created());
        assertEquals(first.account().location(), second.account().location());

        var status = accounts().status().orElseThrow();
        assertEquals("valid", status.status());
        assertEquals(List.of("mailto:admin@example.com"), status.contacts());

        var keyFile = config.resolve("accounts").resolve(new CaServer(PEBBLE.directoryUrl()).storageName())
                .resolve("account-key.pem");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    }

    @Test
    void termsMustBeAgreedBeforeRegistering() {
        var refusal = assertThrows(InvalidRequest.class,
                () -> accounts().login(new AccountSettings(List.of(), false, Optional.empty())));
        assertTrue(refusal.getMessage().contains("--agree-tos"), refusal.getMessage());
    }

    @Test
    void deactivationRetiresTheAccountAndTheNextRunRegistersAnew() throws Exception {
        var first = accounts().login(AGREED);
        var deactivated = accounts().deactivate();
        assertEquals(first.account().location(), deactivated.location());
        assertEquals(Optional.empty(), accounts().stored());
        var next = accounts().login(AGREED);
        assertTrue(next.created());
        assertNotEquals(first.account().location(), next.account().location());
    }

    @Test
    void withoutTheTrustAnchorTlsFailsWithAHint() {
        var failure = assertThrows(NetworkFailure.class,
                () -> accounts(TrustedCertificates.systemDefault()).login(AGREED));
        assertTrue(failure.getMessage().contains("--trust"), failure.getMessage());
    }
}
