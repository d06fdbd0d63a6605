package dev.exacme.store.windows;

import static dev.exacme.store.windows.jna.StoreConstants.CERT_FIND_SHA1_HASH;
import static dev.exacme.store.windows.jna.StoreConstants.CERT_FRIENDLY_NAME_PROP_ID;
import static dev.exacme.store.windows.jna.StoreConstants.CERT_SHA1_HASH_PROP_ID;
import static dev.exacme.store.windows.jna.StoreConstants.CERT_KEY_PROV_INFO_PROP_ID;
import static dev.exacme.store.windows.jna.StoreConstants.CERT_NCRYPT_KEY_SPEC;
import static dev.exacme.store.windows.jna.StoreConstants.CERT_STORE_ADD_NEW;
import static dev.exacme.store.windows.jna.StoreConstants.CERT_STORE_ADD_REPLACE_EXISTING;
import static dev.exacme.store.windows.jna.StoreConstants.CERT_STORE_OPEN_EXISTING_FLAG;
import static dev.exacme.store.windows.jna.StoreConstants.CERT_STORE_PROV_SYSTEM_W;
import static dev.exacme.store.windows.jna.StoreConstants.CERT_STORE_READONLY_FLAG;
import static dev.exacme.store.windows.jna.StoreConstants.CERT_SYSTEM_STORE_LOCAL_MACHINE;
import static dev.exacme.store.windows.jna.StoreConstants.CRYPT_ACQUIRE_ALLOW_NCRYPT_KEY_FLAG;
import static dev.exacme.store.windows.jna.StoreConstants.CRYPT_ACQUIRE_SILENT_FLAG;
import static dev.exacme.store.windows.jna.StoreConstants.CRYPT_DELETEKEYSET;
import static dev.exacme.store.windows.jna.StoreConstants.CRYPT_E_EXISTS;
import static dev.exacme.store.windows.jna.StoreConstants.CRYPT_E_NOT_FOUND;
import static dev.exacme.store.windows.jna.StoreConstants.CRYPT_MACHINE_KEYSET;
import static dev.exacme.store.windows.jna.StoreConstants.CRYPT_SILENT;
import static dev.exacme.store.windows.jna.StoreConstants.DACL_SECURITY_INFORMATION;
import static dev.exacme.store.windows.jna.StoreConstants.ERROR_INVALID_SECURITY_DESCR;
import static dev.exacme.store.windows.jna.StoreConstants.ERROR_NOT_ALL_ASSIGNED;
import static dev.exacme.store.windows.jna.StoreConstants.ERROR_NO_MORE_FILES;
import static dev.exacme.store.windows.jna.StoreConstants.ERROR_SUCCESS;
import static dev.exacme.store.windows.jna.StoreConstants.GROUP_SECURITY_INFORMATION;
import static dev.exacme.store.windows.jna.StoreConstants.KEY_WOW64_64KEY;
import static dev.exacme.store.windows.jna.StoreConstants.NCRYPT_MACHINE_KEY_FLAG;
import static dev.exacme.store.windows.jna.StoreConstants.NCRYPT_PERSIST_FLAG;
import static dev.exacme.store.windows.jna.StoreConstants.NCRYPT_SECURITY_DESCR_PROPERTY;
import static dev.exacme.store.windows.jna.StoreConstants.NCRYPT_UNIQUE_NAME_PROPERTY;
import static dev.exacme.store.windows.jna.StoreConstants.NTE_BAD_KEYSET;
import static dev.exacme.store.windows.jna.StoreConstants.OWNER_SECURITY_INFORMATION;
import static dev.exacme.store.windows.jna.StoreConstants.PKCS_7_ASN_ENCODING;
import static dev.exacme.store.windows.jna.StoreConstants.PP_KEYSET_SEC_DESCR;
import static dev.exacme.store.windows.jna.StoreConstants.PP_UNIQUE_CONTAINER;
import static dev.exacme.store.windows.jna.StoreConstants.PROTECTED_DACL_SECURITY_INFORMATION;
import static dev.exacme.store.windows.jna.StoreConstants.SDDL_REVISION_1;
import static dev.exacme.store.windows.jna.StoreConstants.SE_FILE_OBJECT;
import static dev.exacme.store.windows.jna.StoreConstants.SE_PRIVILEGE_ENABLED;
import static dev.exacme.store.windows.jna.StoreConstants.TOKEN_ADJUST_PRIVILEGES;
import static dev.exacme.store.windows.jna.StoreConstants.TOKEN_QUERY;
import static dev.exacme.store.windows.jna.StoreConstants.X509_ASN_ENCODING;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTRByReference;
import com.sun.jna.platform.win32.Crypt32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WTypes.LPWSTR;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinCrypt.CERT_CONTEXT;
import com.sun.jna.platform.win32.WinCrypt.CRYPT_KEY_PROV_INFO;
import com.sun.jna.platform.win32.WinCrypt.CertStoreProviderName;
import com.sun.jna.platform.win32.WinCrypt.DATA_BLOB;
import com.sun.jna.platform.win32.WinCrypt.HCERTSTORE;
import com.sun.jna.platform.win32.WinCrypt.HCRYPTPROV_LEGACY;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.platform.win32.WinNT.LUID;
import com.sun.jna.platform.win32.WinNT.LUID_AND_ATTRIBUTES;
import com.sun.jna.platform.win32.WinNT.PSID;
import com.sun.jna.platform.win32.WinNT.TOKEN_PRIVILEGES;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.exacme.store.windows.jna.CryptoApiKeys;
import dev.exacme.store.windows.jna.Crypt32Store;
import dev.exacme.store.windows.jna.NCrypt;
import dev.exacme.store.windows.jna.SecurityDescriptors;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link MachineStoreApi} through JNA: crypt32, advapi32 and ncrypt. Runs only on Windows; each
 * method is one Windows call or a short fixed sequence, frees what Windows allocated, and turns
 * every failure into a {@link WindowsCallFailed}.
 */
