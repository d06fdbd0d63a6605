package dev.exacme.store.windows;

/**
 * A Windows call returned an error. Carries the function and the code (a Win32 error from
 * {@code GetLastError} or an {@code HRESULT}/{@code SECURITY_STATUS}) so that the logic can
 * tell an access denial from everything else.
 */
public final class WindowsCallFailed extends Exception {

    /** {@code ERROR_ACCESS_DENIED}. */
    public static final int ERROR_ACCESS_DENIED = 5;
    /** {@code E_ACCESSDENIED}, the HRESULT form of the same. */
    public static final int E_ACCESSDENIED = 0x80070005;
    /** {@code NTE_PERM}: CNG's and CAPI's "access denied" for a key. */
    public static final int NTE_PERM = 0x80090010;
    /** {@code ERROR_NONE_MAPPED}: an account name or SID that does not exist. */
    public static final int ERROR_NONE_MAPPED = 1332;
    /** {@code CRYPT_E_NOT_FOUND}: no such certificate or property. */
    public static final int CRYPT_E_NOT_FOUND = 0x80092004;

    private final String function;
    private final int code;

    /** A failure of {@code function} with {@code code}, described by {@code message}. */
    public WindowsCallFailed(String function, int code, String message) {
        super(function + " failed: " + message + " (0x" + Integer.toHexString(code).toUpperCase() + ")");
        this.function = function;
        this.code = code;
    }

    /** The Windows function that failed. */
    public String function() {
        return function;
    }

    /** Its error code. */
    public int code() {
        return code;
    }

    /** Whether the caller lacked the rights to do what was asked. */
    public boolean accessDenied() {
        return code == ERROR_ACCESS_DENIED || code == E_ACCESSDENIED || code == NTE_PERM;
    }
}
