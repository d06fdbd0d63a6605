package dev.exacme.acme.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.ca.CaServer;
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

    @Test
    void noAccountIsNoAccount() throws IOException {
        assertEquals(Optional.empty(), new AccountStore(config).load(server));
    }
}
