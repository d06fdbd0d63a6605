package dev.exacme.store.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.store.CertificateBundle;
import dev.exacme.store.Thumbprint;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * What the machine store puts into {@code LocalMachine\CA}, through the recording
 * {@link FakeMachineStoreApi}: a hierarchy like Let's Encrypt's "Gen Y" rollout, where a new
 * root (here "Test Root YE") signs the intermediate and an older root ("Test Root X2")
 * cross-signs the new root. Not yet run on Windows.
 */
class CaStoreTest {

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    private final KeyPair oldRootKey = generate();
    private final KeyPair newRootKey = generate();
    private final KeyPair intermediateKey = generate();
    private final KeyPair leafKey = generate();
    private final X509Certificate newRoot = certificate("Test Root YE", newRootKey, "Test Root YE", newRootKey, true);
    private final X509Certificate crossSign = certificate("Test Root YE", newRootKey, "Test Root X2", oldRootKey, true);
    private final X509Certificate intermediate = certificate("Test YE1", intermediateKey, "Test Root YE", newRootKey,
            true);
    private final X509Certificate leaf = certificate("mail.contoso.com", leafKey, "Test YE1", intermediateKey, false);
    private final FakeMachineStoreApi windows = new FakeMachineStoreApi();
    private final MachineStore store = new MachineStore(windows, new MachineStore.Options(false, false, List.of()));

    private List<Thumbprint> caStore() {
        return windows.intermediates.stream().map(Thumbprint::of).toList();
    }

    @Test
    void everyIntermediateAndTheCrossSignGoToTheCaStoreButNotTheRoot() throws Exception {
        // The CA sent its root at the end of the chain; the alternate chain repeated the intermediate.
        var bundle = new CertificateBundle(List.of(leaf, intermediate, newRoot), leafKey.getPrivate(),
                List.of(intermediate, crossSign));

        store.install(bundle, "exacme mail.contoso.com");

        assertEquals(List.of(Thumbprint.of(intermediate), Thumbprint.of(crossSign)), caStore(),
                "the intermediate, then the cross-signed root; each once; the self-signed root never");
        assertEquals(List.of(Thumbprint.of(leaf)), windows.list(SystemStore.MY).stream()
                .map(entry -> Thumbprint.of(entry.der())).toList(), "only the leaf goes to My");
    }

    @Test
    void aRenewalLeavesTheCopiesAlreadyThereAsTheyAre() throws Exception {
        var first = new CertificateBundle(List.of(leaf, intermediate), leafKey.getPrivate(), List.of(crossSign));
        store.install(first, "first");
        var nextKey = generate();
        var next = certificate("mail.contoso.com", nextKey, "Test YE1", intermediateKey, false);

        store.install(new CertificateBundle(List.of(next, intermediate), nextKey.getPrivate(), List.of(crossSign)),
                "second");

        assertEquals(List.of(Thumbprint.of(intermediate), Thumbprint.of(crossSign)), caStore());
    }

    @Test
    void withoutAlternatesOnlyTheChainsIntermediatesAreAdded() throws Exception {
        store.install(new CertificateBundle(List.of(leaf, intermediate), leafKey.getPrivate()), "plain");

        assertEquals(List.of(Thumbprint.of(intermediate)), caStore());
        assertTrue(MachineStore.forCaStore(new CertificateBundle(List.of(leaf), leafKey.getPrivate())).isEmpty());
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey,
                                               boolean ca) {
        try {
            var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer),
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(1, ChronoUnit.HOURS)),
                    Date.from(now.plus(90, ChronoUnit.DAYS)), new X500Name("CN=" + subject), subjectKey.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
