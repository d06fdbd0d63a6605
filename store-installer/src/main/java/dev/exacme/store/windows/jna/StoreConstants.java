package dev.exacme.store.windows.jna;

/**
 * Every numeric constant and property name the machine store bindings use, each named exactly
 * like its Windows SDK macro so that {@code StoreConstantsTest} can check it against the headers.
 */
public final class StoreConstants {

    private StoreConstants() {
    }

    // Certificate stores (wincrypt.h)

    /** {@code CERT_STORE_PROV_SYSTEM_W}, defined as {@code ((LPCSTR) 10)}. */
    public static final int CERT_STORE_PROV_SYSTEM_W = 10;
    /** {@code CERT_SYSTEM_STORE_LOCAL_MACHINE}. */
    public static final int CERT_SYSTEM_STORE_LOCAL_MACHINE = 0x20000;
    /** {@code CERT_STORE_READONLY_FLAG}. */
    public static final int CERT_STORE_READONLY_FLAG = 0x8000;
    /** {@code CERT_STORE_OPEN_EXISTING_FLAG}. */
    public static final int CERT_STORE_OPEN_EXISTING_FLAG = 0x4000;
    /** {@code CERT_KEY_PROV_INFO_PROP_ID}. */
    public static final int CERT_KEY_PROV_INFO_PROP_ID = 2;
    /** {@code CERT_FRIENDLY_NAME_PROP_ID}. */
    public static final int CERT_FRIENDLY_NAME_PROP_ID = 11;
    /** CERT_SHA1_HASH_PROP_ID: the thumbprint Windows computed and keeps with the certificate. */
    public static final int CERT_SHA1_HASH_PROP_ID = 3;
    /** {@code CERT_STORE_ADD_NEW}. */
    public static final int CERT_STORE_ADD_NEW = 1;
    /** {@code CERT_STORE_ADD_REPLACE_EXISTING}. */
    public static final int CERT_STORE_ADD_REPLACE_EXISTING = 3;
    /** {@code X509_ASN_ENCODING}. */
    public static final int X509_ASN_ENCODING = 0x1;
    /** {@code PKCS_7_ASN_ENCODING}. */
    public static final int PKCS_7_ASN_ENCODING = 0x10000;
    /** {@code CERT_FIND_SHA1_HASH}. */
    public static final int CERT_FIND_SHA1_HASH = 0x10000;
    /** {@code CRYPT_ACQUIRE_SILENT_FLAG}. */
    public static final int CRYPT_ACQUIRE_SILENT_FLAG = 0x40;
    /** {@code CRYPT_ACQUIRE_ALLOW_NCRYPT_KEY_FLAG}. */
    public static final int CRYPT_ACQUIRE_ALLOW_NCRYPT_KEY_FLAG = 0x10000;
    /** {@code CERT_NCRYPT_KEY_SPEC}: the handle from CryptAcquireCertificatePrivateKey is a CNG key. */
    public static final int CERT_NCRYPT_KEY_SPEC = 0xFFFFFFFF;

    // PFXImportCertStore flags (wincrypt.h)

    /** {@code CRYPT_EXPORTABLE}. */
    public static final int CRYPT_EXPORTABLE = 0x1;
    /** {@code CRYPT_USER_PROTECTED}. */
    public static final int CRYPT_USER_PROTECTED = 0x2;
    /** {@code CRYPT_MACHINE_KEYSET}; also a CryptAcquireContext flag and a CRYPT_KEY_PROV_INFO flag. */
    public static final int CRYPT_MACHINE_KEYSET = 0x20;
    /** {@code CRYPT_USER_KEYSET}. */
    public static final int CRYPT_USER_KEYSET = 0x1000;
    /** {@code PKCS12_INCLUDE_EXTENDED_PROPERTIES}. */
    public static final int PKCS12_INCLUDE_EXTENDED_PROPERTIES = 0x10;
    /** {@code PKCS12_PREFER_CNG_KSP}. */
    public static final int PKCS12_PREFER_CNG_KSP = 0x100;
    /** {@code PKCS12_ALWAYS_CNG_KSP}. */
    public static final int PKCS12_ALWAYS_CNG_KSP = 0x200;
    /** {@code PKCS12_ALLOW_OVERWRITE_KEY}. */
    public static final int PKCS12_ALLOW_OVERWRITE_KEY = 0x4000;
    /** {@code PKCS12_NO_PERSIST_KEY}. */
    public static final int PKCS12_NO_PERSIST_KEY = 0x8000;

