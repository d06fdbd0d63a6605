package dev.exacme.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ThumbprintTest {

    @Test
    void isTheUpperCaseSha1OfTheDerEncoding() throws Exception {
        var bundle = TestBundles.rsa("mail.example.com");
        var expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bundle.leaf().getEncoded()));
        assertEquals(expected.toUpperCase(), Thumbprint.of(bundle.leaf()).hex());
    }

    @Test
    void readsWhatPeoplePaste() {
        var hex = "0123456789ABCDEF0123456789ABCDEF01234567";
        // The certificate dialog copies a left-to-right mark and spaces; openssl prints colons.
        assertEquals(hex, Thumbprint.parse("\u200E01 23 45 67 89 ab cd ef 01 23 45 67 89 ab cd ef 01 23 45 67").hex());
        assertEquals(hex, Thumbprint.parse("01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67").hex());
    }

    @Test
    void refusesWhatIsNotAThumbprintNamingIt() {
        var error = assertThrows(IllegalArgumentException.class, () -> Thumbprint.parse("mail.example.com"));
        assertTrue(error.getMessage().contains("'mail.example.com'"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Thumbprint.parse("0123456789ABCDEF0123456789ABCDEF0123456"));
    }

    @Test
    void bundlesRefuseAKeyOfAnotherCertificate() {
        var one = TestBundles.rsa("one.example.com");
        var other = TestBundles.rsa("other.example.com");
        assertTrue(CertificateBundle.matches(one.leaf(), one.key()));
        assertFalse(CertificateBundle.matches(one.leaf(), other.key()));
        assertFalse(CertificateBundle.matches(one.leaf(), TestBundles.ecdsa("ec.example.com").key()));
        assertThrows(IllegalArgumentException.class,
                () -> new CertificateBundle(one.chain(), other.key()));
    }
}
