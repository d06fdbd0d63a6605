package dev.exacme.lifecycle.importing.winacme;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.acme.account.AccountSettings;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.spec.AccountSpec;
import dev.exacme.lifecycle.spec.CaSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CA and the account: the directory URL from the server directory's BaseUri, the ACME
 * profile and preferred chain from the settings, and the contact addresses of win-acme's
 * account ({@code Registration_v2}). The account itself is not taken over: its key
 * ({@code Signer_v2}) is DPAPI-protected for win-acme, so exacme registers its own.
 */
final class CaMapping {

    /** CAs that want External Account Binding for a new account, by the end of their host name. */
    private static final List<String> EAB_HOSTS = List.of("zerossl.com", "pki.goog", "sectigo.com", "ssl.com",
            "digicert.com", "actalis.com");

    private CaMapping() {
    }

    /**
     * The CA part of the definition.
     *
     * @throws Refusal when the server directory's CA cannot be known
     */
    static CaSpec ca(JsonNode renewal, ServerDirectory server, RenewalContext context) throws Refusal {
        var baseUri = server.baseUri(RenewalJson.text(renewal, "EndPoint"));
        var directory = ServerDirectory.directoryUrl(baseUri);
        if (!ServerDirectory.wellKnown(baseUri) && !directory.equals(baseUri)) {
            context.unmapped("CA: the directory URL " + directory + " is what win-acme asks " + baseUri + " for"
                    + " first; if the CA serves its directory at " + baseUri + " itself, change the server of the"
                    + " definition to that.");
        }
        var settings = context.settings();
        if (!settings.bool("Acme", "ValidateServerCertificate").orElse(true)) {
            context.unmapped("Acme.ValidateServerCertificate false: exacme always checks the CA's TLS certificate;"
                    + " give the CA's root with --trust FILE.");
        }
        var host = directory.getHost().toLowerCase(Locale.ROOT);
        if (EAB_HOSTS.stream().anyMatch(host::endsWith)) {
            context.unmapped("CA " + host + " wants External Account Binding for a new account: give exacme the"
                    + " EAB key id and HMAC key (--eab-kid, --eab-hmac-key-file) before the first renewal.");
        }
        var account = account(renewal, server, context);
        return new CaSpec(directory.toString(), List.of(), account, settings.text("Acme", "CertificateProfile")
                .orElse(null), settings.text("Acme", "PreferredIssuer").orElse(null));
    }

    private static AccountSpec account(JsonNode renewal, ServerDirectory server, RenewalContext context)
            throws Refusal {
        var name = RenewalJson.text(renewal, "Account");
        // AccountManager.GetPath: NAME.Registration_v2 for a named account, the name cleaned like a file name.
        var fileName = name.map(n -> n.replaceAll("[\"<>|:*?\\\\/\\x00-\\x1f]", "") + ".Registration_v2")
                .orElse("Registration_v2");
        var file = server.path().resolve(fileName);
        var defaults = context.defaults().emails();
        if (!Files.isRegularFile(file)) {
            context.unmapped("account: no " + fileName + " in " + server.path() + "; exacme registers an account"
                    + (defaults.isEmpty() ? " without contact address" : " for " + String.join(", ", defaults))
                    + " and must be told you agree to the CA's terms (--agree-tos).");
            return new AccountSpec(defaults, false, null, null);
        }
        JsonNode registration;
        try {
            registration = RenewalJson.readRenewal(file);
        } catch (Refusal | IOException e) {
            context.unmapped("account: " + file + " cannot be read (" + e.getMessage() + "); exacme registers an"
                    + " account" + (defaults.isEmpty() ? " without contact address" : " for " + String.join(", ",
                    defaults)) + " and must be told you agree to the CA's terms (--agree-tos).");
            return new AccountSpec(defaults, false, null, null);
        }
        var payload = RenewalJson.field(registration, "Payload").orElse(null);
        var emails = new ArrayList<String>();
        for (var contact : RenewalJson.texts(payload, "Contact")) {
            var address = contact.trim().replaceFirst("(?i)^mailto:", "");
            if (valid(address)) {
                if (!emails.contains(address)) {
                    emails.add(address);
                }
            } else {
                context.unmapped("account contact '" + contact + "' is not an e-mail address exacme takes; left out.");
            }
        }
        if (emails.isEmpty()) {
            emails.addAll(defaults);
        }
        var agreed = RenewalJson.bool(payload, "TermsOfServiceAgreed").orElse(true);
        var kid = RenewalJson.text(registration, "Kid").orElse("(no account URL)");
        context.unmapped("account " + kid + " (" + fileName + "): its key (Signer_v2) is encrypted for win-acme"
                + " and not taken over; exacme registers its own account" + (emails.isEmpty() ? ""
                : " for " + String.join(", ", emails)) + (agreed ? ", agreeing to the terms win-acme's account agreed"
                + " to" : "") + ".");
        return new AccountSpec(emails, agreed, null, null);
    }

    private static boolean valid(String address) {
        try {
            new AccountSettings(List.of(address), false, Optional.empty()).validated();
            return true;
        } catch (InvalidRequest e) {
            return false;
        }
    }
}
