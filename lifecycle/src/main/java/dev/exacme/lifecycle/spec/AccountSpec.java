package dev.exacme.lifecycle.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.exacme.acme.account.AccountSettings;
import dev.exacme.acme.account.ExternalAccountBinding;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.secrets.SecretStore;
import java.io.IOException;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * What a new account is registered with; an existing account for the CA is reused.
 *
 * @param emails     contact addresses
 * @param agreeTos   whether the terms of service were agreed to
 * @param eabKeyId   the External Account Binding key id, null without EAB
 * @param eabHmacKey where the EAB HMAC key comes from, null without EAB
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountSpec(List<String> emails, boolean agreeTos, String eabKeyId, SecretSource eabHmacKey) {

    /** Copies the list. */
    public AccountSpec {
        emails = emails == null ? List.of() : List.copyOf(emails);
    }

    /**
     * What an account is registered with, the HMAC key read from its source for this run.
     *
     * @throws InvalidRequest for settings the CA would refuse, or a key that cannot be had
     */
    public AccountSettings settings(SecretStore secrets, Map<String, String> environment)
            throws InvalidRequest, IOException {
        validate();
        Optional<ExternalAccountBinding> binding = Optional.empty();
        if (eabKeyId != null) {
            binding = Optional.of(new ExternalAccountBinding(eabKeyId,
                    eabHmacKey.read("--eab-hmac-key-file", secrets, environment)).validated());
        }
        return new AccountSettings(emails, agreeTos, binding).validated();
    }

    void validate() throws InvalidRequest {
        if (eabKeyId == null && eabHmacKey != null) {
            throw new InvalidRequest("--eab-hmac-key-file needs --eab-kid, the key id that goes with it.");
        }
        if (eabKeyId != null && eabHmacKey == null) {
            throw new InvalidRequest("--eab-kid needs the HMAC key: --eab-hmac-key-file FILE, secret:NAME or"
                    + " EXACME_EAB_HMAC_KEY.");
        }
        new AccountSettings(emails, agreeTos, Optional.empty()).validated();
    }
}