    // Legacy CryptoAPI (wincrypt.h)

    /** {@code PROV_RSA_FULL}. */
    public static final int PROV_RSA_FULL = 1;
    /** {@code PROV_RSA_SCHANNEL}. */
    public static final int PROV_RSA_SCHANNEL = 12;
    /** {@code PROV_RSA_AES}. */
    public static final int PROV_RSA_AES = 24;
    /** {@code AT_KEYEXCHANGE}. */
    public static final int AT_KEYEXCHANGE = 1;
    /** {@code AT_SIGNATURE}. */
    public static final int AT_SIGNATURE = 2;
    /** {@code PP_KEYSET_SEC_DESCR}. */
    public static final int PP_KEYSET_SEC_DESCR = 8;
    /** {@code PP_UNIQUE_CONTAINER}. */
    public static final int PP_UNIQUE_CONTAINER = 36;
    /** {@code CRYPT_DELETEKEYSET}. */
    public static final int CRYPT_DELETEKEYSET = 0x10;
    /** {@code CRYPT_SILENT}. */
    public static final int CRYPT_SILENT = 0x40;

    // CNG (ncrypt.h)

    /** {@code NCRYPT_MACHINE_KEY_FLAG}. */
    public static final int NCRYPT_MACHINE_KEY_FLAG = 0x20;
    /** NCRYPT_PERSIST_FLAG: store a property with the key, as .NET's CngPropertyOptions.Persist does for "Security Descr". */
    public static final int NCRYPT_PERSIST_FLAG = 0x80000000;
    /** {@code NCRYPT_SECURITY_DESCR_PROPERTY}. */
    public static final String NCRYPT_SECURITY_DESCR_PROPERTY = "Security Descr";
    /** {@code NCRYPT_UNIQUE_NAME_PROPERTY}. */
    public static final String NCRYPT_UNIQUE_NAME_PROPERTY = "Unique Name";

    // Security descriptors, tokens (winnt.h, sddl.h, accctrl.h)

    /** {@code OWNER_SECURITY_INFORMATION}. */
    public static final int OWNER_SECURITY_INFORMATION = 0x1;
    /** {@code GROUP_SECURITY_INFORMATION}. */
    public static final int GROUP_SECURITY_INFORMATION = 0x2;
    /** {@code DACL_SECURITY_INFORMATION}. */
    public static final int DACL_SECURITY_INFORMATION = 0x4;
    /** {@code PROTECTED_DACL_SECURITY_INFORMATION}. */
    public static final int PROTECTED_DACL_SECURITY_INFORMATION = 0x80000000;
    /** {@code SDDL_REVISION_1}. */
    public static final int SDDL_REVISION_1 = 1;
    /** {@code SE_FILE_OBJECT}, of the {@code SE_OBJECT_TYPE} enumeration. */
    public static final int SE_FILE_OBJECT = 1;
    /** {@code TOKEN_QUERY}. */
    public static final int TOKEN_QUERY = 0x8;
    /** {@code TOKEN_ADJUST_PRIVILEGES}. */
    public static final int TOKEN_ADJUST_PRIVILEGES = 0x20;
    /** {@code SE_PRIVILEGE_ENABLED}. */
    public static final int SE_PRIVILEGE_ENABLED = 0x2;
    /** {@code KEY_WOW64_64KEY}. */
    public static final int KEY_WOW64_64KEY = 0x100;

    // Error codes (winerror.h)

    /** {@code ERROR_SUCCESS}. */
    public static final int ERROR_SUCCESS = 0;
    /** {@code ERROR_NO_MORE_FILES}. */
    public static final int ERROR_NO_MORE_FILES = 18;
    /** {@code ERROR_NOT_ALL_ASSIGNED}. */
    public static final int ERROR_NOT_ALL_ASSIGNED = 1300;
    /** {@code ERROR_NONE_MAPPED}. */
    public static final int ERROR_NONE_MAPPED = 1332;
    /** {@code ERROR_INVALID_SECURITY_DESCR}. */
    public static final int ERROR_INVALID_SECURITY_DESCR = 1338;
    /** {@code CRYPT_E_NOT_FOUND}. */
    public static final int CRYPT_E_NOT_FOUND = 0x80092004;
    /** {@code CRYPT_E_EXISTS}. */
    public static final int CRYPT_E_EXISTS = 0x80092005;
    /** {@code NTE_BAD_KEYSET}. */
    public static final int NTE_BAD_KEYSET = 0x80090016;
}
