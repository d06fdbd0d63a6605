package dev.exacme.store.keystore;

import dev.exacme.store.CertificateBundle;
import dev.exacme.store.CertificateUsage;
import dev.exacme.store.Installation;
import dev.exacme.store.StoreException;
import dev.exacme.store.StoredCertificate;
import dev.exacme.store.Thumbprint;
import dev.exacme.store.files.AtomicFiles;
import dev.exacme.store.files.FileProtection;
import dev.exacme.store.files.SingleFileStore;
import dev.exacme.store.files.TargetLock;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.util.List;

/**
 * Certificates as key entries of a Java keystore (JKS or PKCS#12) under a chosen alias, for
 * Java servers (Tomcat, Jetty, Keycloak). Other entries of the keystore are kept; the file
 * is replaced atomically and the one it replaces is kept as {@code FILE.previous}. Key
 * entries are protected with the keystore password, as those servers expect by default.
 * Installs into one keystore take turns ({@link TargetLock}), each reading, changing and
 * writing the file as a whole.
 */
public final class KeystoreStore extends SingleFileStore {

    private final KeystoreFile keystore;
    private final String alias;

    /** The key entry {@code alias} in {@code keystore}, the file readable as {@code protection} says. */
    public KeystoreStore(Path file, KeystoreFile keystore, String alias, FileProtection protection) {
        super(file, protection, "Java keystore", "a keystore");
        this.keystore = keystore;
        this.alias = alias;
    }

    @Override
    public String location() {
        return file + " (alias " + alias + ")";
    }

    @Override
    public void prepare() throws StoreException {
        AtomicFiles.requireWritableDirectory(file.getParent(), protection, "--keystore-file " + file);
        keystore.read();
    }

    @Override
    public Installation install(CertificateBundle bundle, String friendlyName) throws StoreException {
        try {
            protection.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StoreException(file.getParent() + " cannot be created: " + e.getMessage(), e);
        }
        // The whole read-modify-write under the lock: otherwise two installs of different
        // aliases each write back what they read, and one of them is lost.
        try (var lock = TargetLock.acquire(file)) {
            var contents = keystore.read();
            contents.keyStore().setKeyEntry(alias, bundle.key(), keystore.password(),
                    bundle.chain().toArray(Certificate[]::new));
            AtomicFiles.replace(file, keystore.encode(contents.keyStore()), protection, backup());
            return new Installation(bundle.thumbprint(), location(), describe(), List.of());
        } catch (KeyStoreException e) {
            throw new StoreException("the key entry " + alias + " cannot be set: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException(file + " cannot be written: " + e.getMessage()
                    + ". The previous file, if any, is unchanged.", e);
        }
    }

    @Override
    public List<StoredCertificate> list() throws StoreException {
        return keystore.read().entries();
    }

    @Override
    public void remove(Thumbprint thumbprint, CertificateUsage usage) throws StoreException {
        require(thumbprint);
        usage.requireUnused(thumbprint);
        try (var lock = TargetLock.acquire(file)) {
            // Looked up again under the lock: another install may have changed the file since.
            var entry = require(thumbprint);
            var contents = keystore.read();
            contents.keyStore().deleteEntry(entry.friendlyName());
            AtomicFiles.replace(file, keystore.encode(contents.keyStore()), protection, backup());
        } catch (KeyStoreException | IOException e) {
            throw new StoreException("the entry of " + thumbprint + " cannot be removed from " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
