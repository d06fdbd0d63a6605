package dev.exacme.store.pfx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.store.CertificateBundle;
import dev.exacme.store.StoreException;
import dev.exacme.store.TestBundles;
import dev.exacme.store.files.FileProtection;
import dev.exacme.store.pkcs12.Pkcs12Encryption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class PfxStoreTest {

    private static final char[] PASSWORD = "correct horse battery".toCharArray();

    @TempDir
    Path temp;

    @Test
    void modernFilesUseAes256AndASha256MacAndOpenInOpenssl() throws Exception {
        var bundle = TestBundles.rsa("mail.example.com", "autodiscover.example.com");
        var file = temp.resolve("mail.pfx");
        new PfxStore(file, PASSWORD, Pkcs12Encryption.AES256_SHA256, FileProtection.secret(Optional.empty()))
                .install(bundle, "exacme mail.example.com 2027-02-22");

        var info = openssl("pkcs12", "-in", file.toString(), "-info", "-nodes", "-passin", "pass:" + new String(PASSWORD));
        assertTrue(info.contains("MAC: sha256"), info);
        assertTrue(info.contains("AES-256-CBC"), info);
        assertTrue(info.contains("hmacWithSHA256"), info);
        assertTrue(info.contains("friendlyName: exacme mail.example.com 2027-02-22"), info);
        assertTrue(info.contains("-----BEGIN PRIVATE KEY-----"), info);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertJavaOpens(file, bundle);
    }

    @Test
    void legacyFilesUseTripleDesAndSha1ForOldWindowsImporters() throws Exception {
        var bundle = TestBundles.ecdsa("mail.example.com");
        var file = temp.resolve("legacy.pfx");
        new PfxStore(file, PASSWORD, Pkcs12Encryption.LEGACY_3DES_SHA1, FileProtection.secret(Optional.empty()))
                .install(bundle, "legacy");

        var info = openssl("pkcs12", "-in", file.toString(), "-info", "-nodes", "-passin", "pass:" + new String(PASSWORD));
        assertTrue(info.contains("MAC: sha1"), info);
        assertTrue(info.contains("pbeWithSHA1And3-KeyTripleDES-CBC"), info);
        assertTrue(!info.contains("AES-256"), info);
        assertJavaOpens(file, bundle);
    }

    @Test
    void aSecondInstallKeepsThePreviousFileAndListShowsTheNewOne() throws Exception {
        var file = temp.resolve("mail.pfx");
        var store = new PfxStore(file, PASSWORD, Pkcs12Encryption.AES256_SHA256, FileProtection.secret(Optional.empty()));
        var first = TestBundles.rsa("mail.example.com");
        var second = TestBundles.rsa("mail.example.com");
        store.install(first, "first");
        store.install(second, "second");

        assertEquals(List.of(second.thumbprint()), store.list().stream().map(stored -> stored.thumbprint()).toList());
        var backup = new PfxStore(temp.resolve("mail.pfx.previous"), PASSWORD, Pkcs12Encryption.AES256_SHA256,
                FileProtection.secret(Optional.empty()));
        assertEquals(List.of(first.thumbprint()), backup.list().stream().map(stored -> stored.thumbprint()).toList());
    }

    @Test
    void aWrongPasswordIsToldApartFromABrokenFile() throws Exception {
        var file = temp.resolve("mail.pfx");
        new PfxStore(file, PASSWORD, Pkcs12Encryption.AES256_SHA256, FileProtection.secret(Optional.empty()))
                .install(TestBundles.rsa("mail.example.com"), "mail");

        var wrong = new PfxStore(file, "wrong".toCharArray(), Pkcs12Encryption.AES256_SHA256,
                FileProtection.secret(Optional.empty()));
        var error = assertThrows(StoreException.Rejected.class, wrong::list);
        assertTrue(error.getMessage().contains("the password does not open " + file), error.getMessage());
        assertTrue(!error.getMessage().contains("wrong"), "no password in messages");

        Files.write(file, new byte[] {0x30, 0x03, 0x02, 0x01});
        var broken = assertThrows(StoreException.class, () -> new PfxStore(file, PASSWORD,
                Pkcs12Encryption.AES256_SHA256, FileProtection.secret(Optional.empty())).list());
        assertTrue(!(broken instanceof StoreException.Rejected), broken.getMessage());
    }

    private static void assertJavaOpens(Path file, CertificateBundle bundle) throws Exception {
        var keyStore = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            keyStore.load(in, PASSWORD);
        }
        var alias = keyStore.aliases().nextElement();
        var key = (PrivateKey) keyStore.getKey(alias, PASSWORD);
        var chain = keyStore.getCertificateChain(alias);
        assertEquals(bundle.leaf(), chain[0]);
        assertEquals(bundle.chain().size(), chain.length);
        assertTrue(CertificateBundle.matches((X509Certificate) chain[0], key));
    }

    static String openssl(String... arguments) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("openssl is missing: apt-get install openssl");
            }
            throw new TestAbortedException("openssl is missing: apt-get install openssl");
        }
        var command = new java.util.ArrayList<String>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
