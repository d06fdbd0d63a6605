package dev.exacme.store.windows.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTRByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The ncrypt.dll (CNG key storage) functions used on certificate keys. Every function returns
 * its {@code SECURITY_STATUS} (0 on success); handles ({@code NCRYPT_HANDLE},
 * {@code NCRYPT_PROV_HANDLE}, {@code NCRYPT_KEY_HANDLE}) are {@code ULONG_PTR}s.
 */
public interface NCrypt extends StdCallLibrary {

    /** The loaded ncrypt.dll. */
    NCrypt INSTANCE = Native.load("ncrypt", NCrypt.class, W32APIOptions.UNICODE_OPTIONS);

    /** {@code SECURITY_STATUS NCryptOpenStorageProvider(NCRYPT_PROV_HANDLE*, LPCWSTR, DWORD)}. */
    int NCryptOpenStorageProvider(ULONG_PTRByReference phProvider, String pszProviderName, int dwFlags);

    /** {@code SECURITY_STATUS NCryptOpenKey(NCRYPT_PROV_HANDLE, NCRYPT_KEY_HANDLE*, LPCWSTR, DWORD, DWORD)}. */
    int NCryptOpenKey(ULONG_PTR hProvider, ULONG_PTRByReference phKey, String pszKeyName, int dwLegacyKeySpec,
            int dwFlags);

    /** {@code SECURITY_STATUS NCryptGetProperty(NCRYPT_HANDLE, LPCWSTR, PBYTE, DWORD, DWORD*, DWORD)}. */
    int NCryptGetProperty(ULONG_PTR hObject, String pszProperty, Pointer pbOutput, int cbOutput,
            IntByReference pcbResult, int dwFlags);

    /** {@code SECURITY_STATUS NCryptSetProperty(NCRYPT_HANDLE, LPCWSTR, PBYTE, DWORD, DWORD)}. */
    int NCryptSetProperty(ULONG_PTR hObject, String pszProperty, Pointer pbInput, int cbInput, int dwFlags);

    /** {@code SECURITY_STATUS NCryptDeleteKey(NCRYPT_KEY_HANDLE, DWORD)}; frees the key handle on success. */
    int NCryptDeleteKey(ULONG_PTR hKey, int dwFlags);

    /** {@code SECURITY_STATUS NCryptFreeObject(NCRYPT_HANDLE)}. */
    int NCryptFreeObject(ULONG_PTR hObject);
}
