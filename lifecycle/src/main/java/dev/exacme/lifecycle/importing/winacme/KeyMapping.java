package dev.exacme.lifecycle.importing.winacme;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.lifecycle.spec.KeySpec;
import dev.exacme.lifecycle.spec.StoreSpec;
import java.util.Locale;

/**
 * The CSR plugin ({@code CsrPluginOptions}) as an exacme key: RSA with {@code Csr.Rsa.KeyBits},
 * EC with {@code Csr.Ec.CurveName} (settings, not renewal fields; win-acme's defaults 3072 and
 * {@code secp384r1}), as the key types exacme has.
 */
final class KeyMapping {

    /** win-acme's RSA key size when settings.json says none ({@code RsaSettings.KeyBits}). */
    static final long DEFAULT_RSA_BITS = 3072;

    /** win-acme's EC curve when settings.json says none ({@code EcSettings.CurveName}). */
    static final String DEFAULT_CURVE = "secp384r1";

    private KeyMapping() {
    }

    /**
     * The key type, {@code rsa3072} or {@code ec256} and so on.
     *
     * @throws Refusal for a missing CSR plugin, or a size or curve exacme has no key type for
     */
    static String keyType(JsonNode csr, RenewalContext context) throws Refusal {
        if (csr == null) {
            // RenewalStoreDisk skips such a file: "missing csr plugin options".
            throw new Refusal("the renewal has no CsrPluginOptions (win-acme does not load it either).");
        }
        var guid = RenewalJson.text(csr, "Plugin").orElse(null);
        var plugin = WinAcmePlugin.of(WinAcmePlugin.Step.CSR, guid).orElseThrow(() -> new Refusal("the CSR plugin "
                + guid + " is neither win-acme's RSA nor its EC plugin."));
        if (plugin == WinAcmePlugin.CSR_RSA) {
            long bits = context.settings().number("Csr", "Rsa", "KeyBits").orElse(DEFAULT_RSA_BITS);
            if (bits != 2048 && bits != 3072 && bits != 4096) {
                throw new Refusal("the key is RSA " + bits + " bits (settings.json Csr.Rsa.KeyBits); exacme makes"
                        + " RSA keys of 2048, 3072 or 4096 bits.");
            }
            return "rsa" + bits;
        }
        var curve = context.settings().text("Csr", "Ec", "CurveName").orElse(DEFAULT_CURVE);
        return switch (curve.trim().toLowerCase(Locale.ROOT)) {
            case "secp256r1", "prime256v1", "p-256", "nistp256" -> "ec256";
            case "secp384r1", "p-384", "nistp384" -> "ec384";
            default -> throw new Refusal("the key is EC on curve " + curve + " (settings.json Csr.Ec.CurveName);"
                    + " exacme makes EC keys on P-256 and P-384.");
        };
    }

    /** The key with its reuse, which exacme offers with the PEM store only. */
    static KeySpec key(JsonNode csr, String type, StoreSpec store, RenewalContext context) throws Refusal {
        if (RenewalJson.bool(csr, "OcspMustStaple").orElse(false)) {
            context.unmapped("OcspMustStaple: exacme does not ask for it; Let's Encrypt has ended OCSP and refuses"
                    + " must-staple orders.");
        }
        var reuse = RenewalJson.bool(csr, "ReusePrivateKey").orElse(false);
        if (reuse && !(store instanceof StoreSpec.Pem)) {
            context.unmapped("ReusePrivateKey: exacme reuses a key only from the PEM store's key.pem; with this"
                    + " store each renewal gets a new key.");
            return new KeySpec(type, false);
        }
        if (reuse) {
            context.unmapped("ReusePrivateKey: exacme reuses the key.pem of its PEM directory once it has written"
                    + " one; win-acme's cached key (" + context.serverDirectory().resolve("Certificates")
                    .resolve(context.renewalId() + ".keys") + ", encrypted for win-acme)"
                    + " is not taken over, so the first renewal has a new key.");
        }
        return new KeySpec(type, reuse);
    }
}
