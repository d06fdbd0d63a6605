package dev.exacme.store.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import java.io.IOException;

/**
 * The local name of a well-known SID ({@code LookupAccountSid}), for Java APIs that take
 * account names only: names differ per Windows language ("NT AUTHORITY\SYSTEM",
 * "NT-AUTORITÄT\SYSTEM"), SIDs do not. Windows only; not yet run on Windows.
 */
public final class AccountNames {

    private AccountNames() {
    }

    /** {@code DOMAIN\name} of {@code sid} on this machine. */
    public static String of(String sid) throws IOException {
        try {
            var account = Advapi32Util.getAccountBySid(sid);
            return account.domain == null || account.domain.isEmpty() ? account.name
                    : account.domain + "\\" + account.name;
        } catch (Win32Exception | UnsatisfiedLinkError e) {
            throw new IOException("the account of " + sid + " cannot be looked up: " + e.getMessage(), e);
        }
    }
}
