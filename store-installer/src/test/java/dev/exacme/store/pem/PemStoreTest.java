package dev.exacme.store.pem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.store.CertificateBundle;
import dev.exacme.store.KeyGrant;
import dev.exacme.store.KeyRights;
import dev.exacme.store.StoreException;
import dev.exacme.store.TestBundles;
import dev.exacme.store.Thumbprint;
import dev.exacme.store.files.FileProtection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemStoreTest {

    @TempDir
    Path temp;

    @Test
    void writesTheFourFilesWhoseKeyMatchesTheCertificate() throws Exception {
        var bundle = TestBundles.rsa("mail.example.com", "autodiscover.example.com");
        var store = PemStore.perName(temp, FileProtection.secret(Optional.empty()));

        var installation = store.install(bundle, "exacme mail.example.com");

        var directory = temp.resolve("mail.example.com");
        assertEquals(directory.toString(), installation.location());
        var certificate = certificates(directory.resolve("cert.pem"));
        assertEquals(List.of(bundle.leaf()), certificate);
        assertEquals(bundle.intermediates(), certificates(directory.resolve("chain.pem")));
        assertEquals(bundle.chain(), certificates(directory.resolve("fullchain.pem")));
        assertTrue(CertificateBundle.matches(certificate.get(0), key(directory.resolve("key.pem"))));
        assertTrue(Files.readString(directory.resolve("key.pem")).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals("rw-------", mode(directory.resolve("key.pem")));
        assertEquals("rw-r--r--", mode(directory.resolve("fullchain.pem")));
        assertTrue(installation.keyAccess().fit(), installation.keyAccess().problems().toString());
        assertEquals(List.of(bundle.thumbprint()), store.list().stream().map(stored -> stored.thumbprint()).toList());
    }

    @Test
    void aWildcardGetsADirectoryNameWithoutAStar() throws Exception {
        var store = PemStore.perName(temp, FileProtection.secret(Optional.empty()));
        store.install(TestBundles.ecdsa("*.example.com", "example.com"), "wildcard");
        assertTrue(Files.exists(temp.resolve("_.example.com/key.pem")));
    }

    @Test
    void keyGroupMakesTheKeyReadableByThatGroupOnly() throws Exception {
        var group = otherGroup();
        var store = PemStore.directory(temp.resolve("web"), FileProtection.secret(Optional.of(group)));

        var installation = store.install(TestBundles.rsa("www.example.com"), "www");

        var key = temp.resolve("web/key.pem");
        assertEquals("rw-r-----", mode(key));
        assertEquals(group, Files.readAttributes(key, PosixFileAttributes.class).group().getName());
        assertTrue(installation.keyAccess().fit(), installation.keyAccess().problems().toString());
        assertTrue(installation.keyAccess().rules().stream()
                .anyMatch(rule -> rule.account().equals(group) && rule.rights() == KeyRights.READ));
    }

    @Test
    void anUnknownGroupIsRefusedBeforeAnythingIsWritten() {
        var error = assertThrows(StoreException.Rejected.class,
                () -> FileProtection.secret(Optional.of("no-such-group-exacme")));
        assertTrue(error.getMessage().contains("--key-group no-such-group-exacme"), error.getMessage());
    }

    @Test
    void aKeyReadableByEveryoneIsReportedAndGrantRepairsIt() throws Exception {
        var bundle = TestBundles.rsa("mail.example.com");
        var store = PemStore.directory(temp.resolve("set"), FileProtection.secret(Optional.empty()));
        store.install(bundle, "mail");
        Files.setPosixFilePermissions(temp.resolve("set/key.pem"), PosixFilePermissions.fromString("rw-r--r--"));

        var access = store.keyAccess(bundle.thumbprint());
        assertFalse(access.fit());
        assertTrue(access.problems().get(0).contains("everyone on this machine can read"), access.problems().toString());

        var group = otherGroup();
        var repaired = store.grant(bundle.thumbprint(), List.of(new KeyGrant(group, KeyRights.READ)));
        assertEquals("rw-r-----", mode(temp.resolve("set/key.pem")));
        assertEquals("rwxr-x---", mode(temp.resolve("set")), "the group can enter the set's directory");
        assertEquals(group, Files.readAttributes(temp.resolve("set"), PosixFileAttributes.class).group().getName());
        assertTrue(repaired.fit(), repaired.problems().toString());
    }

    @Test
    void aSecondInstallKeepsThePreviousSetAsBackup() throws Exception {
        var first = TestBundles.rsa("mail.example.com");
        var second = TestBundles.rsa("mail.example.com");
        var store = PemStore.perName(temp, FileProtection.secret(Optional.empty()));
        store.install(first, "first");
        store.install(second, "second");

        assertEquals(List.of(second.leaf()), certificates(temp.resolve("mail.example.com/cert.pem")));
        assertEquals(List.of(first.leaf()), certificates(temp.resolve("mail.example.com.previous/cert.pem")));
        assertTrue(CertificateBundle.matches(first.leaf(), key(temp.resolve("mail.example.com.previous/key.pem"))));
        assertEquals(List.of(second.thumbprint()), store.list().stream().map(stored -> stored.thumbprint()).toList(),
                "the backup is not a certificate of the store");
    }

    @Test
    void aWriteInterruptedHalfwayLeavesTheCurrentSetIntact() throws Exception {
        var old = TestBundles.rsa("mail.example.com");
        var directory = temp.resolve("mail");
        PemStore.directory(directory, FileProtection.secret(Optional.empty())).install(old, "old");

        var interrupted = new PemSet(directory, FileProtection.secret(Optional.empty()), file -> {
            if (file.getFileName().toString().equals("fullchain.pem")) {
                throw new IOException("simulated crash after " + file.getFileName());
            }
        });
        assertThrows(IOException.class, () -> interrupted.replace(TestBundles.rsa("mail.example.com")));

        assertFalse(Files.exists(temp.resolve(".mail.new")), "a failed write (a full disk) is removed at once");
        assertEquals(List.of(old.leaf()), certificates(directory.resolve("cert.pem")));
        assertTrue(CertificateBundle.matches(old.leaf(), key(directory.resolve("key.pem"))));
        var next = TestBundles.rsa("mail.example.com");
        PemStore.directory(directory, FileProtection.secret(Optional.empty())).install(next, "next");
        assertEquals(List.of(next.leaf()), certificates(directory.resolve("cert.pem")));
        assertFalse(Files.exists(temp.resolve(".mail.new")), "the half-written set is cleaned up");
    }

    @Test
    void aSwapInterruptedBetweenItsRenamesIsPutBackOnNextAccess() throws Exception {
        var old = TestBundles.rsa("mail.example.com");
        var directory = temp.resolve("mail");
        var store = PemStore.directory(directory, FileProtection.secret(Optional.empty()));
        store.install(old, "old");
        // The state a crash after "current -> previous" and before "new -> current" leaves.
        Files.move(directory, temp.resolve("mail.previous"));

        assertEquals(Optional.of(old.thumbprint()), store.find(old.thumbprint()).map(stored -> stored.thumbprint()));
        assertTrue(CertificateBundle.matches(old.leaf(), key(directory.resolve("key.pem"))));
    }

    @Test
    void aDirectoryWithOtherFilesIsRefusedAndLeftAlone() throws Exception {
        var directory = Files.createDirectories(temp.resolve("etc-ssl"));
        Files.writeString(directory.resolve("dhparam.pem"), "not ours");
        var store = PemStore.directory(directory, FileProtection.secret(Optional.empty()));

        var error = assertThrows(StoreException.Rejected.class,
                () -> store.install(TestBundles.rsa("mail.example.com"), "mail"));

        assertTrue(error.getMessage().contains("dhparam.pem"), error.getMessage());
        assertEquals("not ours", Files.readString(directory.resolve("dhparam.pem")));
        assertFalse(Files.exists(directory.resolve("cert.pem")));
    }

    @Test
    void removeRefusesWhileInUseThenDeletesTheSetAndItsBackup() throws Exception {
        var bundle = TestBundles.rsa("mail.example.com");
        var store = PemStore.perName(temp, FileProtection.secret(Optional.empty()));
        store.install(TestBundles.rsa("mail.example.com"), "old");
        store.install(bundle, "new");

        var error = assertThrows(StoreException.Rejected.class,
                () -> store.remove(bundle.thumbprint(), thumbprint -> Optional.of("nginx (/etc/nginx/sites-enabled/mail)")));
        assertTrue(error.getMessage().contains("nginx"), error.getMessage());
        assertTrue(Files.exists(temp.resolve("mail.example.com/key.pem")));

        store.remove(bundle.thumbprint(), thumbprint -> Optional.empty());
        assertFalse(Files.exists(temp.resolve("mail.example.com")));
        assertFalse(Files.exists(temp.resolve("mail.example.com.previous")));
        assertThrows(StoreException.Rejected.class,
                () -> store.keyAccess(Thumbprint.of(bundle.leaf())));
    }

    static List<X509Certificate> certificates(Path file) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file))).stream()
                .map(X509Certificate.class::cast).toList();
    }

    static PrivateKey key(Path file) throws IOException {
        try (var parser = new PEMParser(new StringReader(Files.readString(file)))) {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
    }

    static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    /** A group that exists on every Debian system and is not this process's own. */
    static String otherGroup() {
        return "daemon";
    }
}
