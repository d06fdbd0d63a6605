package dev.exacme.acme.account;

import java.net.URL;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An account as kept on disk: where the CA keeps it, the key that signs for it, and what it
 * was registered with.
 *
 * @param location          the account URL the CA returned
 * @param keyPair           the account key; a secret
 * @param contacts          contact URIs as registered
 * @param createdAt         when exacme registered it
 * @param bindingKeyId      the EAB key id it was bound with, if any
 */
public record StoredAccount(URL location, KeyPair keyPair, List<String> contacts, Instant createdAt,
                            Optional<String> bindingKeyId) {

    public StoredAccount {
        contacts = List.copyOf(contacts);
    }

    @Override
    public String toString() {
        return "StoredAccount[location=" + location + ", contacts=" + contacts + ", createdAt=" + createdAt + "]";
    }
}
