package dev.exacme.store.windows;

import dev.exacme.store.Thumbprint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An in-memory Windows for {@link MachineStore}'s logic: a store of certificates, keys with
 * security descriptors (each key's DACL is its file's DACL, as for real CAPI machine keys),
 * privileges, accounts. Records what it was asked so that tests can see the decisions. Public
 * so that other modules' tests can run the real {@link MachineStore} on Linux.
 */
public final class FakeMachineStoreApi implements MachineStoreApi {

    static final String MACHINE_GUID = "3f1d2b4c-0000-4000-8000-123456789abc";
    static final Path PROGRAM_DATA = Path.of("/ProgramData");

    final Map<String, StoreEntry> my = new LinkedHashMap<>();
    final List<byte[]> intermediates = new ArrayList<>();
    final Map<Path, String> files = new HashMap<>();
    final Map<String, String> accounts = new HashMap<>(Map.of("CONTOSO\\svc-exchange", "S-1-5-21-1-2-3-1104"));
    final Set<String> privileges = new HashSet<>();
    final List<String> calls = new ArrayList<>();
    final List<KeyContainer> deletedKeys = new ArrayList<>();
    String importedProvider = KeyPlacement.SCHANNEL_CSP;
    int importedProviderType = 12;
    /** What Windows gives a machine key an administrator imports: NETWORK SERVICE is not in it. */
    String initialKeySddl = "O:BAG:SYD:PAI(A;;FA;;;SY)(A;;FA;;;BA)";
    boolean ignoreDaclWrites;
    int lastPfxFlags;
    byte[] lastPfx;
    char[] lastPassword;

    @Override
    public List<StoreEntry> list(SystemStore store) {
        return List.copyOf(my.values());
    }

    @Override
    public KeyContainer importLeaf(byte[] pfx, char[] password, int pfxFlags, String thumbprint, String friendlyName) {
        calls.add("importLeaf");
        lastPfx = pfx;
        lastPassword = password.clone();
        lastPfxFlags = pfxFlags;
        var cng = (pfxFlags & 0x200) != 0;
        var key = new KeyContainer(cng ? KeyPlacement.SOFTWARE_KSP : importedProvider, cng ? 0 : importedProviderType,
                "exacme-" + UUID.randomUUID(), 1, (pfxFlags & 0x20) != 0);
        var der = der(pfx, password);
        my.put(thumbprint, new StoreEntry(der, friendlyName, Optional.of(key), Thumbprint.of(der).hex()));
        files.put(file(key), initialKeySddl);
        return key;
    }

    private static byte[] der(byte[] pfx, char[] password) {
        try {
            var keyStore = java.security.KeyStore.getInstance("PKCS12");
            keyStore.load(new java.io.ByteArrayInputStream(pfx), password);
            return keyStore.getCertificate(keyStore.aliases().nextElement()).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("the PFX does not open with its password", e);
        }
    }

    Path file(KeyContainer key) {
        var name = KeyFiles.derivedCapiName(key, MACHINE_GUID).orElse("cng-" + key.container());
        return KeyFiles.folder(PROGRAM_DATA, key).resolve(name);
    }

    void add(byte[] der, KeyContainer key, String sddl) {
        my.put(Thumbprint.of(der).hex(), new StoreEntry(der, "", Optional.of(key), Thumbprint.of(der).hex()));
        files.put(file(key), sddl);
    }

    @Override
    public boolean addIntermediate(byte[] der) {
        if (intermediates.stream().anyMatch(known -> java.util.Arrays.equals(known, der))) {
            return false;
        }
        return intermediates.add(der);
    }

    private KeyContainer key(String thumbprint) throws WindowsCallFailed {
        var entry = my.get(thumbprint);
        if (entry == null || entry.key().isEmpty()) {
            throw new WindowsCallFailed("CertFindCertificateInStore", WindowsCallFailed.CRYPT_E_NOT_FOUND, "not found");
        }
        return entry.key().get();
    }

    /** Opening a key needs read access for Administrators (the caller is an administrator). */
    private KeyContainer open(String thumbprint) throws WindowsCallFailed {
        var key = key(thumbprint);
        var descriptor = SecurityDescriptor.parse(files.get(file(key)));
        if (!KeyDacl.grants(descriptor, RequiredAccess.ADMINISTRATORS, dev.exacme.store.KeyRights.READ)) {
            throw new WindowsCallFailed("CryptAcquireCertificatePrivateKey", WindowsCallFailed.NTE_PERM, "Access denied");
        }
        return key;
    }

