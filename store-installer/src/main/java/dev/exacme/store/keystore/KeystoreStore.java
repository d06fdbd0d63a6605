package dev.exacme.store.keystore;

import dev.exacme.store.CertificateBundle;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.CertificateUsage;
import dev.exacme.store.Installation;
import dev.exacme.store.KeyAccess;
import dev.exacme.store.KeyGrant;
import dev.exacme.store.StoreException;
import dev.exacme.store.StoreException.Rejected;
import dev.exacme.store.StoredCertificate;
import dev.exacme.store.Thumbprint;
import dev.exacme.store.files.AtomicFiles;
import dev.exacme.store.files.FileProtection;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Certificates as key entries of a Java keystore (JKS or PKCS#12) under a chosen alias, for
 * Java servers (Tomcat, Jetty, Keycloak). Other entries of the keystore are kept; the file
 * is replaced atomically and the one it replaces is kept as {@code FILE.previous}. Key
 * entries are protected with the keystore password, as those servers expect by default.
 */
public final class KeystoreStore implements CertificateStore {

    private final KeystoreFile keystore;
    private final Path file;
    private final String alias;
    private final FileProtection protection;

    /** The key entry {@code alias} in {@code keystore}, the file readable as {@code protection} says. */
    public KeystoreStore(Path file, KeystoreFile keystore, String alias, FileProtection protection) {
        this.file = file.toAbsolutePath();
        this.keystore = keystore;
        this.alias = alias;
        this.protection = protection;
    }

    @Override
    public String location() {
        return file + " (alias " + alias + ")";
    }

    @Override
    public void prepare() throws StoreException {
        AtomicFiles.requireWritableDirectory(file.getParent(), "--keystore-file " + file);
        keystore.read();
    }

    @Override
    public Installation install(CertificateBundle bundle, String friendlyName) throws StoreException {
        var contents = keystore.read();
        try {
            contents.keyStore().setKeyEntry(alias, bundle.key(), keystore.password(),
                    bundle.chain().toArray(Certificate[]::new));
            AtomicFiles.replace(file, keystore.encode(contents.keyStore()), protection,
                    file.resolveSibling(file.getFileName() + ".previous"));
            return new Installation(bundle.thumbprint(), location(), protection.describe(file, "Java keystore"),
                    List.of());
        } catch (KeyStoreException e) {
            throw new StoreException("the key entry " + alias + " cannot be set: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException(file + " cannot be written: " + e.getMessage()
                    + ". The previous file, if any, is unchanged.", e);
        }
    }

    @Override
    public Optional<StoredCertificate> find(Thumbprint thumbprint) throws StoreException {
        return list().stream().filter(stored -> stored.thumbprint().equals(thumbprint)).findFirst();
    }

    @Override
    public List<StoredCertificate> list() throws StoreException {
        return keystore.read().entries();
    }

    @Override
    public KeyAccess keyAccess(Thumbprint thumbprint) throws StoreException {
        require(thumbprint);
        try {
            return protection.describe(file, "Java keystore");
        } catch (IOException e) {
            throw new StoreException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public KeyAccess grant(Thumbprint thumbprint, List<KeyGrant> grants) throws StoreException {
        require(thumbprint);
        throw new Rejected("a keystore is protected by its password and its file permissions: give --key-group"
                + " when writing it rather than granting afterwards.");
    }

    @Override
    public void remove(Thumbprint thumbprint, CertificateUsage usage) throws StoreException {
        var entry = require(thumbprint);
        usage.requireUnused(thumbprint);
        var contents = keystore.read();
        try {
            contents.keyStore().deleteEntry(entry.friendlyName());
            AtomicFiles.replace(file, keystore.encode(contents.keyStore()), protection,
                    file.resolveSibling(file.getFileName() + ".previous"));
        } catch (KeyStoreException | IOException e) {
            throw new StoreException("the entry " + entry.friendlyName() + " cannot be removed from " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private StoredCertificate require(Thumbprint thumbprint) throws StoreException {
        return find(thumbprint).orElseThrow(() -> new Rejected("no certificate with thumbprint " + thumbprint + " in "
                + file + "."));
    }

}
