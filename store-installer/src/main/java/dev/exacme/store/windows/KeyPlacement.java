package dev.exacme.store.windows;

import static dev.exacme.store.windows.jna.StoreConstants.CRYPT_EXPORTABLE;
import static dev.exacme.store.windows.jna.StoreConstants.CRYPT_MACHINE_KEYSET;
import static dev.exacme.store.windows.jna.StoreConstants.PKCS12_ALWAYS_CNG_KSP;
import static dev.exacme.store.windows.jna.StoreConstants.PROV_RSA_SCHANNEL;

import dev.exacme.store.StoreException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where an imported private key goes and with which {@code PFXImportCertStore} flags.
 *
 * <p>RSA keys go to the legacy "Microsoft RSA SChannel Cryptographic Provider" by default:
 * Exchange's forms-based login to OWA and ECP does not work with CNG keys. {@code --cng}
 * puts them in the "Microsoft Software Key Storage Provider" instead. ECDSA keys exist only
 * in CNG. Every key is a persisted machine key ({@code CRYPT_MACHINE_KEYSET}; keys persist
 * unless {@code PKCS12_NO_PERSIST_KEY}), exportable only on request.
 *
 * @param pfxFlags     the flags for {@code PFXImportCertStore}
 * @param providerName the provider named in the PFX's CSP-name bag attribute, if any
 * @param expected     the provider the key must end up in
 * @param warnings     what the person should know about this choice
 */
public record KeyPlacement(int pfxFlags, Optional<String> providerName, String expected, List<String> warnings) {

    /** The legacy CAPI provider Exchange's forms-based authentication needs. */
    public static final String SCHANNEL_CSP = "Microsoft RSA SChannel Cryptographic Provider";
    /** The default CNG key storage provider. */
    public static final String SOFTWARE_KSP = "Microsoft Software Key Storage Provider";

    /** Copies the list. */
    public KeyPlacement {
        warnings = List.copyOf(warnings);
    }

    /** The placement for {@code key} with the person's options. */
    public static KeyPlacement of(PrivateKey key, boolean cng, boolean exportable) {
        var flags = CRYPT_MACHINE_KEYSET | (exportable ? CRYPT_EXPORTABLE : 0);
        var warnings = new ArrayList<String>();
        if (key.getAlgorithm().equals("RSA") && !cng) {
            return new KeyPlacement(flags, Optional.of(SCHANNEL_CSP), SCHANNEL_CSP, warnings);
        }
        if (key.getAlgorithm().equals("RSA")) {
            warnings.add("the RSA key is in CNG (--cng): Exchange's forms-based login to OWA and ECP needs a key in a"
                    + " legacy CSP and will not work with this certificate.");
        } else {
            warnings.add("ECDSA keys exist only in CNG: Exchange may not accept this certificate for OWA, ECP or"
                    + " SMTP; use an RSA key for Exchange.");
        }
        return new KeyPlacement(flags | PKCS12_ALWAYS_CNG_KSP, Optional.empty(), SOFTWARE_KSP, warnings);
    }

    /**
     * Checks that Windows put the key where it was asked to.
     *
     * @throws StoreException naming the provider asked for and the one used
     */
    public void check(KeyContainer imported) throws StoreException {
        var schannel = expected.equals(SCHANNEL_CSP);
        var right = imported.provider().equalsIgnoreCase(expected)
                && (schannel ? imported.providerType() == PROV_RSA_SCHANNEL : imported.cng())
                && imported.machineKey();
        if (!right) {
            throw new StoreException("Windows imported the key into \"" + imported.provider() + "\" (type "
                    + imported.providerType() + (imported.machineKey() ? ", machine key" : ", user key")
                    + ") instead of a machine key in \"" + expected + "\"; the certificate is in LocalMachine\\My"
                    + " but not fit for Exchange. Report this with your Windows version.");
        }
    }
}
