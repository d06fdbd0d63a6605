package dev.exacme.lifecycle.importing.certify;

import dev.exacme.acme.ca.CaServer;
import dev.exacme.acme.failure.InvalidRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Certify's certificate authorities: the built-in ones (Certify.Models/CertificateAuthorities/
 * Definitions, 7.0.0) and the custom ones of {@code ca.json}; a built-in id wins over a custom one
 * of the same id, as in Certify's LoadCertificateAuthorities.
 */
final class CertificateAuthorities {

    /**
     * One CA as Certify describes it.
     *
     * @param id                 Certify's id ({@code letsencrypt.org})
     * @param title              its name for people
     * @param production         the production ACME directory URL
     * @param staging            the staging ACME directory URL, empty when there is none
     * @param allowUntrustedTls  Certify skips the check of the CA's TLS certificate
     * @param requiresEab        the CA requires External Account Binding
     * @param trustedRoots       Certify installs roots or intermediates of its own for this CA
     * @param custom             from {@code ca.json}
     * @param enabled            Certify may use it
     */
    record Authority(String id, String title, String production, String staging, boolean allowUntrustedTls,
                     boolean requiresEab, boolean trustedRoots, boolean custom, boolean enabled) {
    }

    /** The built-in CAs, as Certify 7.0.0 defines them. */
    static final List<Authority> BUILT_IN = List.of(
            builtIn("buypass.com", "Buypass Go SSL", "https://api.buypass.com/acme/directory",
                    "https://api.test4.buypass.no/acme/directory", false),
            builtIn("letsencrypt.org", "Let's Encrypt", "https://acme-v02.api.letsencrypt.org/directory",
                    "https://acme-staging-v02.api.letsencrypt.org/directory", false),
            builtIn("martinisecurity.com", "Martini Security", "https://wfe.prod.martinisecurity.com/v2/acme/directory",
                    "https://wfe.dev.martinisecurity.com/v2/acme/directory", false),
            builtIn("google", "Google Trust Services", "https://dv.acme-v02.api.pki.goog/directory",
                    "https://dv.acme-v02.test-api.pki.goog/directory", true),
            builtIn("acme.atlas.globalsign.com", "GlobalSign", "https://emea.acme.atlas.globalsign.com/directory", "",
                    true),
            builtIn("sectigo-dv", "Sectigo DV", "https://acme.sectigo.com/v2/DV", "", true),
            builtIn("sectigo-OV", "Sectigo OV", "https://acme.sectigo.com/v2/OV", "", true),
            builtIn("sectigo-ev", "Sectigo EV", "https://acme.sectigo.com/v2/EV", "", true),
            builtIn("rsa.ssl.com", "SSL.com", "https://acme.ssl.com/sslcom-dv-rsa", "", true),
            builtIn("sectigo-enterprise", "Sectigo Enterprise", "https://acme.enterprise.sectigo.com/", "", true),
            builtIn("zerossl.com", "ZeroSSL", "https://acme.zerossl.com/v2/DV90", "", true));

    private final Map<String, Authority> all = new LinkedHashMap<>();

    CertificateAuthorities(Map<String, Authority> custom) {
        BUILT_IN.forEach(authority -> all.put(authority.id().toLowerCase(Locale.ROOT), authority));
        custom.forEach(all::putIfAbsent);
    }

    /** A CA and the directory URL an item uses with it. */
    record Chosen(Authority authority, String directory) {
    }

    /**
     * The CA of an item and its directory, staging or production.
     *
     * @throws Refused when Certify does not know the CA, or it has no directory for the mode
     */
    Chosen choose(String id, boolean staging, CertifyInstallation installation) throws Refused {
        var authority = all.get(id.toLowerCase(Locale.ROOT));
        if (authority == null) {
            var why = installation.problem("ca.json").map(problem -> "; " + problem).orElse("");
            throw new Refused("its certificate authority '" + id + "' is neither one of Certify's own nor in ca.json"
                    + " beside the database" + why + ": add it with 'exacme add NAME --server DIRECTORY_URL'.");
        }
        var directory = staging ? authority.staging() : authority.production();
        if (directory == null || directory.isBlank()) {
            throw new Refused("it uses the " + (staging ? "staging" : "production") + " mode of " + authority.title()
                    + " (" + authority.id() + "), for which Certify has no directory URL.");
        }
        try {
            return new Chosen(authority, CaServer.parse(directory).directory().toString());
        } catch (InvalidRequest e) {
            throw new Refused("the directory URL of " + authority.title() + " (" + authority.id() + ") is refused: "
                    + e.getMessage());
        }
    }

    private static Authority builtIn(String id, String title, String production, String staging, boolean eab) {
        return new Authority(id, title, production, staging, false, eab, false, false, true);
    }
}
