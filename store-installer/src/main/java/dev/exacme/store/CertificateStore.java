package dev.exacme.store;

import java.util.List;
import java.util.Optional;

/**
 * A place certificates and their private keys are installed to: the Windows machine store,
 * a PEM directory, a PFX file, a Java keystore. Every implementation computes thumbprints
 * itself and reports who can open each key.
 */
public interface CertificateStore {

    /** Where this store is, in words: {@code LocalMachine\My}, a directory, a file. */
    String location();

    /**
     * Checks, before anything is ordered, that an install could succeed: the directory
     * exists or can be created and is writable, a keystore to update opens, the Windows store
     * opens. Refusing here costs the person nothing; refusing after issuance costs an order.
     */
    void prepare() throws StoreException;

    /**
     * Installs a certificate with its chain and key, replacing an earlier install of the same
     * certificate, and checks the key's access rules before returning. Nothing of an earlier
     * install is lost when this fails.
     *
     * @param friendlyName the name shown next to the certificate where the store has one
     */
    Installation install(CertificateBundle bundle, String friendlyName) throws StoreException;

    /** The certificate with this thumbprint, if the store holds it. */
    default Optional<StoredCertificate> find(Thumbprint thumbprint) throws StoreException {
        return list().stream().filter(stored -> stored.thumbprint().equals(thumbprint)).findFirst();
    }

    /** Every certificate in the store. */
    List<StoredCertificate> list() throws StoreException;

    /** Who can do what with the private key of a certificate in this store. */
    KeyAccess keyAccess(Thumbprint thumbprint) throws StoreException;

    /**
     * Adds access rules to a certificate's private key, keeping every rule already there,
     * and returns the access read back afterwards.
     */
    KeyAccess grant(Thumbprint thumbprint, List<KeyGrant> grants) throws StoreException;

    /**
     * What repairs the access of this certificate's key when it is unfit, as a person would
     * do it: for the Windows store {@code exacme store grant}, for a file its file mode.
     */
    default String remedy(Thumbprint thumbprint) throws StoreException {
        return "'exacme store grant " + thumbprint.hex() + "' adds what is missing";
    }

    /**
     * Repairs the access of this certificate's key as {@link #remedy} says ({@code store doctor
     * --fix}) and returns the access read back afterwards. The Windows store adds
     * {@code grants} as {@link #grant} does; file stores give the key file their own protection.
     */
    default KeyAccess repair(Thumbprint thumbprint, List<KeyGrant> grants) throws StoreException {
        return grant(thumbprint, grants);
    }

    /**
     * Removes a certificate and its private key, unless {@code usage} says the certificate
     * is still in use.
     */
    void remove(Thumbprint thumbprint, CertificateUsage usage) throws StoreException;
}