public final class NativeMachineStoreApi implements MachineStoreApi {

    private static final int CERT_ENCODING = X509_ASN_ENCODING | PKCS_7_ASN_ENCODING;
    private static final int OWNER_GROUP_DACL =
            OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION;
    private static final String CRYPTOGRAPHY_KEY = "SOFTWARE\\Microsoft\\Cryptography";

    @Override
    public List<StoreEntry> list(SystemStore store) throws WindowsCallFailed {
        var handle = openStore(store,
                CERT_SYSTEM_STORE_LOCAL_MACHINE | CERT_STORE_READONLY_FLAG | CERT_STORE_OPEN_EXISTING_FLAG);
        try {
            var entries = new ArrayList<StoreEntry>();
            CERT_CONTEXT.ByReference context = null;
            try {
                while (true) {
                    // passing the previous context frees it
                    context = Crypt32.INSTANCE.CertEnumCertificatesInStore(handle,
                            context == null ? null : context.getPointer());
                    if (context == null) {
                        endOfEnumeration(Native.getLastError());
                        return entries;
                    }
                    var pointer = context.getPointer();
                    var der = context.pbCertEncoded.getByteArray(0, context.cbCertEncoded);
                    var friendlyName = property(pointer, CERT_FRIENDLY_NAME_PROP_ID)
                            .map(NativeMachineStoreApi::utf16).orElse("");
                    var key = property(pointer, CERT_KEY_PROV_INFO_PROP_ID).map(NativeMachineStoreApi::keyContainer);
                    var sha1 = property(pointer, CERT_SHA1_HASH_PROP_ID)
                            .map(memory -> java.util.HexFormat.of().withUpperCase()
                                    .formatHex(memory.getByteArray(0, (int) memory.size()))).orElse("");
                    entries.add(new StoreEntry(der, friendlyName, key, sha1));
                }
            } finally {
                if (context != null) {
                    freeContext(context.getPointer());
                }
            }
        } finally {
            closeStore(handle);
        }
    }

