package dev.exacme.acme.storage;

import java.io.IOException;

/**
 * How a private key file is protected at rest beyond its owner-only permissions: on Windows
 * the CLI plugs DPAPI in (machine scope), elsewhere nothing more than mode 0600 ({@link #NONE}).
 * Implementations only transform bytes and never put them in messages.
 */
public interface KeyProtection {

    /** No protection beyond the file's permissions: the key is stored as plain PEM. */
    KeyProtection NONE = new KeyProtection() {
        @Override
        public String id() {
            return "none";
        }

        @Override
        public byte[] protect(byte[] plain) {
            return plain.clone();
        }

        @Override
        public byte[] unprotect(byte[] stored) {
            return stored.clone();
        }
    };

    /** A short stable name stored with protected keys, so that a key protected otherwise is recognised. */
    String id();

    /** Protects the key's bytes for storage. */
    byte[] protect(byte[] plain) throws IOException;

    /** Recovers the key's bytes. */
    byte[] unprotect(byte[] stored) throws IOException;
}
