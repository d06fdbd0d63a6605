package dev.exacme.store.pkcs12;

/** How a PKCS#12 file is protected. */
public enum Pkcs12Encryption {
    /**
     * PBES2 with AES-256-CBC and PBKDF2-HMAC-SHA256, integrity by HMAC-SHA256: what OpenSSL 3
     * writes by default; Windows imports it from Windows 10 1709 / Server 2019 on.
     */
    AES256_SHA256,
    /**
     * Triple DES with SHA-1 and a SHA-1 MAC: for Windows Server 2016 and older importers,
     * which refuse the modern form.
     */
    LEGACY_3DES_SHA1
}