    @Override
    public KeyContainer importLeaf(byte[] pfx, char[] password, int pfxFlags, String thumbprint, String friendlyName)
            throws WindowsCallFailed {
        var temporary = importPfx(pfx, password, pfxFlags);
        try {
            // the keys of all certificates in the PKCS#12 are persisted by PFXImportCertStore; only the
            // leaf's certificate is added to My
            var leaf = findInEnumeration(temporary, thumbprint);
            try {
                var my = openStore(SystemStore.MY, CERT_SYSTEM_STORE_LOCAL_MACHINE);
                try {
                    var added = new PointerByReference();
                    if (!Crypt32Store.INSTANCE.CertAddCertificateContextToStore(my, leaf,
                            CERT_STORE_ADD_REPLACE_EXISTING, added)) {
                        throw lastError("CertAddCertificateContextToStore");
                    }
                    try {
                        var name = new DATA_BLOB((friendlyName + "\0").getBytes(StandardCharsets.UTF_16LE));
                        name.write();
                        var set = Crypt32Store.INSTANCE.CertSetCertificateContextProperty(added.getValue(),
                                CERT_FRIENDLY_NAME_PROP_ID, 0, name.getPointer());
                        var code = Native.getLastError();
                        Reference.reachabilityFence(name);
                        if (!set) {
                            throw failed("CertSetCertificateContextProperty", code);
                        }
                        return property(added.getValue(), CERT_KEY_PROV_INFO_PROP_ID)
                                .map(NativeMachineStoreApi::keyContainer)
                                .orElseThrow(() -> new WindowsCallFailed("CertGetCertificateContextProperty",
                                        CRYPT_E_NOT_FOUND, "the imported certificate " + thumbprint + " has no key"));
                    } finally {
                        freeContext(added.getValue());
                    }
                } finally {
                    closeStore(my);
                }
            } finally {
                freeContext(leaf);
            }
        } finally {
            closeStore(temporary);
        }
    }

    @Override
    public boolean addIntermediate(byte[] der) throws WindowsCallFailed {
        var context = Crypt32Store.INSTANCE.CertCreateCertificateContext(CERT_ENCODING, der, der.length);
        if (context == null) {
            throw lastError("CertCreateCertificateContext");
        }
        try {
            var ca = openStore(SystemStore.CA, CERT_SYSTEM_STORE_LOCAL_MACHINE);
            try {
                if (Crypt32Store.INSTANCE.CertAddCertificateContextToStore(ca, context, CERT_STORE_ADD_NEW, null)) {
                    return true;
                }
                var code = Native.getLastError();
                if (code == CRYPT_E_EXISTS) {
                    return false;
                }
                throw failed("CertAddCertificateContextToStore", code);
            } finally {
                closeStore(ca);
            }
        } finally {
            freeContext(context);
        }
    }

    @Override
    public String keySecurity(String thumbprint) throws WindowsCallFailed {
        try (var key = acquireKey(thumbprint)) {
            var descriptor = key.cng()
                    ? ncryptProperty(key.handle(), NCRYPT_SECURITY_DESCR_PROPERTY, OWNER_GROUP_DACL)
                    : provParam(key.handle(), PP_KEYSET_SEC_DESCR, OWNER_GROUP_DACL);
            return toSddl(descriptor);
        }
    }

    @Override
    public void setKeyDacl(String thumbprint, String sddl) throws WindowsCallFailed {
        try (var key = acquireKey(thumbprint); var descriptor = fromSddl(sddl)) {
            if (key.cng()) {
                var status = NCrypt.INSTANCE.NCryptSetProperty(key.handle(), NCRYPT_SECURITY_DESCR_PROPERTY,
                        descriptor.pointer(), descriptor.size(), DACL_SECURITY_INFORMATION | NCRYPT_PERSIST_FLAG);
                if (status != ERROR_SUCCESS) {
                    throw failed("NCryptSetProperty", status);
                }
            } else if (!CryptoApiKeys.INSTANCE.CryptSetProvParam(key.handle(), PP_KEYSET_SEC_DESCR,
                    descriptor.pointer(), DACL_SECURITY_INFORMATION)) {
                throw lastError("CryptSetProvParam");
            }
        }
    }

    @Override
    public String uniqueKeyName(String thumbprint) throws WindowsCallFailed {
        try (var key = acquireKey(thumbprint)) {
            if (key.cng()) {
                return utf16(ncryptProperty(key.handle(), NCRYPT_UNIQUE_NAME_PROPERTY, 0));
            }
            // an ANSI string
            return provParam(key.handle(), PP_UNIQUE_CONTAINER, 0).getString(0);
        }
    }

    @Override
    public String machineGuid() throws WindowsCallFailed {
        try {
            return Advapi32Util.registryGetStringValue(WinReg.HKEY_LOCAL_MACHINE, CRYPTOGRAPHY_KEY, "MachineGuid",
                    KEY_WOW64_64KEY);
        } catch (Win32Exception e) {
            throw failed("RegQueryValueEx", e.getErrorCode());
        }
    }

