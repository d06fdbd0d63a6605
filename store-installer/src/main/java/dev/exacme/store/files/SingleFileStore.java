package dev.exacme.store.files;

import dev.exacme.store.CertificateStore;
import dev.exacme.store.KeyAccess;
import dev.exacme.store.KeyGrant;
import dev.exacme.store.StoreException;
import dev.exacme.store.StoreException.Rejected;
import dev.exacme.store.StoredCertificate;
import dev.exacme.store.Thumbprint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the stores holding their keys in one password-protected file (PFX, Java keystore)
 * share: who can read the key is who can read the file, access is set by the file's
 * permissions when it is written, and the file it replaces is kept as {@code FILE.previous}.
 */
public abstract class SingleFileStore implements CertificateStore {

    /** The file. */
    protected final Path file;
    /** Who may read it. */
    protected final FileProtection protection;
    private final String kind;
    private final String article;

    /**
     * @param file       the file
     * @param protection who may read it
     * @param kind       what it is, for reports ("PKCS#12 file")
     * @param article    how messages name it ("a PFX file")
     */
    protected SingleFileStore(Path file, FileProtection protection, String kind, String article) {
        this.file = file.toAbsolutePath();
        this.protection = protection;
        this.kind = kind;
        this.article = article;
    }

    /** Where the file being replaced is kept. */
    protected Path backup() {
        return file.resolveSibling(file.getFileName() + ".previous");
    }

    @Override
    public KeyAccess keyAccess(Thumbprint thumbprint) throws StoreException {
        require(thumbprint);
        try {
            return describe();
        } catch (IOException e) {
            throw new StoreException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Who can read the file now. */
    protected KeyAccess describe() throws IOException {
        return protection.describe(file, kind);
    }

    @Override
    public KeyAccess grant(Thumbprint thumbprint, List<KeyGrant> grants) throws StoreException {
        require(thumbprint);
        throw new Rejected(article + " is protected by its password and its file permissions: give --key-group when"
                + " writing it rather than granting afterwards.");
    }

    @Override
    public String remedy(Thumbprint thumbprint) throws StoreException {
        require(thumbprint);
        try {
            return protection.remedy(file);
        } catch (IOException e) {
            throw new StoreException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Gives the file this store's protection again; the grants are the Windows store's. */
    @Override
    public KeyAccess repair(Thumbprint thumbprint, List<KeyGrant> grants) throws StoreException {
        require(thumbprint);
        try (var lock = TargetLock.acquire(file)) {
            protection.apply(file);
            return describe();
        } catch (IOException e) {
            throw new StoreException(file + " cannot be re-permissioned: " + e.getMessage(), e);
        }
    }

    /** The certificate, which must be in the file. */
    protected StoredCertificate require(Thumbprint thumbprint) throws StoreException {
        return find(thumbprint).orElseThrow(() -> new Rejected("no certificate with thumbprint " + thumbprint + " in "
                + file + "."));
    }
}
