package dev.exacme.acme.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.ca.CaServer;
import dev.exacme.acme.storage.KeyProtection;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountStoreTest {

    @TempDir
    Path config;

    private final CaServer server = new CaServer(URI.create("https://ca.example.com:14000/dir"));

    @Test
    void roundTripsTheAccount() throws Exception {
        var store = new AccountStore(config.resolve("accounts"));
        var key = Accounts.ACCOUNT_KEY_TYPE.generate();
        var account = new StoredAccount(URI.create("https://ca.example.com:14000/acct/7").toURL(), key,
                List.of("mailto:admin@example.com"), Instant.parse("2026-11-24T10:00:00Z"), Optional.of("kid-1"));
        store.save(server, account);

        var loaded = store.load(server).orElseThrow();
        assertEquals(account.location(), loaded.location());
        assertEquals(key.getPublic(), loaded.keyPair().getPublic());
        assertEquals(account.contacts(), loaded.contacts());
        assertEquals(account.createdAt(), loaded.createdAt());
        assertEquals(Optional.of("kid-1"), loaded.bindingKeyId());
        assertTrue(Files.exists(config.resolve("accounts/ca.example.com_14000/dir/account-key.pem")));
    }

    @Test
    void aDamagedFileIsNamedAndLeftAlone() throws Exception {
        var store = new AccountStore(config.resolve("accounts"));
        store.saveKey(server, Accounts.ACCOUNT_KEY_TYPE.generate());
        var file = store.directoryFor(server).resolve("account.json");
        Files.writeString(file, "{\"url\": ");
        var failure = assertThrows(IOException.class, () -> store.load(server));
        assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
        assertEquals("{\"url\": ", Files.readString(file));
    }

    /** Stands in for DPAPI: reversible, and visibly not the plain key. */
    private static final KeyProtection REVERSED = new KeyProtection() {
        @Override
        public String id() {
            return "reversed";
        }

        @Override
        public byte[] protect(byte[] plain) {
            var out = plain.clone();
            for (var i = 0; i < out.length / 2; i++) {
                var swap = out[i];
                out[i] = out[out.length - 1 - i];
                out[out.length - 1 - i] = swap;
            }
            return out;
        }

        @Override
        public byte[] unprotect(byte[] stored) {
            return protect(stored);
        }
    };

    @Test
    void aProtectedKeyIsStoredOnlyProtectedAndReadBackAPlainOneIsMigrated() throws Exception {
        var plain = new AccountStore(config.resolve("accounts"));
        var key = Accounts.ACCOUNT_KEY_TYPE.generate();
        plain.saveKey(server, key);
        var directory = config.resolve("accounts/ca.example.com_14000/dir");

        var protectedStore = new AccountStore(config.resolve("accounts"), REVERSED);
        assertEquals(key.getPublic(), protectedStore.loadKey(server).orElseThrow().getPublic(), "a plain key is read");
        protectedStore.saveKey(server, key);

        assertTrue(Files.exists(directory.resolve("account-key.protected")));
        assertTrue(!Files.exists(directory.resolve("account-key.pem")), "no plain copy is left");
        var stored = Files.readString(directory.resolve("account-key.protected"));
        assertTrue(stored.startsWith("exacme-protected-key reversed\n"), stored);
        assertTrue(!stored.contains("PRIVATE KEY"), "the file does not hold the key in the clear");
        assertEquals(key.getPublic(), protectedStore.loadKey(server).orElseThrow().getPublic());

        var elsewhere = assertThrows(IOException.class, () -> plain.loadKey(server));
        assertTrue(elsewhere.getMessage().contains("protected as 'reversed'"), elsewhere.getMessage());
    }

    @Test
    void noAccountIsNoAccount() throws IOException {
        assertEquals(Optional.empty(), new AccountStore(config).load(server));
    }
}
