package dev.exacme.store;

/**
 * A request to let an account use a private key.
 *
 * @param account an account name (DOMAIN&#92;user, a group) or a SID ({@code S-1-5-...}) on
 *                Windows; a group name for key files on POSIX systems
 * @param rights  what it may do
 */
public record KeyGrant(String account, KeyRights rights) {
}
