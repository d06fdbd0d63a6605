package dev.exacme.store.files;

import dev.exacme.store.TestBundles;
import dev.exacme.store.keystore.KeystoreFile;
import dev.exacme.store.keystore.KeystoreStore;
import dev.exacme.store.pem.PemStore;
import dev.exacme.store.pfx.PfxStore;
import dev.exacme.store.pkcs12.Pkcs12Encryption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Installs one certificate into each kind of file store under {@code arguments[0]}, with
 * {@code arguments[1]} as the key's group ({@code -} for none), for a test that runs it in
 * a child JVM under another umask: Java cannot change its own.
 */
public final class InstallUnderUmask {

    private InstallUnderUmask() {
    }

    /** Installs into {@code pem/web}, {@code named/}, {@code pfx/mail.pfx} and {@code keystore/server.jks}. */
    public static void main(String[] arguments) throws Exception {
        var base = Path.of(arguments[0]);
        var group = arguments[1].equals("-") ? Optional.<String>empty() : Optional.of(arguments[1]);
        var protection = FileProtection.secret(group);
        var bundle = TestBundles.ecdsa("www.example.com");
        var password = "changeit".toCharArray();
        var pem = PemStore.directory(base.resolve("pem/web"), protection);
        pem.prepare();
        pem.install(bundle, "www");
        // Twice, so that the backups are made too.
        pem.install(bundle, "www");
        PemStore.perName(base.resolve("named"), protection).install(bundle, "www");
        var pfx = new PfxStore(base.resolve("pfx/mail.pfx"), password, Pkcs12Encryption.AES256_SHA256, protection);
        pfx.install(bundle, "www");
        pfx.install(bundle, "www");
        var file = base.resolve("keystore/server.jks");
        var keystore = new KeystoreStore(file, new KeystoreFile(file, "JKS", password), "www", protection);
        keystore.install(bundle, "www");
        keystore.install(bundle, "www");
    }
}
