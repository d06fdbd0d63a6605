package dev.exacme.acme.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.testing.PebbleTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates read from PEM text as the files exacme and other tools write them. */
class PemFormatTest {

    @TempDir
    static Path temp;

    private static List<X509Certificate> chain;
    private static String keyPem;

    @BeforeAll
    static void certificates() throws IOException {
        var tls = PebbleTls.generate(temp);
        chain = List.of(PemFormat.readCertificates(Files.readString(tls.certificatePem())).get(0), tls.root());
        keyPem = Files.readString(tls.keyPem());
    }

    @Test
    void whatCertificatesWritesIsReadBackInOrder() throws IOException {
        assertEquals(chain, PemFormat.readCertificates(PemFormat.certificates(chain)));
    }

    @Test
    void otherBlocksTextAndWindowsLineEndsArePassedOver() throws IOException {
        var pem = "Bag Attributes: friendlyName exacme\n" + keyPem + PemFormat.certificates(chain)
                .replace("\n", "\r\n").replace("BEGIN CERTIFICATE", "BEGIN X509 CERTIFICATE")
                .replace("END CERTIFICATE", "END X509 CERTIFICATE") + "trailing words\n";
        assertEquals(chain, PemFormat.readCertificates(pem));
        assertEquals(List.of(), PemFormat.readCertificates(keyPem));
    }

    @Test
    void aCutOrDamagedBlockIsRefused() {
        var whole = PemFormat.certificates(chain);
        var cut = whole.substring(0, whole.lastIndexOf("-----END"));
        var problem = assertThrows(IOException.class, () -> PemFormat.readCertificates(cut));
        assertTrue(problem.getMessage().contains("no END line"), problem.getMessage());

        var damaged = whole.replaceFirst("(?m)^MII", "MIIx!");
        assertThrows(IOException.class, () -> PemFormat.readCertificates(damaged));
        var notDer = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        var unreadable = assertThrows(IOException.class, () -> PemFormat.readCertificates(notDer));
        assertTrue(unreadable.getMessage().startsWith("unreadable certificate"), unreadable.getMessage());
    }
}