    @Override
    public Path programData() {
        var programData = System.getenv("ProgramData");
        return Path.of(programData == null || programData.isBlank() ? "C:\\ProgramData" : programData);
    }

    @Override
    public String fileSecurity(Path file) throws WindowsCallFailed {
        var descriptor = new PointerByReference();
        var code = Advapi32.INSTANCE.GetNamedSecurityInfo(file.toString(), SE_FILE_OBJECT, OWNER_GROUP_DACL, null,
                null, null, null, descriptor);
        if (code != ERROR_SUCCESS) {
            throw failed("GetNamedSecurityInfo", code);
        }
        try {
            return toSddl(descriptor.getValue());
        } finally {
            Kernel32.INSTANCE.LocalFree(descriptor.getValue());
        }
    }

    @Override
    public void setFileDacl(Path file, String sddl) throws WindowsCallFailed {
        try (var descriptor = fromSddl(sddl)) {
            var present = new IntByReference();
            var dacl = new PointerByReference();
            var defaulted = new IntByReference();
            if (!SecurityDescriptors.INSTANCE.GetSecurityDescriptorDacl(descriptor.pointer(), present, dacl,
                    defaulted)) {
                throw lastError("GetSecurityDescriptorDacl");
            }
            if (present.getValue() == 0 || dacl.getValue() == null) {
                // a missing or NULL DACL would grant everyone full access
                throw new WindowsCallFailed("GetSecurityDescriptorDacl", ERROR_INVALID_SECURITY_DESCR,
                        "the SDDL has no DACL: " + sddl);
            }
            var code = Advapi32.INSTANCE.SetNamedSecurityInfo(file.toString(), SE_FILE_OBJECT,
                    DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION, null, null, dacl.getValue(),
                    null);
            if (code != ERROR_SUCCESS) {
                throw failed("SetNamedSecurityInfo", code);
            }
        }
    }

    @Override
    public void setFileOwner(Path file, String sid) throws WindowsCallFailed {
        var bytes = sidBytes(sid);
        var owner = new Memory(bytes.length);
        owner.write(0, bytes, 0, bytes.length);
        var code = Advapi32.INSTANCE.SetNamedSecurityInfo(file.toString(), SE_FILE_OBJECT,
                OWNER_SECURITY_INFORMATION, owner, null, null, null);
        Reference.reachabilityFence(owner);
        if (code != ERROR_SUCCESS) {
            throw failed("SetNamedSecurityInfo", code);
        }
    }

    @Override
    public boolean enablePrivilege(String name) throws WindowsCallFailed {
        var token = new HANDLEByReference();
        if (!Advapi32.INSTANCE.OpenProcessToken(Kernel32.INSTANCE.GetCurrentProcess(),
                TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, token)) {
            throw lastError("OpenProcessToken");
        }
        try {
            var luid = new LUID();
            if (!Advapi32.INSTANCE.LookupPrivilegeValue(null, name, luid)) {
                throw lastError("LookupPrivilegeValue");
            }
            var privileges = new TOKEN_PRIVILEGES(1);
            privileges.Privileges[0] = new LUID_AND_ATTRIBUTES(luid, new DWORD(SE_PRIVILEGE_ENABLED));
            if (!Advapi32.INSTANCE.AdjustTokenPrivileges(token.getValue(), false, privileges, 0, null, null)) {
                throw lastError("AdjustTokenPrivileges");
            }
            // AdjustTokenPrivileges succeeds also when the token lacks the privilege
            return Native.getLastError() != ERROR_NOT_ALL_ASSIGNED;
        } finally {
            Kernel32.INSTANCE.CloseHandle(token.getValue());
        }
    }

    @Override
    public String sidOf(String account) throws WindowsCallFailed {
        if (account.regionMatches(true, 0, "S-1-", 0, 4)) {
            return Advapi32Util.convertSidToStringSid(new PSID(sidBytes(account)));
        }
        try {
            return Advapi32Util.getAccountByName(account).sidString;
        } catch (Win32Exception e) {
            throw failed("LookupAccountName", e.getErrorCode());
        }
    }

    @Override
    public String accountOf(String sid) {
        try {
            var account = Advapi32Util.getAccountBySid(sid);
            return account.domain == null || account.domain.isEmpty()
                    ? account.name
                    : account.domain + "\\" + account.name;
        } catch (RuntimeException e) {
            return sid;
        }
    }

