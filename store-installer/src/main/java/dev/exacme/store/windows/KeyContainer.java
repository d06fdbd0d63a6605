package dev.exacme.store.windows;

/**
 * Where a certificate's private key lives, as its {@code CERT_KEY_PROV_INFO_PROP_ID}
 * property names it: readable without opening the key, so also when access to the key is
 * denied.
 *
 * @param provider     the CSP or KSP name, e.g. "Microsoft RSA SChannel Cryptographic Provider"
 * @param providerType the CAPI provider type (12 for {@code PROV_RSA_SCHANNEL}); 0 for a CNG key
 * @param container    the key container name
 * @param keySpec      {@code AT_KEYEXCHANGE} (1) or {@code AT_SIGNATURE} (2) as Windows records it (CNG keys
 *                     may carry one too)
 * @param machineKey   whether the key is a machine key ({@code CRYPT_MACHINE_KEYSET})
 */
public record KeyContainer(String provider, int providerType, String container, int keySpec, boolean machineKey) {

    /** Whether the key is held by a CNG key storage provider rather than a legacy CSP. */
    public boolean cng() {
        return providerType == 0;
    }
}