    @Override
    public String keySecurity(String thumbprint) throws WindowsCallFailed {
        calls.add("keySecurity");
        return files.get(file(open(thumbprint)));
    }

    @Override
    public void setKeyDacl(String thumbprint, String sddl) throws WindowsCallFailed {
        calls.add("setKeyDacl");
        var file = file(open(thumbprint));
        if (!ignoreDaclWrites) {
            files.put(file, withDacl(files.get(file), sddl));
        }
    }

    private static String withDacl(String current, String dacl) {
        var owner = SecurityDescriptor.parse(current).owner().map(sid -> "O:" + sid).orElse("");
        return owner + dacl;
    }

    @Override
    public String uniqueKeyName(String thumbprint) throws WindowsCallFailed {
        return file(open(thumbprint)).getFileName().toString();
    }

    @Override
    public String machineGuid() {
        return MACHINE_GUID;
    }

    @Override
    public Path programData() {
        return PROGRAM_DATA;
    }

    @Override
    public String fileSecurity(Path file) throws WindowsCallFailed {
        calls.add("fileSecurity");
        var sddl = files.get(file);
        if (sddl == null) {
            throw new WindowsCallFailed("GetNamedSecurityInfo", 2, "The system cannot find the file specified.");
        }
        var descriptor = SecurityDescriptor.parse(sddl);
        var owner = descriptor.owner().orElse("");
        if (!owner.equals(RequiredAccess.ADMINISTRATORS)
                && !KeyDacl.grants(descriptor, RequiredAccess.ADMINISTRATORS, dev.exacme.store.KeyRights.READ)) {
            throw new WindowsCallFailed("GetNamedSecurityInfo", WindowsCallFailed.ERROR_ACCESS_DENIED, "Access is denied.");
        }
        return sddl;
    }

    @Override
    public void setFileDacl(Path file, String sddl) throws WindowsCallFailed {
        calls.add("setFileDacl " + file);
        var descriptor = SecurityDescriptor.parse(files.get(file));
        if (!descriptor.owner().orElse("").equals(RequiredAccess.ADMINISTRATORS)
                && !privileges.contains("SeRestorePrivilege enabled")) {
            throw new WindowsCallFailed("SetNamedSecurityInfo", WindowsCallFailed.ERROR_ACCESS_DENIED, "Access is denied.");
        }
        files.put(file, withDacl(files.get(file), sddl));
    }

    @Override
    public void setFileOwner(Path file, String sid) throws WindowsCallFailed {
        calls.add("setFileOwner " + sid);
        if (!privileges.contains("SeTakeOwnershipPrivilege enabled")) {
            throw new WindowsCallFailed("SetNamedSecurityInfo", WindowsCallFailed.ERROR_ACCESS_DENIED, "Access is denied.");
        }
        var descriptor = SecurityDescriptor.parse(files.get(file));
        files.put(file, "O:" + sid + descriptor.daclSddl());
    }

    @Override
    public boolean enablePrivilege(String name) {
        calls.add("enablePrivilege " + name);
        if (privileges.contains(name)) {
            privileges.add(name + " enabled");
            return true;
        }
        return false;
    }

    @Override
    public String sidOf(String account) throws WindowsCallFailed {
        var sid = accounts.get(account);
        if (sid == null) {
            throw new WindowsCallFailed("LookupAccountName", WindowsCallFailed.ERROR_NONE_MAPPED,
                    "No mapping between account names and security IDs was done.");
        }
        return sid;
    }

    @Override
    public String accountOf(String sid) {
        return switch (sid) {
            case "S-1-5-18" -> "NT AUTHORITY\\SYSTEM";
            case "S-1-5-32-544" -> "BUILTIN\\Administrators";
            case "S-1-5-20" -> "NT AUTHORITY\\NETWORK SERVICE";
            default -> accounts.entrySet().stream().filter(entry -> entry.getValue().equals(sid))
                    .map(Map.Entry::getKey).findFirst().orElse(sid);
        };
    }

    @Override
    public void removeCertificate(String thumbprint) {
        calls.add("removeCertificate");
        my.remove(thumbprint);
    }

    @Override
    public void deleteKey(KeyContainer key) {
        deletedKeys.add(key);
        files.remove(file(key));
    }
}