    @Override
    public void removeCertificate(String thumbprint) throws WindowsCallFailed {
        var my = openStore(SystemStore.MY, CERT_SYSTEM_STORE_LOCAL_MACHINE | CERT_STORE_OPEN_EXISTING_FLAG);
        try {
            // frees the context, also when it fails
            if (!Crypt32Store.INSTANCE.CertDeleteCertificateFromStore(find(my, thumbprint))) {
                throw lastError("CertDeleteCertificateFromStore");
            }
        } finally {
            closeStore(my);
        }
    }

    @Override
    public void deleteKey(KeyContainer key) throws WindowsCallFailed {
        // keyContainer() turns a missing name into "": an empty (or NULL) pszContainer means the
        // provider's default container, which CRYPT_DELETEKEYSET would then delete instead
        if (key.container().isEmpty()) {
            throw new WindowsCallFailed("CryptAcquireContext", NTE_BAD_KEYSET,
                    "the certificate's key provider info names no key container; nothing deleted");
        }
        // likewise a missing provider name: NULL, not "", is what selects the default provider
        var providerName = key.provider().isEmpty() ? null : key.provider();
        if (!key.cng()) {
            // with CRYPT_DELETEKEYSET no handle is returned
            var unused = new ULONG_PTRByReference();
            var flags = CRYPT_DELETEKEYSET | CRYPT_SILENT | (key.machineKey() ? CRYPT_MACHINE_KEYSET : 0);
            if (!CryptoApiKeys.INSTANCE.CryptAcquireContextW(unused, key.container(), providerName,
                    key.providerType(), flags)) {
                throw lastError("CryptAcquireContext");
            }
            return;
        }
        var provider = new ULONG_PTRByReference();
        var status = NCrypt.INSTANCE.NCryptOpenStorageProvider(provider, providerName, 0);
        if (status != ERROR_SUCCESS) {
            throw failed("NCryptOpenStorageProvider", status);
        }
        try {
            var handle = new ULONG_PTRByReference();
            status = NCrypt.INSTANCE.NCryptOpenKey(provider.getValue(), handle, key.container(), key.keySpec(),
                    key.machineKey() ? NCRYPT_MACHINE_KEY_FLAG : 0);
            if (status != ERROR_SUCCESS) {
                throw failed("NCryptOpenKey", status);
            }
            // frees the key handle when it succeeds
            status = NCrypt.INSTANCE.NCryptDeleteKey(handle.getValue(), 0);
            if (status != ERROR_SUCCESS) {
                NCrypt.INSTANCE.NCryptFreeObject(handle.getValue());
                throw failed("NCryptDeleteKey", status);
            }
        } finally {
            NCrypt.INSTANCE.NCryptFreeObject(provider.getValue());
        }
    }

    // ---- certificate stores

    private static HCERTSTORE openStore(SystemStore store, int flags) throws WindowsCallFailed {
        var handle = Crypt32.INSTANCE.CertOpenStore(new CertStoreProviderName(CERT_STORE_PROV_SYSTEM_W), 0,
                new HCRYPTPROV_LEGACY(0), flags, new LPWSTR(store.nativeName()));
        if (handle == null || handle.getPointer() == null) {
            throw lastError("CertOpenStore");
        }
        return handle;
    }

    private static void closeStore(HCERTSTORE store) {
        Crypt32.INSTANCE.CertCloseStore(store, 0);
    }

    private static void freeContext(Pointer context) {
        if (context != null) {
            Crypt32Store.INSTANCE.CertFreeCertificateContext(context);
        }
    }

    private static void endOfEnumeration(int code) throws WindowsCallFailed {
        if (code != CRYPT_E_NOT_FOUND && code != ERROR_NO_MORE_FILES && code != ERROR_SUCCESS) {
            throw failed("CertEnumCertificatesInStore", code);
        }
    }

    /** The context of the certificate with SHA-1 {@code thumbprint}; the caller frees it. */
    private static Pointer find(HCERTSTORE store, String thumbprint) throws WindowsCallFailed {
        var hash = new DATA_BLOB(HexFormat.of().parseHex(thumbprint));
        hash.write();
        var found = Crypt32.INSTANCE.CertFindCertificateInStore(store, CERT_ENCODING, 0, CERT_FIND_SHA1_HASH,
                hash.getPointer(), null);
        var code = Native.getLastError();
        Reference.reachabilityFence(hash);
        if (found == null) {
            throw failed("CertFindCertificateInStore", code);
        }
        return found.getPointer();
    }

