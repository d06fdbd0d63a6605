package dev.exacme.store.windows;

import java.util.Optional;

/**
 * One certificate of a system store as Windows reports it.
 *
 * @param der          the DER encoding of the certificate
 * @param friendlyName the {@code CERT_FRIENDLY_NAME_PROP_ID} property, empty string if none
 * @param key          where its private key lives, empty if it has none
 * @param reportedSha1 the thumbprint Windows keeps for it ({@code CERT_SHA1_HASH_PROP_ID}), upper-case hex
 */
public record StoreEntry(byte[] der, String friendlyName, Optional<KeyContainer> key, String reportedSha1) {
}
