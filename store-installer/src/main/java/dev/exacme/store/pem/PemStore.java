package dev.exacme.store.pem;

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
import dev.exacme.store.files.AtomicFiles;
import dev.exacme.store.files.FileProtection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Certificates as PEM files, named as certbot names them so that web server configurations
 * can point at them: {@code cert.pem}, {@code chain.pem}, {@code fullchain.pem} and
 * {@code key.pem}, one set per directory.
 *
 * <p>Either one fixed directory ({@link #directory}) or one directory per certificate,
 * named after its first DNS name, under a root ({@link #perName}). A set is replaced as a
 * whole ({@link PemSet}): readers never see a new certificate next to an old key, and the
 * previous set is kept beside it as {@code NAME.previous}. Installs into one directory take
 * turns, whichever process or thread makes them.
 */
public final class PemStore implements CertificateStore {

    /** The leaf certificate's file in a set's directory. */
    public static final String CERTIFICATE_FILE = PemSet.CERTIFICATE;

    /** The intermediates' file (without the leaf). */
    public static final String CHAIN_FILE = PemSet.CHAIN;

    /** Leaf and intermediates in one file, as nginx, Apache and HAProxy take them. */
    public static final String FULL_CHAIN_FILE = PemSet.FULL_CHAIN;

    /** The private key's file (PKCS#8). */
    public static final String KEY_FILE = PemSet.KEY;

    private final Path root;
    private final Optional<Path> fixed;
    private final KeyProtections keyProtections;

    /**
     * Who may read the key of each set directory: in a store with one directory per
     * certificate, each may have been written for another service's group.
     */
    @FunctionalInterface
    public interface KeyProtections {
        /** The protection of the key in {@code directory} (absolute). */
        FileProtection of(Path directory) throws StoreException;
    }

    private PemStore(Path root, Optional<Path> fixed, KeyProtections keyProtections) {
        this.root = root.toAbsolutePath();
        this.fixed = fixed.map(Path::toAbsolutePath);
        this.keyProtections = keyProtections;
    }

    /** A store that writes every certificate to {@code directory} itself. */
    public static PemStore directory(Path directory, FileProtection keyProtection) {
        var absolute = directory.toAbsolutePath();
        return new PemStore(absolute.getParent(), Optional.of(absolute), set -> keyProtection);
    }

    /** A store with one directory per certificate under {@code root}, named after its first DNS name. */
    public static PemStore perName(Path root, FileProtection keyProtection) {
        return perName(root, set -> keyProtection);
    }

    /** Like {@link #perName(Path, FileProtection)}, the key of each set directory as {@code keyProtections} says. */
    public static PemStore perName(Path root, KeyProtections keyProtections) {
        return new PemStore(root, Optional.empty(), keyProtections);
    }

    @Override
    public String location() {
        return fixed.map(Path::toString).orElse(root + "/<first name>");
    }

    @Override
    public void prepare() throws StoreException {
        AtomicFiles.requireWritableDirectory(fixed.map(Path::getParent).orElse(root), FileProtection.everyone(),
                "PEM store " + location());
        if (fixed.isPresent()) {
            set(fixed.get()).refuseForeignFiles();
        }
    }

    @Override
    public Installation install(CertificateBundle bundle, String friendlyName) throws StoreException {
        var set = set(fixed.orElseGet(() -> root.resolve(directoryName(bundle))));
        try {
            var access = set.replace(bundle);
            return new Installation(bundle.thumbprint(), set.directory().toString(), access, List.of());
        } catch (IOException e) {
            throw new StoreException("the PEM files cannot be written to " + set.directory() + ": " + e.getMessage()
                    + ". Nothing was replaced; check that the directory is writable and the disk has space.", e);
        }
    }

    /** The directory name for a certificate: its first DNS name, a wildcard's star as an underscore. */
    static String directoryName(CertificateBundle bundle) {
        var names = bundle.dnsNames();
        var first = names.isEmpty() ? bundle.thumbprint().hex() : names.get(0);
        return first.replace('*', '_');
    }

    @Override
    public List<StoredCertificate> list() throws StoreException {
        var found = new ArrayList<StoredCertificate>();
        for (var set : sets()) {
            try {
                set.read().ifPresent(found::add);
            } catch (IOException e) {
                throw new StoreException(set.directory() + " cannot be read: " + e.getMessage(), e);
            }
        }
        return found;
    }

    private PemSet set(Path directory) throws StoreException {
        return new PemSet(directory, keyProtections.of(directory));
    }

    private List<PemSet> sets() throws StoreException {
        if (fixed.isPresent()) {
            return List.of(set(fixed.get()));
        }
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> directories;
        try (Stream<Path> children = Files.list(root)) {
            directories = children.filter(PemSet::isSetDirectory).sorted().toList();
        } catch (IOException e) {
            throw new StoreException(root + " cannot be listed: " + e.getMessage(), e);
        }
        var sets = new ArrayList<PemSet>();
        for (var directory : directories) {
            sets.add(set(directory));
        }
        return sets;
    }

    private PemSet setOf(Thumbprint thumbprint) throws StoreException {
        for (var set : sets()) {
            try {
                if (set.read().map(stored -> stored.thumbprint().equals(thumbprint)).orElse(false)) {
                    return set;
                }
            } catch (IOException e) {
                throw new StoreException(set.directory() + " cannot be read: " + e.getMessage(), e);
            }
        }
        throw new Rejected("no certificate with thumbprint " + thumbprint + " in " + location()
                + "; 'exacme store list' shows the ones there.");
    }

    @Override
    public KeyAccess keyAccess(Thumbprint thumbprint) throws StoreException {
        var set = setOf(thumbprint);
        try {
            return set.keyProtection().describe(set.keyFile(), "PEM file");
        } catch (IOException e) {
            throw new StoreException(set.keyFile() + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public String remedy(Thumbprint thumbprint) throws StoreException {
        var set = setOf(thumbprint);
        try {
            return set.keyProtection().remedy(set.keyFile());
        } catch (IOException e) {
            throw new StoreException(set.keyFile() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Gives the key file (and its directory) this store's protection again and reads it back,
     * under the set's lock; the grants are the Windows store's.
     */
    @Override
    public KeyAccess repair(Thumbprint thumbprint, List<KeyGrant> grants) throws StoreException {
        var set = setOf(thumbprint);
        try {
            return set.protectKey(thumbprint, set.keyProtection());
        } catch (IOException e) {
            throw new StoreException(set.keyFile() + " cannot be re-permissioned: " + e.getMessage(), e);
        }
    }

    @Override
    public KeyAccess grant(Thumbprint thumbprint, List<KeyGrant> grants) throws StoreException {
        if (grants.size() != 1 || grants.get(0).rights() != KeyRights.READ) {
            throw new Rejected("a PEM key file can be opened to one group only, for reading: give one --acl-read GROUP"
                    + " (or --key-group GROUP when issuing).");
        }
        var set = setOf(thumbprint);
        var protection = FileProtection.secret(Optional.of(grants.get(0).account()));
        try {
            return set.protectKey(thumbprint, protection);
        } catch (IOException e) {
            throw new StoreException(set.keyFile() + " cannot be re-permissioned: " + e.getMessage(), e);
        }
    }

    @Override
    public void remove(Thumbprint thumbprint, CertificateUsage usage) throws StoreException {
        var set = setOf(thumbprint);
        usage.requireUnused(thumbprint);
        try {
            set.delete(thumbprint);
        } catch (IOException e) {
            throw new StoreException(set.directory() + " cannot be removed: " + e.getMessage(), e);
        }
    }
}
