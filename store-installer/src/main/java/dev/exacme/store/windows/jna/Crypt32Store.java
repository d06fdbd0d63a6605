package dev.exacme.store.windows.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTRByReference;
import com.sun.jna.platform.win32.WinCrypt.HCERTSTORE;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The crypt32.dll certificate functions that jna-platform's {@code Crypt32} lacks. Certificate
 * contexts ({@code PCCERT_CONTEXT}) are passed as plain pointers, so that JNA never reads or
 * writes a context that Windows owns or has just freed.
 */
public interface Crypt32Store extends StdCallLibrary {

    /** The loaded crypt32.dll. */
    Crypt32Store INSTANCE = Native.load("crypt32", Crypt32Store.class, W32APIOptions.UNICODE_OPTIONS);

    /** {@code BOOL CertAddCertificateContextToStore(HCERTSTORE, PCCERT_CONTEXT, DWORD, PCCERT_CONTEXT*)}. */
    boolean CertAddCertificateContextToStore(HCERTSTORE hCertStore, Pointer pCertContext, int dwAddDisposition,
            PointerByReference ppStoreContext);

    /** {@code BOOL CertGetCertificateContextProperty(PCCERT_CONTEXT, DWORD, void*, DWORD*)}. */
    boolean CertGetCertificateContextProperty(Pointer pCertContext, int dwPropId, Pointer pvData,
            IntByReference pcbData);

    /** {@code BOOL CertSetCertificateContextProperty(PCCERT_CONTEXT, DWORD, DWORD, const void*)}. */
    boolean CertSetCertificateContextProperty(Pointer pCertContext, int dwPropId, int dwFlags, Pointer pvData);

    /** {@code PCCERT_CONTEXT CertCreateCertificateContext(DWORD, const BYTE*, DWORD)}; NULL on failure. */
    Pointer CertCreateCertificateContext(int dwCertEncodingType, byte[] pbCertEncoded, int cbCertEncoded);

    /** {@code BOOL CertDeleteCertificateFromStore(PCCERT_CONTEXT)}; frees the context, also on failure. */
    boolean CertDeleteCertificateFromStore(Pointer pCertContext);

    /** {@code BOOL CertFreeCertificateContext(PCCERT_CONTEXT)}, taking the context as a pointer. */
    boolean CertFreeCertificateContext(Pointer pCertContext);

    /**
     * {@code BOOL CryptAcquireCertificatePrivateKey(PCCERT_CONTEXT, DWORD, void*,
     * HCRYPTPROV_OR_NCRYPT_KEY_HANDLE*, DWORD*, BOOL*)}; the handle is a {@code ULONG_PTR}.
     */
    boolean CryptAcquireCertificatePrivateKey(Pointer pCert, int dwFlags, Pointer pvParameters,
            ULONG_PTRByReference phCryptProvOrNCryptKey, IntByReference pdwKeySpec,
            IntByReference pfCallerFreeProvOrNCryptKey);
}
