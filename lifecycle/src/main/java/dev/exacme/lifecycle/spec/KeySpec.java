package dev.exacme.lifecycle.spec;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.keys.KeyType;

/**
 * The certificate key.
 *
 * @param type  {@code rsa2048}, {@code rsa3072}, {@code rsa4096}, {@code ec256} or {@code ec384}
 * @param reuse certify the PEM store's current key instead of a new one
 */
public record KeySpec(String type, boolean reuse) {

    /** The key type. */
    public KeyType keyType() throws InvalidRequest {
        return KeyType.parse(type);
    }

    void validate(StoreSpec store) throws InvalidRequest {
        keyType();
        if (reuse && !(store instanceof StoreSpec.Pem)) {
            throw new InvalidRequest("--reuse-key works with the PEM store only: its key.pem is the key reused.");
        }
    }
}
