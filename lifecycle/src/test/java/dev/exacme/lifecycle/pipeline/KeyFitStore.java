package dev.exacme.lifecycle.pipeline;

import dev.exacme.store.CertificateBundle;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.CertificateUsage;
import dev.exacme.store.Installation;
import dev.exacme.store.KeyAccess;
import dev.exacme.store.KeyGrant;
import dev.exacme.store.StoreException;
import dev.exacme.store.StoredCertificate;
import dev.exacme.store.Thumbprint;
import java.util.List;

/**
 * A real file store that reports a machine-store key's access, so that Exchange's precondition
 * (a key the SChannel provider holds, NETWORK SERVICE may read) holds on Linux.
 */
final class KeyFitStore implements CertificateStore {

    private final CertificateStore files;
    private final KeyAccess access;

    KeyFitStore(CertificateStore files, KeyAccess access) {
        this.files = files;
        this.access = access;
    }

    @Override
    public String location() {
        return files.location();
    }

    @Override
    public void prepare() throws StoreException {
        files.prepare();
    }

    @Override
    public Installation install(CertificateBundle bundle, String friendlyName) throws StoreException {
        return files.install(bundle, friendlyName);
    }

    @Override
    public List<StoredCertificate> list() throws StoreException {
        return files.list();
    }

    @Override
    public KeyAccess keyAccess(Thumbprint thumbprint) {
        return access;
    }

    @Override
    public KeyAccess grant(Thumbprint thumbprint, List<KeyGrant> grants) {
        return access;
    }

    @Override
    public void remove(Thumbprint thumbprint, CertificateUsage usage) throws StoreException {
        files.remove(thumbprint, usage);
    }
}