    /** Like {@link #find} but by hashing each certificate, for a store that is not persisted. */
    private static Pointer findInEnumeration(HCERTSTORE store, String thumbprint) throws WindowsCallFailed {
        CERT_CONTEXT.ByReference context = null;
        while (true) {
            context = Crypt32.INSTANCE.CertEnumCertificatesInStore(store,
                    context == null ? null : context.getPointer());
            if (context == null) {
                endOfEnumeration(Native.getLastError());
                throw new WindowsCallFailed("PFXImportCertStore", CRYPT_E_NOT_FOUND,
                        "the PKCS#12 holds no certificate " + thumbprint);
            }
            if (sha1(context.pbCertEncoded.getByteArray(0, context.cbCertEncoded)).equalsIgnoreCase(thumbprint)) {
                return context.getPointer();
            }
        }
    }

    private static HCERTSTORE importPfx(byte[] pfx, char[] password, int flags) throws WindowsCallFailed {
        var blob = new DATA_BLOB(pfx);
        var secret = new Memory(2L * password.length + 2);
        for (var i = 0; i < password.length; i++) {
            secret.setShort(2L * i, (short) password[i]);
        }
        secret.setShort(2L * password.length, (short) 0);
        HCERTSTORE store;
        int code;
        try {
            store = Crypt32.INSTANCE.PFXImportCertStore(blob, new LPWSTR(secret), flags);
            code = Native.getLastError();
        } finally {
            secret.clear();
            blob.pbData.clear(pfx.length);
        }
        if (store == null || store.getPointer() == null) {
            throw failed("PFXImportCertStore", code);
        }
        return store;
    }

    /** A certificate context property, empty if the certificate does not have it. */
    private static Optional<Memory> property(Pointer context, int id) throws WindowsCallFailed {
        var size = new IntByReference();
        if (!Crypt32Store.INSTANCE.CertGetCertificateContextProperty(context, id, null, size)) {
            var code = Native.getLastError();
            if (code == CRYPT_E_NOT_FOUND) {
                return Optional.empty();
            }
            throw failed("CertGetCertificateContextProperty", code);
        }
        var data = new Memory(Math.max(1, size.getValue()));
        if (!Crypt32Store.INSTANCE.CertGetCertificateContextProperty(context, id, data, size)) {
            throw lastError("CertGetCertificateContextProperty");
        }
        return Optional.of(data);
    }

    private static KeyContainer keyContainer(Memory data) {
        var info = Structure.newInstance(CRYPT_KEY_PROV_INFO.class, data);
        info.read();
        return new KeyContainer(Objects.requireNonNullElse(info.pwszProvName, ""), info.dwProvType,
                Objects.requireNonNullElse(info.pwszContainerName, ""), info.dwKeySpec,
                (info.dwFlags & CRYPT_MACHINE_KEYSET) != 0);
    }

    // ---- private keys

    /** A certificate's private key, with the certificate context and store it was acquired through. */
    private record PrivateKey(HCERTSTORE store, Pointer certificate, ULONG_PTR handle, boolean cng, boolean mustFree)
            implements AutoCloseable {

        @Override
        public void close() {
            try {
                if (mustFree) {
                    if (cng) {
                        NCrypt.INSTANCE.NCryptFreeObject(handle);
                    } else {
                        CryptoApiKeys.INSTANCE.CryptReleaseContext(handle, 0);
                    }
                }
            } finally {
                freeContext(certificate);
                closeStore(store);
            }
        }
    }

