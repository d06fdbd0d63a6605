package dev.exacme.store.windows.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTRByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** The legacy CryptoAPI key container functions of advapi32.dll; {@code HCRYPTPROV} is a {@code ULONG_PTR}. */
public interface CryptoApiKeys extends StdCallLibrary {

    /** The loaded advapi32.dll. */
    CryptoApiKeys INSTANCE = Native.load("advapi32", CryptoApiKeys.class, W32APIOptions.UNICODE_OPTIONS);

    /** {@code BOOL CryptAcquireContextW(HCRYPTPROV*, LPCWSTR, LPCWSTR, DWORD, DWORD)}. */
    boolean CryptAcquireContextW(ULONG_PTRByReference phProv, String szContainer, String szProvider, int dwProvType,
            int dwFlags);

    /** {@code BOOL CryptReleaseContext(HCRYPTPROV, DWORD)}. */
    boolean CryptReleaseContext(ULONG_PTR hProv, int dwFlags);

    /** {@code BOOL CryptGetProvParam(HCRYPTPROV, DWORD, BYTE*, DWORD*, DWORD)}. */
    boolean CryptGetProvParam(ULONG_PTR hProv, int dwParam, Pointer pbData, IntByReference pdwDataLen, int dwFlags);

    /** {@code BOOL CryptSetProvParam(HCRYPTPROV, DWORD, const BYTE*, DWORD)}. */
    boolean CryptSetProvParam(ULONG_PTR hProv, int dwParam, Pointer pbData, int dwFlags);
}
