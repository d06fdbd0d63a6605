package dev.exacme.store;

/**
 * One entry of a private key's access list.
 *
 * @param account the account in words ({@code BUILTIN\Administrators}, a user name)
 * @param id      its identifier: a SID on Windows, {@code uid:N} / {@code gid:N} elsewhere
 * @param allow   false for a deny entry
 * @param rights  what the entry grants or denies
 * @param detail  the raw form (an access mask, a file mode) for people who need it
 */
public record AccessRule(String account, String id, boolean allow, KeyRights rights, String detail) {
}
