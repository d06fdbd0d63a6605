package dev.exacme.lifecycle.store;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.secrets.SecretStore;
import dev.exacme.lifecycle.spec.StoreSpec;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.StoreException;
import dev.exacme.store.files.FileProtection;
import dev.exacme.store.keystore.KeystoreFile;
import dev.exacme.store.keystore.KeystoreStore;
import dev.exacme.store.pem.PemStore;
import dev.exacme.store.pfx.PfxStore;
import dev.exacme.store.pkcs12.Pkcs12Encryption;
import dev.exacme.store.windows.MachineStore;
import dev.exacme.store.windows.NativeMachineStoreApi;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Opens the store a specification names, its password read into memory from its source. */
public final class Stores {

    private Stores() {
    }

    /**
     * The store, its options checked.
     *
     * @throws InvalidRequest when it cannot work here (the Windows store elsewhere) or a secret is missing
     */
    public static CertificateStore open(StoreSpec spec, SecretStore secrets, Map<String, String> environment)
            throws InvalidRequest, IOException,
            StoreException {
        return open(spec, protection(keyGroup(spec)), secrets, environment);
    }

    /**
     * The store, its options checked, a file store's key protected as {@code keyProtection}
     * says rather than by the specification's key group: for the {@code store} commands,
     * which check a store someone else's definition (or nobody's) wrote.
     */
    public static CertificateStore open(StoreSpec spec, FileProtection keyProtection, SecretStore secrets,
            Map<String, String> environment) throws InvalidRequest, IOException, StoreException {
        spec.validate();
        if (spec instanceof StoreSpec.Pem pem) {
            return PemStore.directory(Path.of(pem.directory()), keyProtection);
        }
        if (spec instanceof StoreSpec.Pfx pfx) {
            var password = pfx.password().read("--pfx-password-file", secrets, environment);
            return new PfxStore(Path.of(pfx.file()), password.toCharArray(),
                    pfx.legacy() ? Pkcs12Encryption.LEGACY_3DES_SHA1 : Pkcs12Encryption.AES256_SHA256, keyProtection);
        }
        if (spec instanceof StoreSpec.Keystore keystore) {
            var password = keystore.password().read("--keystore-password-file", secrets, environment);
            var file = Path.of(keystore.file());
            return new KeystoreStore(file, new KeystoreFile(file, keystore.keystoreType(), password.toCharArray()),
                    keystore.alias(), keyProtection);
        }
        var windows = (StoreSpec.WindowsMachine) spec;
        if (!onWindows()) {
            throw new InvalidRequest("--store windows needs Windows; on this system use --store pem, pfx or keystore.");
        }
        return new MachineStore(new NativeMachineStoreApi(), new MachineStore.Options(windows.cng(),
                windows.exportable(), windows.grants()));
    }

    private static FileProtection protection(String keyGroup) throws StoreException {
        return FileProtection.secret(Optional.ofNullable(keyGroup));
    }

    /** The group a file store's specification lets read its key, null for owner-only or the Windows store. */
    public static String keyGroup(StoreSpec spec) {
        if (spec instanceof StoreSpec.Pem pem) {
            return pem.keyGroup();
        }
        if (spec instanceof StoreSpec.Pfx pfx) {
            return pfx.keyGroup();
        }
        return spec instanceof StoreSpec.Keystore keystore ? keystore.keyGroup() : null;
    }

    /** Whether this is Windows, where the machine store and Exchange exist. */
    public static boolean onWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
