package dev.exacme.acme.account;

import org.shredzone.acme4j.Login;

/**
 * A usable account: the acme4j login that signs requests, what is stored about it, and
 * whether it was registered just now.
 */
public record AccountLogin(Login login, StoredAccount account, boolean created) {
}
