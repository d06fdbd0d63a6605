package dev.exacme.acme.account;

import dev.exacme.acme.failure.InvalidRequest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a new account is registered with.
 *
 * @param emails           contact addresses for expiry and policy mail; may be empty
 * @param agreeToTerms     whether the user agreed to the CA's terms of service
 * @param binding          External Account Binding, for CAs that require it
 */
public record AccountSettings(List<String> emails, boolean agreeToTerms, Optional<ExternalAccountBinding> binding) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;]+");

    public AccountSettings {
        emails = List.copyOf(emails);
    }

    /**
     * Checks the e-mail addresses before the CA does.
     *
     * @throws InvalidRequest naming the address that is not one
     */
    public AccountSettings validated() throws InvalidRequest {
        for (var email : emails) {
            if (!EMAIL.matcher(email).matches()) {
                throw new InvalidRequest("--email '" + email + "' is not an e-mail address.");
            }
        }
        if (binding.isPresent()) {
            binding.get().validated();
        }
        return this;
    }
}
