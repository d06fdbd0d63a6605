package dev.exacme.lifecycle.secrets.windows;

import com.sun.jna.platform.win32.Crypt32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinCrypt;
import dev.exacme.lifecycle.secrets.SecretProtection;
import java.io.IOException;

/**
 * Secrets protected with DPAPI in machine scope ({@code CryptProtectData} with
 * {@code CRYPTPROTECT_LOCAL_MACHINE}, through jna-platform), as Certify The Web and
 * win-acme store theirs: the scheduled renewal running as SYSTEM and every administrator
 * can read them, on this machine only; a secret file copied to another machine cannot be
 * unprotected there.
 *
 * <p>Machine scope is a deliberate trade-off, the one the reference clients make: anyone
 * who can run code on this machine as an administrator (or as SYSTEM) can unprotect every
 * secret. What it protects against is a copy of the files (backups, a stolen disk image)
 * but not other users of this machine: any of them could call {@code CryptUnprotectData}. They
 * are kept out by the state directory's protected DACL (SYSTEM and Administrators only), which
 * exacme creates and checks before every read (see {@code StateDirectoryProtection}).
 *
 * <p>Not yet run on Windows.
 */
public final class Dpapi implements SecretProtection {

    /** The name written into the files this protection stores. */
    public static final String ID = "dpapi-machine";

    /** {@code CryptProtectData} flags: machine scope, and never a dialog (exacme runs unattended). */
    public static final int PROTECT_FLAGS = WinCrypt.CRYPTPROTECT_LOCAL_MACHINE | WinCrypt.CRYPTPROTECT_UI_FORBIDDEN;
    /** {@code CryptUnprotectData} flags: never a dialog. */
    public static final int UNPROTECT_FLAGS = WinCrypt.CRYPTPROTECT_UI_FORBIDDEN;
    private static final String DESCRIPTION = "exacme secret";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public byte[] protect(byte[] plain) throws IOException {
        try {
            return Crypt32Util.cryptProtectData(plain, null, PROTECT_FLAGS, DESCRIPTION, null);
        } catch (Win32Exception e) {
            throw new IOException("DPAPI CryptProtectData (machine scope) failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] unprotect(byte[] stored) throws IOException {
        try {
            return Crypt32Util.cryptUnprotectData(stored, null, UNPROTECT_FLAGS, null);
        } catch (Win32Exception e) {
            throw new IOException("DPAPI CryptUnprotectData failed (" + e.getMessage()
                    + "); a secret protected on another machine cannot be read on this one", e);
        }
    }
}