    private static PrivateKey acquireKey(String thumbprint) throws WindowsCallFailed {
        var store = openStore(SystemStore.MY,
                CERT_SYSTEM_STORE_LOCAL_MACHINE | CERT_STORE_READONLY_FLAG | CERT_STORE_OPEN_EXISTING_FLAG);
        Pointer certificate = null;
        try {
            certificate = find(store, thumbprint);
            var handle = new ULONG_PTRByReference();
            var keySpec = new IntByReference();
            var mustFree = new IntByReference();
            if (!Crypt32Store.INSTANCE.CryptAcquireCertificatePrivateKey(certificate,
                    CRYPT_ACQUIRE_SILENT_FLAG | CRYPT_ACQUIRE_ALLOW_NCRYPT_KEY_FLAG, null, handle, keySpec, mustFree)) {
                throw lastError("CryptAcquireCertificatePrivateKey");
            }
            return new PrivateKey(store, certificate, handle.getValue(), keySpec.getValue() == CERT_NCRYPT_KEY_SPEC,
                    mustFree.getValue() != 0);
        } catch (WindowsCallFailed | RuntimeException e) {
            freeContext(certificate);
            closeStore(store);
            throw e;
        }
    }

    private static Memory ncryptProperty(ULONG_PTR handle, String name, int flags) throws WindowsCallFailed {
        var size = new IntByReference();
        var status = NCrypt.INSTANCE.NCryptGetProperty(handle, name, null, 0, size, flags);
        if (status != ERROR_SUCCESS) {
            throw failed("NCryptGetProperty", status);
        }
        var data = new Memory(Math.max(1, size.getValue()));
        status = NCrypt.INSTANCE.NCryptGetProperty(handle, name, data, (int) data.size(), size, flags);
        if (status != ERROR_SUCCESS) {
            throw failed("NCryptGetProperty", status);
        }
        return data;
    }

    private static Memory provParam(ULONG_PTR handle, int param, int flags) throws WindowsCallFailed {
        var size = new IntByReference();
        if (!CryptoApiKeys.INSTANCE.CryptGetProvParam(handle, param, null, size, flags)) {
            throw lastError("CryptGetProvParam");
        }
        var data = new Memory(Math.max(1, size.getValue()));
        if (!CryptoApiKeys.INSTANCE.CryptGetProvParam(handle, param, data, size, flags)) {
            throw lastError("CryptGetProvParam");
        }
        return data;
    }

    // ---- security descriptors and SIDs

    /** A self-relative security descriptor that {@code LocalFree} frees. */
    private record Descriptor(Pointer pointer, int size) implements AutoCloseable {

        @Override
        public void close() {
            Kernel32.INSTANCE.LocalFree(pointer);
        }
    }

    private static Descriptor fromSddl(String sddl) throws WindowsCallFailed {
        var descriptor = new PointerByReference();
        var size = new IntByReference();
        if (!SecurityDescriptors.INSTANCE.ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, SDDL_REVISION_1,
                descriptor, size)) {
            throw lastError("ConvertStringSecurityDescriptorToSecurityDescriptor");
        }
        return new Descriptor(descriptor.getValue(), size.getValue());
    }

    private static String toSddl(Pointer descriptor) throws WindowsCallFailed {
        var sddl = new PointerByReference();
        if (!SecurityDescriptors.INSTANCE.ConvertSecurityDescriptorToStringSecurityDescriptorW(descriptor,
                SDDL_REVISION_1, OWNER_GROUP_DACL, sddl, null)) {
            throw lastError("ConvertSecurityDescriptorToStringSecurityDescriptor");
        }
        try {
            return sddl.getValue().getWideString(0);
        } finally {
            Kernel32.INSTANCE.LocalFree(sddl.getValue());
        }
    }

    /** {@code ConvertStringSidToSid}, the SID copied out of the memory Windows allocated and freed. */
    private static byte[] sidBytes(String sid) throws WindowsCallFailed {
        try {
            return Advapi32Util.convertStringSidToSid(sid);
        } catch (Win32Exception e) {
            throw failed("ConvertStringSidToSid", e.getErrorCode());
        }
    }

    // ---- helpers

    private static String sha1(byte[] der) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A NUL-terminated UTF-16LE string filling (at most) {@code data}. */
    private static String utf16(Memory data) {
        var text = new String(data.getByteArray(0, (int) data.size() & ~1), StandardCharsets.UTF_16LE);
        var end = text.indexOf('\0');
        return end < 0 ? text : text.substring(0, end);
    }

    private static WindowsCallFailed lastError(String function) {
        return failed(function, Native.getLastError());
    }

    private static WindowsCallFailed failed(String function, int code) {
        String message;
        try {
            message = Kernel32Util.formatMessage(code).trim();
        } catch (RuntimeException e) {
            message = "error " + code;
        }
        return new WindowsCallFailed(function, code, message);
    }
}
