package dev.exacme.store.pfx;

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
import dev.exacme.store.keystore.KeystoreFile;
import dev.exacme.store.pkcs12.Pkcs12Encoder;
import dev.exacme.store.pkcs12.Pkcs12Encryption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One certificate with its chain and key in a PKCS#12 ({@code .pfx}) file, for importing
 * elsewhere (another Windows server, a load balancer). The file is replaced atomically; the
 * one it replaces is kept as {@code FILE.previous}. Installs into one file take turns
 * ({@link TargetLock}).
 */
public final class PfxStore extends SingleFileStore {

    private final char[] password;
    private final Pkcs12Encryption encryption;

    /**
     * A store writing {@code file}, protected with {@code password} and {@code encryption},
     * readable as {@code protection} says.
     */
    public PfxStore(Path file, char[] password, Pkcs12Encryption encryption, FileProtection protection) {
        super(file, protection, "PKCS#12 file", "a PFX file");
        this.password = password.clone();
        this.encryption = encryption;
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public void prepare() throws StoreException {
        AtomicFiles.requireWritableDirectory(file.getParent(), protection, "--pfx-file " + file);
    }

    @Override
    public Installation install(CertificateBundle bundle, String friendlyName) throws StoreException {
        try {
            var content = new Pkcs12Encoder(encryption).encode(bundle, password, friendlyName, Optional.empty());
            protection.createDirectories(file.getParent());
            try (var lock = TargetLock.acquire(file)) {
                AtomicFiles.replace(file, content, protection, backup());
                return new Installation(bundle.thumbprint(), file.toString(), describe(), List.of());
            }
        } catch (IOException e) {
            throw new StoreException(file + " cannot be written: " + e.getMessage()
                    + ". The previous file, if any, is unchanged.", e);
        }
    }

    @Override
    public List<StoredCertificate> list() throws StoreException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return new KeystoreFile(file, "PKCS12", password).read().entries();
    }

    @Override
    public void remove(Thumbprint thumbprint, CertificateUsage usage) throws StoreException {
        require(thumbprint);
        usage.requireUnused(thumbprint);
        try (var lock = TargetLock.acquire(file)) {
            // Again under the lock: another install may have replaced the file since.
            require(thumbprint);
            Files.delete(file);
        } catch (IOException e) {
            throw new StoreException(file + " cannot be removed: " + e.getMessage(), e);
        }
    }
}
