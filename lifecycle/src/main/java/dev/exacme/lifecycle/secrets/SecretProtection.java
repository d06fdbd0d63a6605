package dev.exacme.lifecycle.secrets;

import dev.exacme.lifecycle.secrets.windows.Dpapi;
import java.io.IOException;
import java.util.Locale;

/**
 * How the content of a secret file is protected at rest, beyond the file's permissions:
 * DPAPI with machine scope on Windows ({@link Dpapi}), nothing more than mode 0600 in a 0700
 * directory elsewhere ({@link FilePermissionProtection}). The {@link SecretStore} writes,
 * reads and checks the files; an implementation only transforms bytes.
 */
public interface SecretProtection {

    /** A short stable name written into each secret file, so that a file protected otherwise is recognised. */
    String id();

    /**
     * Protects a secret's bytes for storage.
     *
     * @throws IOException if the platform refuses; the message never contains the secret
     */
    byte[] protect(byte[] plain) throws IOException;

    /**
     * Recovers a secret's bytes from what {@link #protect(byte[])} returned.
     *
     * @throws IOException if they cannot be recovered here; the message never contains the secret
     */
    byte[] unprotect(byte[] stored) throws IOException;

    /**
     * The same protection for account keys, which the ACME library stores: none beyond the
     * file's permissions where the platform adds none.
     */
    static dev.exacme.acme.storage.KeyProtection forAccountKeys() {
        var platform = forThisPlatform();
        if (platform instanceof FilePermissionProtection) {
            return dev.exacme.acme.storage.KeyProtection.NONE;
        }
        return new dev.exacme.acme.storage.KeyProtection() {
            @Override
            public String id() {
                return platform.id();
            }

            @Override
            public byte[] protect(byte[] plain) throws IOException {
                return platform.protect(plain);
            }

            @Override
            public byte[] unprotect(byte[] stored) throws IOException {
                return platform.unprotect(stored);
            }
        };
    }

    /** The protection for this operating system. */
    static SecretProtection forThisPlatform() {
        var windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return windows ? new Dpapi() : new FilePermissionProtection();
    }
}
