package dev.exacme.store.windows;

import dev.exacme.store.AccessRule;
import dev.exacme.store.CertificateBundle;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.CertificateUsage;
import dev.exacme.store.Installation;
import dev.exacme.store.KeyAccess;
import dev.exacme.store.KeyGrant;
import dev.exacme.store.KeyRights;
import dev.exacme.store.StoreException;
import dev.exacme.store.StoreException.Rejected;
import dev.exacme.store.StoredCertificate;
import dev.exacme.store.Thumbprint;
import dev.exacme.store.pkcs12.Pkcs12Encoder;
import dev.exacme.store.pkcs12.Pkcs12Encryption;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Windows machine store, {@code LocalMachine\My}: certificates with persisted machine
 * keys whose DACL is set explicitly and read back. Every decision is here; every Windows
 * call goes through {@link MachineStoreApi}. Not yet run on Windows.
 *
 * <p>The key's DACL always grants SYSTEM and Administrators full control and NETWORK
 * SERVICE read ({@link RequiredAccess#defaults}), plus the accounts the person names. The
 * DACL is merged, never replaced, and an install whose read-back DACL lacks any of these
 * fails naming what is missing.
 */
public final class MachineStore implements CertificateStore {

    private static final Logger LOG = LoggerFactory.getLogger(MachineStore.class);
    private static final Pattern SID = Pattern.compile("S-1-\\d+(-\\d+)+");
    private static final String LOCATION = "LocalMachine\\My";

    /**
     * How keys are imported.
     *
     * @param cng        RSA keys into the CNG software KSP instead of the SChannel CSP
     * @param exportable whether the private key may be exported later
     * @param access     accounts that get access beyond the defaults ({@code --acl-read}, {@code --acl-full})
     */
    public record Options(boolean cng, boolean exportable, List<KeyGrant> access) {

        /** Copies the list. */
        public Options {
            access = List.copyOf(access);
        }
    }

    private final MachineStoreApi api;
    private final Options options;

    /** The machine store reached through {@code api}, importing as {@code options} say. */
    public MachineStore(MachineStoreApi api, Options options) {
        this.api = api;
        this.options = options;
    }

    @Override
    public String location() {
        return LOCATION;
    }

    @Override
    public void prepare() throws StoreException {
        required(options.access());
        call(() -> api.list(SystemStore.MY));
    }

    @Override
    public Installation install(CertificateBundle bundle, String friendlyName) throws StoreException {
        var required = required(options.access());
        var placement = KeyPlacement.of(bundle.key(), options.cng(), options.exportable());
        var thumbprint = bundle.thumbprint();
        var earlier = call(() -> entry(thumbprint));
        var password = password();
        try {
            // 3DES/SHA-1: the PFX never leaves memory, and Windows Server 2016 cannot import the AES form.
            var pfx = new Pkcs12Encoder(Pkcs12Encryption.LEGACY_3DES_SHA1).encode(bundle, password, friendlyName,
                    placement.providerName());
            var key = call(() -> api.importLeaf(pfx, password, placement.pfxFlags(), thumbprint.hex(), friendlyName));
            placement.check(key);
            var warnings = new ArrayList<>(placement.warnings());
            addIntermediates(bundle);
            var access = secure(thumbprint, key, required);
            earlier.flatMap(StoreEntry::key).filter(old -> !old.container().equals(key.container()))
                    .ifPresent(old -> deleteOrphan(old, warnings));
            return new Installation(thumbprint, LOCATION, access, warnings);
        } catch (IOException | java.security.cert.CertificateEncodingException e) {
            throw new StoreException("the certificate cannot be prepared for import: " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * The certificates {@code LocalMachine\CA} is given for {@code bundle}: every intermediate of
     * the chain, then the cross-signed certificates of the CA's alternate chains, each once; never
     * a self-signed root, which belongs in {@code Root} and which exacme does not make trusted.
     */
    public static List<X509Certificate> forCaStore(CertificateBundle bundle) {
        var chosen = new ArrayList<X509Certificate>();
        var seen = new java.util.HashSet<Thumbprint>();
        var candidates = new ArrayList<>(bundle.intermediates());
        candidates.addAll(bundle.crossSigned());
        for (var certificate : candidates) {
            if (certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                LOG.info("not adding the self-signed {} to LocalMachine\\CA: roots are Windows' to trust",
                        certificate.getSubjectX500Principal().getName());
                continue;
            }
            if (seen.add(Thumbprint.of(certificate))) {
                chosen.add(certificate);
            }
        }
        return chosen;
    }

    /** Adds {@link #forCaStore} to {@code LocalMachine\CA}, leaving copies already there as they are. */
    private void addIntermediates(CertificateBundle bundle) throws StoreException,
            java.security.cert.CertificateEncodingException {
        for (var certificate : forCaStore(bundle)) {
            var der = certificate.getEncoded();
            if (call(() -> api.addIntermediate(der))) {
                LOG.info("added {} (issued by {}) to LocalMachine\\CA", certificate.getSubjectX500Principal().getName(),
                        certificate.getIssuerX500Principal().getName());
            }
        }
    }

    /** Sets the key's DACL to include every requirement, reads it back, and fails naming what is still missing. */
    private KeyAccess secure(Thumbprint thumbprint, KeyContainer key, List<RequiredAccess> required)
            throws StoreException {
        var current = SecurityDescriptor.parse(call(() -> api.keySecurity(thumbprint.hex())));
        var merge = KeyDacl.merge(current, required, api::accountOf);
        if (!merge.changes().isEmpty()) {
            call(() -> {
                api.setKeyDacl(thumbprint.hex(), merge.descriptor().daclSddl());
                return null;
            });
            merge.changes().forEach(change -> LOG.info("key of {}: {}", thumbprint, change));
        }
        var readBack = SecurityDescriptor.parse(call(() -> api.keySecurity(thumbprint.hex())));
        var missing = KeyDacl.missing(readBack, required, api::accountOf);
        if (!missing.isEmpty()) {
            throw new StoreException("the private key of " + thumbprint + " was given its access rules, but what"
                    + " Windows reads back does not grant them: " + String.join("; ", missing) + ". The certificate"
                    + " is in LocalMachine\\My; 'exacme store show " + thumbprint + "' shows the key's rules.");
        }
        return report(thumbprint, key, readBack, required, List.of());
    }

    private void deleteOrphan(KeyContainer old, List<String> warnings) {
        try {
            var stillUsed = api.list(SystemStore.MY).stream().flatMap(entry -> entry.key().stream())
                    .anyMatch(key -> key.container().equals(old.container()));
            if (!stillUsed) {
                api.deleteKey(old);
            }
        } catch (WindowsCallFailed e) {
            warnings.add("the key container " + old.container() + " of the replaced copy could not be deleted ("
                    + e.getMessage() + "); it holds an unused copy of the same key.");
        }
    }

    @Override
    public List<StoredCertificate> list() throws StoreException {
        var stored = new ArrayList<StoredCertificate>();
        for (var entry : call(() -> api.list(SystemStore.MY))) {
            var thumbprint = Thumbprint.of(entry.der());
            if (!entry.reportedSha1().equals(thumbprint.hex())) {
                throw new StoreException("LocalMachine\\My reports thumbprint " + entry.reportedSha1() + " for the"
                        + " certificate whose SHA-1 is " + thumbprint + ": the store's copy is damaged; remove and"
                        + " re-import that certificate.");
            }
            stored.add(new StoredCertificate(thumbprint, certificate(entry.der()), entry.friendlyName(),
                    entry.key().map(key -> key.provider() + ", container " + key.container())));
        }
        return stored;
    }

    @Override
    public KeyAccess keyAccess(Thumbprint thumbprint) throws StoreException {
        var key = keyOf(thumbprint);
        var required = RequiredAccess.defaults();
        try {
            var descriptor = SecurityDescriptor.parse(api.keySecurity(thumbprint.hex()));
            return report(thumbprint, key, descriptor, required, List.of());
        } catch (WindowsCallFailed e) {
            if (!e.accessDenied()) {
                throw failure(e);
            }
        }
        // This account cannot open the key: the seed's state. The key file may still be readable.
        var denied = "this account cannot open the key (access denied); 'exacme store grant " + thumbprint
                + "' run as Administrator repairs it";
        var file = derivedFile(key);
        if (file.isEmpty()) {
            return new KeyAccess(key.provider(), "", "", List.of(), List.of(denied));
        }
        try {
            var descriptor = SecurityDescriptor.parse(api.fileSecurity(file.get()));
            return report(thumbprint, key, descriptor, required, List.of(denied));
        } catch (WindowsCallFailed e) {
            return new KeyAccess(key.provider(), file.get().toString(), "", List.of(),
                    List.of(denied, "its file's rules cannot be read either (" + e.getMessage() + ")"));
        }
    }

    @Override
    public KeyAccess grant(Thumbprint thumbprint, List<KeyGrant> grants) throws StoreException {
        var key = keyOf(thumbprint);
        var required = required(grants);
        try {
            var current = SecurityDescriptor.parse(api.keySecurity(thumbprint.hex()));
            var merge = KeyDacl.merge(current, required, api::accountOf);
            if (!merge.changes().isEmpty()) {
                api.setKeyDacl(thumbprint.hex(), merge.descriptor().daclSddl());
            }
            return verified(thumbprint, key, required, merge.changes());
        } catch (WindowsCallFailed e) {
            if (!e.accessDenied()) {
                throw failure(e);
            }
            return repairFile(thumbprint, key, required);
        }
    }

    /**
     * The key cannot be opened by this account, so its file is re-permissioned directly with
     * the privileges an elevated administrator holds: take ownership if the file's rules
     * cannot even be read, then merge the DACL.
     */
    private KeyAccess repairFile(Thumbprint thumbprint, KeyContainer key, List<RequiredAccess> required)
            throws StoreException {
        var file = derivedFile(key).orElseThrow(() -> new StoreException("the private key of " + thumbprint
                + " is a CNG key this account cannot open, and a CNG key's file cannot be found without opening it."
                + " Run 'exacme store grant' as SYSTEM (for example from a scheduled task running as SYSTEM)."));
        var restore = call(() -> api.enablePrivilege("SeRestorePrivilege"));
        var takeOwnership = call(() -> api.enablePrivilege("SeTakeOwnershipPrivilege"));
        if (!restore && !takeOwnership) {
            throw new StoreException("access to the private key of " + thumbprint + " is denied and this process"
                    + " holds neither SeRestorePrivilege nor SeTakeOwnershipPrivilege: run exacme from an elevated"
                    + " prompt (Run as administrator).");
        }
        var changes = new ArrayList<String>();
        SecurityDescriptor current;
        try {
            current = SecurityDescriptor.parse(api.fileSecurity(file));
        } catch (WindowsCallFailed e) {
            if (!e.accessDenied() || !takeOwnership) {
                throw failure(e);
            }
            call(() -> {
                api.setFileOwner(file, RequiredAccess.ADMINISTRATORS);
                return null;
            });
            changes.add("made Administrators the owner of " + file);
            current = SecurityDescriptor.parse(call(() -> api.fileSecurity(file)));
        }
        var merge = KeyDacl.merge(current, required, api::accountOf);
        call(() -> {
            api.setFileDacl(file, merge.descriptor().daclSddl());
            return null;
        });
        changes.addAll(merge.changes());
        return verified(thumbprint, key, required, changes);
    }

    private KeyAccess verified(Thumbprint thumbprint, KeyContainer key, List<RequiredAccess> required,
                               List<String> changes) throws StoreException {
        changes.forEach(change -> LOG.info("key of {}: {}", thumbprint, change));
        var readBack = SecurityDescriptor.parse(call(() -> api.keySecurity(thumbprint.hex())));
        var missing = KeyDacl.missing(readBack, required, api::accountOf);
        if (!missing.isEmpty()) {
            throw new StoreException("the key's rules were written but Windows reads back: " + String.join("; ", missing));
        }
        return report(thumbprint, key, readBack, required, List.of());
    }

    @Override
    public void remove(Thumbprint thumbprint, CertificateUsage usage) throws StoreException {
        var entry = call(() -> entry(thumbprint)).orElseThrow(() -> notFound(thumbprint));
        usage.requireUnused(thumbprint);
        call(() -> {
            api.removeCertificate(thumbprint.hex());
            return null;
        });
        if (entry.key().isPresent()) {
            var warnings = new ArrayList<String>();
            deleteOrphan(entry.key().get(), warnings);
            if (!warnings.isEmpty()) {
                throw new StoreException("certificate " + thumbprint + " was removed, but " + warnings.get(0));
            }
        }
    }

    private KeyAccess report(Thumbprint thumbprint, KeyContainer key, SecurityDescriptor descriptor,
                             List<RequiredAccess> required, List<String> problems) {
        var rules = descriptor.aces().stream().map(ace -> new AccessRule(api.accountOf(ace.sid()), ace.sid(),
                ace.allow(), KeyDacl.rightsOf(ace.mask()), "0x" + Integer.toHexString(ace.mask()).toUpperCase()
                + (ace.inherited() ? " inherited" : ""))).toList();
        var allProblems = new ArrayList<>(problems);
        allProblems.addAll(KeyDacl.missing(descriptor, required, api::accountOf));
        if (!KeyDacl.canRepermission(descriptor, RequiredAccess.ADMINISTRATORS)
                && KeyDacl.grants(descriptor, RequiredAccess.ADMINISTRATORS, KeyRights.READ)) {
            allProblems.add("Administrators can use the key but not change its rules, which Exchange setup does");
        }
        return new KeyAccess(key.provider() + (key.cng() ? " (CNG)" : " (CAPI)"), keyFile(thumbprint, key),
                descriptor.owner().map(api::accountOf).orElse(""), rules, allProblems);
    }

    private String keyFile(Thumbprint thumbprint, KeyContainer key) {
        try {
            return KeyFiles.folder(api.programData(), key).resolve(api.uniqueKeyName(thumbprint.hex())).toString();
        } catch (WindowsCallFailed e) {
            return derivedFile(key).map(Path::toString).orElse("");
        }
    }

    private Optional<Path> derivedFile(KeyContainer key) {
        try {
            var guid = api.machineGuid();
            return KeyFiles.derivedCapiName(key, guid).map(name -> KeyFiles.folder(api.programData(), key).resolve(name));
        } catch (WindowsCallFailed e) {
            return Optional.empty();
        }
    }

    private KeyContainer keyOf(Thumbprint thumbprint) throws StoreException {
        var entry = call(() -> entry(thumbprint)).orElseThrow(() -> notFound(thumbprint));
        return entry.key().orElseThrow(() -> new Rejected("certificate " + thumbprint + " in " + LOCATION
                + " has no private key."));
    }

    private Optional<StoreEntry> entry(Thumbprint thumbprint) throws WindowsCallFailed {
        return api.list(SystemStore.MY).stream().filter(entry -> Thumbprint.of(entry.der()).equals(thumbprint))
                .findFirst();
    }

    private static Rejected notFound(Thumbprint thumbprint) {
        return new Rejected("no certificate with thumbprint " + thumbprint + " in " + LOCATION
                + "; 'exacme store list' shows the ones there.");
    }

    /** The defaults plus the accounts asked for, each resolved to a SID before anything changes. */
    private List<RequiredAccess> required(List<KeyGrant> grants) throws StoreException {
        var required = new ArrayList<>(RequiredAccess.defaults());
        for (var grant : grants) {
            var option = grant.rights() == KeyRights.FULL_CONTROL ? "--acl-full" : "--acl-read";
            if (grant.rights() == KeyRights.PARTIAL) {
                throw new Rejected(grant.account() + ": only read or full control can be granted.");
            }
            required.add(new RequiredAccess(sidOf(grant.account(), option), grant.rights(), option + " "
                    + grant.account()));
        }
        return required;
    }

    private String sidOf(String account, String option) throws StoreException {
        if (account.regionMatches(true, 0, "S-", 0, 2)) {
            if (!SID.matcher(account.toUpperCase()).matches()) {
                throw new Rejected(option + " " + account + ": not a valid SID (expected S-1-5-21-...-1001).");
            }
            return account.toUpperCase();
        }
        try {
            return api.sidOf(account);
        } catch (WindowsCallFailed e) {
            if (e.code() == WindowsCallFailed.ERROR_NONE_MAPPED) {
                throw new Rejected(option + " " + account + ": no such account on this machine or its domain;"
                        + " give DOMAIN\\name, a local group name, or a SID.");
            }
            throw failure(e);
        }
    }

    private static char[] password() {
        var random = new SecureRandom();
        var password = new char[32];
        for (var i = 0; i < password.length; i++) {
            password[i] = (char) ('!' + random.nextInt(94));
        }
        return password;
    }

    private static X509Certificate certificate(byte[] der) throws StoreException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new StoreException("a certificate in LocalMachine\\My cannot be read: " + e.getMessage(), e);
        }
    }

    private interface WindowsCall<T> {
        T run() throws WindowsCallFailed;
    }

    private static <T> T call(WindowsCall<T> call) throws StoreException {
        try {
            return call.run();
        } catch (WindowsCallFailed e) {
            throw failure(e);
        }
    }

    private static StoreException failure(WindowsCallFailed e) {
        if (e.accessDenied()) {
            return new StoreException(e.getMessage() + ": access denied; run exacme from an elevated prompt"
                    + " (Run as administrator) or as SYSTEM.", e);
        }
        return new StoreException(e.getMessage(), e);
    }
}
