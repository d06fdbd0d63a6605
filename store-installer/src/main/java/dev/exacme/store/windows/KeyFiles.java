package dev.exacme.store.windows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where machine keys are stored as files: CAPI keys under
 * {@code %ProgramData%\Microsoft\Crypto\RSA\MachineKeys}, CNG keys under
 * {@code %ProgramData%\Microsoft\Crypto\Keys}.
 *
 * <p>A key that nobody can open cannot tell its file name ({@code PP_UNIQUE_CONTAINER}
 * needs an open key). For CAPI keys the name can be derived: the MD5 of the lower-cased
 * container name with a trailing NUL, read as four little-endian words, then {@code _} and
 * the machine GUID (documented by Michel Gallant, "CryptoAPI Keycontainer and
 * UniqueKeyContainer Files"). No such derivation is documented for CNG.
 */
public final class KeyFiles {

    private KeyFiles() {
    }

    /** The folder holding a machine key of this kind. */
    public static Path folder(Path programData, KeyContainer key) {
        var crypto = programData.resolve("Microsoft").resolve("Crypto");
        return key.cng() ? crypto.resolve("Keys") : crypto.resolve("RSA").resolve("MachineKeys");
    }

    /** The file of a CAPI machine key derived from its container name; empty for CNG keys. */
    public static Optional<String> derivedCapiName(KeyContainer key, String machineGuid) {
        if (key.cng()) {
            return Optional.empty();
        }
        try {
            var name = (key.container().toLowerCase(Locale.ROOT) + "\0").getBytes(StandardCharsets.US_ASCII);
            var digest = MessageDigest.getInstance("MD5").digest(name);
            var hex = new StringBuilder();
            for (var word = 0; word < 4; word++) {
                for (var i = 3; i >= 0; i--) {
                    hex.append(String.format("%02x", digest[word * 4 + i] & 0xFF));
                }
            }
            return Optional.of(hex + "_" + machineGuid);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
