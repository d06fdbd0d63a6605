package dev.exacme.store.keystore;

import dev.exacme.store.StoreException;
import dev.exacme.store.StoreException.Rejected;
import dev.exacme.store.StoredCertificate;
import dev.exacme.store.Thumbprint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A Java keystore file (JKS or PKCS#12) read and encoded through {@link KeyStore}, with a
 * wrong password told apart from a broken file.
 */
public final class KeystoreFile {

    private final Path file;
    private final String type;
    private final char[] password;

    /** The keystore at {@code file} of {@code type} ("JKS" or "PKCS12"), opened with {@code password}. */
    public KeystoreFile(Path file, String type, char[] password) {
        this.file = file;
        this.type = type;
        this.password = password.clone();
    }

    /** A keystore and the certificates with keys it holds. */
    public record Contents(KeyStore keyStore, List<StoredCertificate> entries) {
    }

    /** Reads the file; an absent file reads as an empty keystore. */
    public Contents read() throws StoreException {
        try {
            var keyStore = KeyStore.getInstance(type);
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    keyStore.load(in, password);
                }
            } else {
                keyStore.load(null, password);
            }
            var entries = new ArrayList<StoredCertificate>();
            for (var alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias) && keyStore.getCertificate(alias) instanceof X509Certificate certificate) {
                    entries.add(new StoredCertificate(Thumbprint.of(certificate), certificate, alias,
                            Optional.of(file + " (alias " + alias + ")")));
                }
            }
            return new Contents(keyStore, entries);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new Rejected("the password does not open " + file + "; check the password file or secret.", e);
            }
            throw new StoreException(file + " cannot be read as a " + type + " keystore: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new StoreException(file + " cannot be read as a " + type + " keystore: " + e.getMessage(), e);
        }
    }

    /** The encoding of {@code keyStore}, protected with this file's password. */
    public byte[] encode(KeyStore keyStore) throws StoreException {
        try {
            var out = new ByteArrayOutputStream();
            keyStore.store(out, password);
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new StoreException("the " + type + " keystore cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** The password, for key entries protected like the store (what Tomcat and Jetty expect). */
    char[] password() {
        return password.clone();
    }
}
