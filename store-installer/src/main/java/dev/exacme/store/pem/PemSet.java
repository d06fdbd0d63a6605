package dev.exacme.store.pem;

import dev.exacme.store.CertificateBundle;
import dev.exacme.store.StoreException.Rejected;
import dev.exacme.store.StoredCertificate;
import dev.exacme.store.Thumbprint;
import dev.exacme.store.files.AtomicFiles;
import dev.exacme.store.files.FileProtection;
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

    private Path previous() {
        return directory.resolveSibling(directory.getFileName() + PREVIOUS);
    }

    private Path incoming() {
        return directory.resolveSibling("." + directory.getFileName() + ".new");
    }

    /** Replaces the set with {@code bundle}, keeping the current set as the backup. */
    void replace(CertificateBundle bundle) throws IOException, Rejected {
        recover();
        refuseForeignFiles();
        var incoming = incoming();
        deleteSet(incoming);
        Files.createDirectories(incoming);
        write(incoming.resolve(CERTIFICATE), pem(List.of(bundle.leaf())), FileProtection.everyone());
        write(incoming.resolve(CHAIN), pem(bundle.intermediates()), FileProtection.everyone());
        write(incoming.resolve(FULL_CHAIN), pem(bundle.chain()), FileProtection.everyone());
        write(incoming.resolve(KEY), pem(List.of(bundle.key())), keyProtection);
        AtomicFiles.syncDirectory(incoming);
        if (Files.exists(directory)) {
            deleteSet(previous());
            Files.move(directory, previous());
        }
        Files.move(incoming, directory);
        AtomicFiles.syncDirectory(directory.getParent());
    }

    /** The certificate of this set, if the set exists. */
    Optional<StoredCertificate> read() throws IOException {
        recover();
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

    /** Deletes the set and its backup. */
    void delete() throws IOException {
        deleteSet(directory);
        deleteSet(previous());
    }

    /** Puts the backup back if a replace stopped between its two renames. */
    private void recover() throws IOException {
        if (!Files.exists(directory) && Files.isDirectory(previous())) {
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
        Files.createFile(file);
        protection.apply(file);
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
