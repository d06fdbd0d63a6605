package dev.exacme.store.windows;

import java.nio.file.Path;
import java.util.List;

/**
 * The native steps behind the Windows machine store, each one Windows call or a short,
 * fixed sequence of them. {@link MachineStore} holds all decisions and talks only to this
 * interface, so its logic runs on Linux against a fake; {@code NativeMachineStoreApi}
 * implements it with JNA and runs only on Windows.
 *
 * <p>Security descriptors cross this interface as SDDL text ({@code O:...D:...}), so that
 * nothing above it handles native memory. Thumbprints are 40 upper-case hex digits.
 */
public interface MachineStoreApi {

    /** The certificates of a {@code LocalMachine} system store. */
    List<StoreEntry> list(SystemStore store) throws WindowsCallFailed;

    /**
     * Imports a PKCS#12 blob with {@code PFXImportCertStore(pfx, password, pfxFlags)}, adds
     * its certificate with thumbprint {@code thumbprint} to {@code LocalMachine\My} with
     * {@code CERT_STORE_ADD_REPLACE_EXISTING}, sets its friendly name, and returns where the
     * imported key was put.
     */
    KeyContainer importLeaf(byte[] pfx, char[] password, int pfxFlags, String thumbprint, String friendlyName)
            throws WindowsCallFailed;

    /**
     * Adds a certificate to {@code LocalMachine\CA} with {@code CERT_STORE_ADD_NEW}, leaving
     * an existing copy as it is; true if it was not there before.
     */
    boolean addIntermediate(byte[] der) throws WindowsCallFailed;

    /**
     * The security descriptor of a certificate's private key (owner and DACL), read through
     * the key itself: {@code PP_KEYSET_SEC_DESCR} for CAPI keys,
     * {@code NCRYPT_SECURITY_DESCR_PROPERTY} for CNG keys.
     */
    String keySecurity(String thumbprint) throws WindowsCallFailed;

    /** Replaces the DACL of a certificate's private key with the DACL of {@code sddl}. */
    void setKeyDacl(String thumbprint, String sddl) throws WindowsCallFailed;

    /**
     * The key's file name inside the machine key folder ({@code PP_UNIQUE_CONTAINER} or
     * CNG's {@code "Unique Name"}); needs the key to be openable.
     */
    String uniqueKeyName(String thumbprint) throws WindowsCallFailed;

    /** {@code HKLM\SOFTWARE\Microsoft\Cryptography\MachineGuid}, part of every key file name. */
    String machineGuid() throws WindowsCallFailed;

    /** {@code %ProgramData%}, under which the machine key folders are. */
    Path programData();

    /** The owner and DACL of a file, through {@code GetNamedSecurityInfo}. */
    String fileSecurity(Path file) throws WindowsCallFailed;

    /** Replaces the DACL of a file with the DACL of {@code sddl} ({@code SetNamedSecurityInfo}). */
    void setFileDacl(Path file, String sddl) throws WindowsCallFailed;

    /** Makes {@code sid} the owner of a file (needs {@code SeTakeOwnershipPrivilege} or {@code SeRestorePrivilege}). */
    void setFileOwner(Path file, String sid) throws WindowsCallFailed;

    /** Enables a privilege held by this process's token; false if the token does not hold it. */
    boolean enablePrivilege(String name) throws WindowsCallFailed;

    /** The SID of an account name ({@code LookupAccountName}); {@code ERROR_NONE_MAPPED} if unknown. */
    String sidOf(String account) throws WindowsCallFailed;

    /** {@code DOMAIN\name} of a SID ({@code LookupAccountSid}), or the SID itself if it maps to no name. */
    String accountOf(String sid);

    /** Deletes a certificate from {@code LocalMachine\My}; its key stays. */
    void removeCertificate(String thumbprint) throws WindowsCallFailed;

    /** Deletes a key container ({@code CRYPT_DELETEKEYSET} or {@code NCryptDeleteKey}). */
    void deleteKey(KeyContainer key) throws WindowsCallFailed;
}
