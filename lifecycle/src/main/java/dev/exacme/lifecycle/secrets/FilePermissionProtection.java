package dev.exacme.lifecycle.secrets;

/**
 * The protection off Windows: the bytes are stored as they are, and only the file's mode
 * (0600, in a 0700 directory, both enforced by the {@link SecretStore}) keeps other users
 * out. Root can read them, as it can read any private key on the machine.
 */
public final class FilePermissionProtection implements SecretProtection {

    /** The name written into the files this protection stores. */
    public static final String ID = "file-permissions";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public byte[] protect(byte[] plain) {
        return plain.clone();
    }

    @Override
    public byte[] unprotect(byte[] stored) {
        return stored.clone();
    }
}
