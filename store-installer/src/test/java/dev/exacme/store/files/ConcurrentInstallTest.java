package dev.exacme.store.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.store.CertificateBundle;
import dev.exacme.store.TestBundles;
import dev.exacme.store.keystore.KeystoreFile;
import dev.exacme.store.keystore.KeystoreStore;
import dev.exacme.store.pem.PemStore;
import dev.exacme.store.pfx.PfxStore;
import dev.exacme.store.pkcs12.Pkcs12Encryption;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Six installs at once into one target, round after round, as six {@code issue} runs with
 * one {@code --out} would make them: every one succeeds, and after every round the target
 * holds one complete, matching set. Each thread has a store object of its own, as separate
 * runs would.
 */
class ConcurrentInstallTest {

    private static final int THREADS = 6;
    private static final int ROUNDS = 100;
    private static final char[] PASSWORD = "correct horse battery".toCharArray();
    /** Made once: RSA key generation is slow, and the test is about the stores. */
    private static List<CertificateBundle> bundles;

    @TempDir
    Path temp;
    private ExecutorService threads;

    @BeforeAll
    static void makeBundles() {
        bundles = new ArrayList<>();
        bundles.add(TestBundles.rsa("rsa.example.com"));
        for (int i = 1; i < THREADS; i++) {
            bundles.add(TestBundles.ecdsa("host" + i + ".example.com"));
        }
    }

    @BeforeEach
    void startThreads() {
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void sixInstallsAtOnceIntoOnePemDirectoryAndOnePfxLeaveAMatchingSetEveryRound() throws Exception {
        var out = temp.resolve("out");
        var pfx = temp.resolve("pfx/mail.pfx");
        for (int round = 0; round < ROUNDS; round++) {
            var failures = runTogether(thread -> {
                var bundle = bundles.get(thread);
                PemStore.directory(out, FileProtection.secret(Optional.empty())).install(bundle, "out");
                new PfxStore(pfx, PASSWORD, Pkcs12Encryption.AES256_SHA256, FileProtection.secret(Optional.empty()))
                        .install(bundle, "mail");
            });
            assertEquals(List.of(), failures, "round " + round);

            var certificate = certificates(out.resolve("cert.pem"));
            assertEquals(1, certificate.size(), "round " + round);
            var installed = bundleOf(certificate.get(0));
            assertTrue(CertificateBundle.matches(certificate.get(0), pemKey(out.resolve("key.pem"))),
                    "round " + round + ": cert.pem and key.pem match");
            assertEquals(installed.chain(), certificates(out.resolve("fullchain.pem")), "round " + round);
            assertEquals(installed.intermediates(), certificates(out.resolve("chain.pem")), "round " + round);

            var keyStore = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(pfx)) {
                keyStore.load(in, PASSWORD);
            }
            var alias = keyStore.aliases().nextElement();
            var leaf = (X509Certificate) keyStore.getCertificate(alias);
            assertTrue(CertificateBundle.matches(leaf, (PrivateKey) keyStore.getKey(alias, PASSWORD)),
                    "round " + round + ": the PFX holds a matching certificate and key");
            bundleOf(leaf);
        }
        assertEquals(List.of(".out.lock", "out", "out.previous", "pfx"), names(temp), "nothing left over");
        assertEquals(List.of(".mail.pfx.lock", "mail.pfx", "mail.pfx.previous"), names(pfx.getParent()),
                "nothing left over");
    }

    @Test
    void sixInstallsOfDifferentAliasesIntoOneKeystoreLoseNone() throws Exception {
        var file = temp.resolve("server.jks");
        // JKS: a PKCS#12 keystore re-encodes every key with 10,000 PBKDF2 rounds on each write.
        for (int round = 0; round < ROUNDS / 4; round++) {
            var failures = runTogether(thread -> new KeystoreStore(file, new KeystoreFile(file, "JKS", PASSWORD),
                    "alias" + thread, FileProtection.secret(Optional.empty())).install(bundles.get(thread), "host"));
            assertEquals(List.of(), failures, "round " + round);

            var keyStore = KeyStore.getInstance("JKS");
            try (var in = Files.newInputStream(file)) {
                keyStore.load(in, PASSWORD);
            }
            assertEquals(THREADS, keyStore.size(), "round " + round + ": every alias is there");
            for (int thread = 0; thread < THREADS; thread++) {
                assertEquals(bundles.get(thread).leaf(), keyStore.getCertificate("alias" + thread), "round " + round);
            }
        }
        assertEquals(List.of(".server.jks.lock", "server.jks", "server.jks.previous"), names(temp),
                "nothing left over");
    }

    private interface Install {
        void run(int thread) throws Exception;
    }

    /** Runs {@code install} in every thread, released at once; returns the failures, each with its message. */
    private List<String> runTogether(Install install) throws InterruptedException {
        var start = new CountDownLatch(1);
        var tasks = IntStream.range(0, THREADS).mapToObj(thread -> (Callable<String>) () -> {
            start.await();
            try {
                install.run(thread);
                return null;
            } catch (Exception e) {
                return "thread " + thread + ": " + e;
            }
        }).toList();
        var futures = tasks.stream().map(threads::submit).toList();
        start.countDown();
        var failures = new ArrayList<String>();
        for (var future : futures) {
            try {
                var failure = future.get();
                if (failure != null) {
                    failures.add(failure);
                }
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause().toString());
            }
        }
        return failures;
    }

    private static CertificateBundle bundleOf(X509Certificate leaf) {
        return bundles.stream().filter(bundle -> bundle.leaf().equals(leaf)).findFirst()
                .orElseThrow(() -> new AssertionError("an installed certificate that no thread installed: " + leaf));
    }

    private static List<X509Certificate> certificates(Path file) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file))).stream()
                .map(X509Certificate.class::cast).toList();
    }

    private static PrivateKey pemKey(Path file) throws Exception {
        try (var parser = new PEMParser(new StringReader(Files.readString(file)))) {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
    }

    private static List<String> names(Path directory) throws Exception {
        try (Stream<Path> children = Files.list(directory)) {
            return children.map(child -> child.getFileName().toString()).sorted().toList();
        }
    }
}
