package dev.exacme.store.windows;

import dev.exacme.store.KeyRights;
import java.util.List;

/**
 * An account that must be able to use a private key, and why.
 *
 * @param sid    the account's SID
 * @param rights what it needs
 * @param why    who relies on it, for the message when it is missing
 */
public record RequiredAccess(String sid, KeyRights rights, String why) {

    /** {@code NT AUTHORITY\SYSTEM}. */
    public static final String SYSTEM = "S-1-5-18";
    /** {@code BUILTIN\Administrators}. */
    public static final String ADMINISTRATORS = "S-1-5-32-544";
    /** {@code NT AUTHORITY\NETWORK SERVICE}. */
    public static final String NETWORK_SERVICE = "S-1-5-20";

    /**
     * What every key exacme installs grants: SYSTEM and Administrators full control,
     * NETWORK SERVICE read. Exchange setup opens the key as the installing administrator and
     * re-permissions it, which is why Administrators need full control, not read.
     */
    public static List<RequiredAccess> defaults() {
        return List.of(
                new RequiredAccess(SYSTEM, KeyRights.FULL_CONTROL, "services running as LocalSystem"),
                new RequiredAccess(ADMINISTRATORS, KeyRights.FULL_CONTROL,
                        "administrators and Exchange cumulative-update setup, which re-permission the key"),
                new RequiredAccess(NETWORK_SERVICE, KeyRights.READ, "Exchange front end and IIS worker processes"));
    }
}
