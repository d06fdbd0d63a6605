package dev.exacme.store.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.store.CertificateBundle;
import dev.exacme.store.TestBundles;
import dev.exacme.store.files.FileProtection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class KeystoreStoreTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"JKS", "PKCS12"})
    void replacesItsAliasKeepsOtherEntriesAndRemovesOnlyItsOwn(String type) throws Exception {
        var file = temp.resolve("server." + type.toLowerCase());
        var other = TestBundles.ecdsa("other.example.com");
        var keystore = new KeystoreFile(file, type, PASSWORD);
        new KeystoreStore(file, keystore, "other", FileProtection.secret(Optional.empty())).install(other, "other");

        var store = new KeystoreStore(file, keystore, "tomcat", FileProtection.secret(Optional.empty()));
        store.install(TestBundles.rsa("www.example.com"), "www");
        var renewed = TestBundles.rsa("www.example.com");
        store.install(renewed, "www");

        var loaded = KeyStore.getInstance(type);
        try (var in = Files.newInputStream(file)) {
            loaded.load(in, PASSWORD);
        }
        assertEquals(2, loaded.size());
        assertEquals(renewed.leaf(), loaded.getCertificate("tomcat"));
        assertEquals(renewed.chain().size(), loaded.getCertificateChain("tomcat").length);
        assertTrue(CertificateBundle.matches((X509Certificate) loaded.getCertificate("tomcat"),
                (PrivateKey) loaded.getKey("tomcat", PASSWORD)));
        assertEquals(other.leaf(), loaded.getCertificate("other"));
        assertTrue(Files.exists(temp.resolve(file.getFileName() + ".previous")));

        store.remove(renewed.thumbprint(), thumbprint -> Optional.empty());
        assertEquals(1, store.list().size());
        assertFalse(store.find(renewed.thumbprint()).isPresent());
        assertTrue(store.find(other.thumbprint()).isPresent());
    }
}
