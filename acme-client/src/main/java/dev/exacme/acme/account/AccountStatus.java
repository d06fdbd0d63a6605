package dev.exacme.acme.account;

import java.util.List;

/**
 * The stored account together with what the CA reports about it now.
 *
 * @param account  what is on disk
 * @param status   the CA's status: valid, deactivated or revoked
 * @param contacts the contacts the CA holds
 */
public record AccountStatus(StoredAccount account, String status, List<String> contacts) {

    public AccountStatus {
        contacts = List.copyOf(contacts);
    }
}
