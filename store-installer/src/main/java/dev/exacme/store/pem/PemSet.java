package dev.exacme.store.pem;

import dev.exacme.store.CertificateBundle;
import dev.exacme.store.KeyAccess;
import dev.exacme.store.StoreException;
import dev.exacme.store.StoreException.Rejected;
import dev.exacme.store.StoredCertificate;
import dev.exacme.store.Thumbprint;
import dev.exacme.store.files.AtomicFiles;
import dev.exacme.store.files.FileProtection;
import dev.exacme.store.files.TargetLock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * One directory of PEM files, replaced as a whole. A new set is written completely into
 * {@code .NAME.new} beside the directory; then the current directory becomes
 * {@code NAME.previous} and the new one takes its name. A crash before the first rename
 * leaves the current set as it was; a crash between the two renames leaves no
 * {@code NAME} but a complete {@code NAME.previous}, which the next access puts back.
 *
 * <p>Every change holds the set's {@link TargetLock} ({@code .NAME.lock} beside it) from
 * its first step to its last, so two installs into one directory take turns instead of
 * renaming each other's files away. The set's directory gets an explicit mode (0700, or
 * 0750 with the key's group; directories created above it 0755) and {@code key.pem} is
 * created 0600 (then given to the group and opened to it, 0640) before its first byte,
 * whatever the umask.
 */
final class PemSet {

    static final String CERTIFICATE = "cert.pem";
    static final String CHAIN = "chain.pem";
    static final String FULL_CHAIN = "fullchain.pem";
    static final String KEY = "key.pem";
    private static final Set<String> FILES = Set.of(CERTIFICATE, CHAIN, FULL_CHAIN, KEY);
    private static final String PREVIOUS = ".previous";

    private final Path directory;
    private final FileProtection keyProtection;
    private final FileWritten afterEachFile;

    /** Called after each file of a new set is written: the seam through which tests interrupt a write. */
    interface FileWritten {
        void written(Path file) throws IOException;
    }

    PemSet(Path directory, FileProtection keyProtection) {
        this(directory, keyProtection, file -> { });
    }

    PemSet(Path directory, FileProtection keyProtection, FileWritten afterEachFile) {
        this.directory = directory.toAbsolutePath();
        this.keyProtection = keyProtection;
        this.afterEachFile = afterEachFile;
    }

    /** Whether {@code path} is a set directory rather than a backup or a set being written. */
    static boolean isSetDirectory(Path path) {
        var name = path.getFileName().toString();
        return Files.isDirectory(path) && !name.startsWith(".") && !name.endsWith(PREVIOUS)
                && Files.exists(path.resolve(CERTIFICATE));
    }

    Path directory() {
        return directory;
    }

    Path keyFile() {
        return directory.resolve(KEY);
    }

    /** Who may read this set's key. */
    FileProtection keyProtection() {
        return keyProtection;
    }

    private Path previous() {
        return directory.resolveSibling(directory.getFileName() + PREVIOUS);
    }

    private Path incoming() {
        return directory.resolveSibling("." + directory.getFileName() + ".new");
    }

    /**
     * Replaces the set with {@code bundle}, keeping the current set as the backup, and returns
     * who can use the new key, read while the lock still keeps other installs out.
     */
    KeyAccess replace(CertificateBundle bundle) throws IOException, StoreException {
        // The directories above hold no key, only sets (each closed to others): 0755, so that a
        // group given the key later can reach it.
        FileProtection.everyone().createDirectories(directory.getParent());
        try (var lock = TargetLock.acquire(directory)) {
            recover();
            refuseForeignFiles();
            var incoming = incoming();
            deleteSet(incoming);
            try {
                keyProtection.createDirectories(incoming);
                write(incoming.resolve(CERTIFICATE), pem(List.of(bundle.leaf())), FileProtection.everyone());
                write(incoming.resolve(CHAIN), pem(bundle.intermediates()), FileProtection.everyone());
                write(incoming.resolve(FULL_CHAIN), pem(bundle.chain()), FileProtection.everyone());
                write(incoming.resolve(KEY), pem(List.of(bundle.key())), keyProtection);
                AtomicFiles.syncDirectory(incoming);
            } catch (IOException | RuntimeException e) {
                // A full disk must not leave a half-written set (with a key) beside the current one.
                try {
                    deleteSet(incoming);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            if (Files.exists(directory)) {
                deleteSet(previous());
                Files.move(directory, previous());
            }
            Files.move(incoming, directory);
            AtomicFiles.syncDirectory(directory.getParent());
            return keyProtection.describe(keyFile(), "PEM file");
        }
    }

    /** The certificate of this set, if the set exists. */
    Optional<StoredCertificate> read() throws IOException, StoreException {
        if (interrupted()) {
            // Only a repair takes the lock: reading needs no write access, and a replace
            // between its renames looks like this too, so the repair waits for it and looks again.
            try (var lock = TargetLock.acquire(directory)) {
                recover();
            }
        }
        return readUnlocked();
    }

    private Optional<StoredCertificate> readUnlocked() throws IOException {
        try {
            var certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(directory.resolve(CERTIFICATE))));
            var key = Files.exists(keyFile()) ? Optional.of(keyFile().toString()) : Optional.<String>empty();
            return Optional.of(new StoredCertificate(Thumbprint.of(certificate), certificate, "", key));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (CertificateException e) {
            throw new IOException(directory.resolve(CERTIFICATE) + " does not hold a certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the set and its backup if the set still holds {@code thumbprint}; another
     * install may have replaced it since the caller looked.
     */
    void delete(Thumbprint thumbprint) throws IOException, StoreException {
        try (var lock = TargetLock.acquire(directory)) {
            recover();
            var current = readUnlocked();
            if (current.isPresent() && !current.get().thumbprint().equals(thumbprint)) {
                throw new Rejected(directory + " now holds " + current.get().thumbprint() + ", not " + thumbprint
                        + ": another install replaced it meanwhile; nothing was removed.");
            }
            deleteSet(directory);
            deleteSet(previous());
        }
    }

    /**
     * Gives {@code key.pem} {@code protection}, and the set's directory too, which the group
     * must be able to enter, and returns who can use the key then; all under the lock, as a
     * {@link dev.exacme.store.files.SingleFileStore} repairs its file, so that no replace moves
     * the files meanwhile. Refused, changing nothing, if the set no longer holds
     * {@code thumbprint}: another install replaced it since the caller looked.
     */
    KeyAccess protectKey(Thumbprint thumbprint, FileProtection protection) throws IOException, StoreException {
        try (var lock = TargetLock.acquire(directory)) {
            recover();
            var current = readUnlocked();
            if (current.isEmpty() || !current.get().thumbprint().equals(thumbprint)) {
                throw new Rejected(directory + " now holds " + current.map(stored -> stored.thumbprint().toString())
                        .orElse("no certificate") + ", not " + thumbprint + ": another install replaced it meanwhile;"
                        + " nothing was re-permissioned. Look again ('exacme store doctor').");
            }
            protection.applyToDirectory(directory);
            protection.apply(keyFile());
            return protection.describe(keyFile(), "PEM file");
        }
    }

    private boolean interrupted() {
        return !Files.exists(directory) && Files.isDirectory(previous());
    }

    /** Puts the backup back if a replace stopped between its two renames; call holding the lock. */
    private void recover() throws IOException {
        if (interrupted()) {
            Files.move(previous(), directory);
        }
    }

    void refuseForeignFiles() throws Rejected {
        if (!Files.isDirectory(directory)) {
            if (Files.exists(directory)) {
                throw new Rejected(directory + " is a file; give a directory for the PEM files.");
            }
            return;
        }
        try (Stream<Path> children = Files.list(directory)) {
            var foreign = children.map(child -> child.getFileName().toString()).filter(name -> !FILES.contains(name))
                    .sorted().toList();
            if (!foreign.isEmpty()) {
                throw new Rejected(directory + " holds files exacme did not write (" + String.join(", ", foreign)
                        + "); the whole directory is replaced on every renewal, so give exacme a directory of its own.");
            }
        } catch (IOException e) {
            throw new Rejected(directory + " cannot be listed (" + e.getMessage() + ").", e);
        }
    }

    private void write(Path file, String content, FileProtection protection) throws IOException {
        protection.createFile(file);
        AtomicFiles.write(file, content.getBytes(StandardCharsets.US_ASCII));
        afterEachFile.written(file);
    }

    private static void deleteSet(Path set) throws IOException {
        if (!Files.exists(set)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(set)) {
            for (var path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String pem(List<?> objects) {
        var text = new StringWriter();
        try (var writer = new JcaPEMWriter(text)) {
            for (var object : objects) {
                // PKCS#8 ("PRIVATE KEY") for every key type, as OpenSSL 3 and certbot write it.
                writer.writeObject(object instanceof PrivateKey key ? new JcaPKCS8Generator(key, null) : object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
