package dev.exacme.acme.account;

import dev.exacme.acme.failure.InvalidRequest;
import java.util.Base64;

/**
 * External Account Binding credentials (RFC 8555 section 7.3.4) that some CAs require
 * before they accept a new account: ZeroSSL, Google Trust Services, Sectigo.
 *
 * @param keyId   the key identifier the CA gave out
 * @param hmacKey the MAC key, base64url as CAs hand it out; a secret, never printed
 */
public record ExternalAccountBinding(String keyId, String hmacKey) {

    /** Trims both values; {@link #validated()} checks them. */
    public ExternalAccountBinding {
        keyId = keyId == null ? "" : keyId.trim();
        hmacKey = hmacKey == null ? "" : hmacKey.trim();
    }

    /** Validates the credentials' shape; the CA is the judge of whether they are right. */
    public ExternalAccountBinding validated() throws InvalidRequest {
        if (keyId.isEmpty()) {
            throw new InvalidRequest("The External Account Binding key id is empty: pass --eab-kid.");
        }
        if (hmacKey.isEmpty()) {
            throw new InvalidRequest("The External Account Binding HMAC key is empty: put it in the file "
                    + "given with --eab-hmac-key-file (or EXACME_EAB_HMAC_KEY).");
        }
        try {
            var decoded = Base64.getUrlDecoder().decode(hmacKey.replace('+', '-').replace('/', '_').replace("=", ""));
            if (decoded.length < 16) {
                throw new InvalidRequest("The External Account Binding HMAC key is too short (" + decoded.length
                        + " bytes); copy the whole key your CA gave you.");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("The External Account Binding HMAC key is not base64url text; "
                    + "copy it exactly as your CA shows it.");
        }
        return this;
    }

    /** The key in the base64url form acme4j expects. */
    String encodedKey() {
        return hmacKey.replace('+', '-').replace('/', '_').replace("=", "");
    }

    @Override
    public String toString() {
        return "ExternalAccountBinding[keyId=" + keyId + ", hmacKey=(hidden)]";
    }
}
