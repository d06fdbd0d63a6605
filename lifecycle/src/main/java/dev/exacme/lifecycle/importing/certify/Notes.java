package dev.exacme.lifecycle.importing.certify;

import dev.exacme.lifecycle.importing.RequiredSecret;
import dev.exacme.lifecycle.spec.SecretSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the mapping of one certificate leaves to the administrator: the settings it does not take
 * over (each with why) and the secrets to enter, one entry per secret name however often it is
 * referred to.
 */
final class Notes {

    private final List<String> unmapped = new ArrayList<>();
    private final Map<String, RequiredSecret> secrets = new LinkedHashMap<>();
    private final CertifyInstallation installation;

    Notes(CertifyInstallation installation) {
        this.installation = installation;
    }

    /** A setting not taken over, and why. */
    void unmapped(String line) {
        var printable = printable(line);
        if (!unmapped.contains(printable)) {
            unmapped.add(printable);
        }
    }

    /**
     * Text from Certify's documents made safe for one line of a table: control characters (a line
     * break or a terminal escape in a task's name) become spaces.
     */
    static String printable(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", " ");
    }

    /**
     * The secret that stands for Certify's stored credential {@code credentialId}: its name is the
     * credential's id, so that certificates sharing a credential share the secret.
     *
     * @param what what exacme needs from it, e.g. "Cloudflare API token (Zone:Read, DNS:Edit)"
     */
    SecretSource credential(String credentialId, String what) {
        var name = secretName(credentialId);
        var credential = installation.credentials().get(credentialId);
        var title = credential == null || credential.title().isBlank() ? "" : " '" + printable(credential.title()) + "'";
        secrets.putIfAbsent(name, new RequiredSecret(name, what + ", from Certify's stored credential" + title + " ("
                + printable(credentialId) + "), which is DPAPI-protected for Certify's service"
                + " account and not read"));
        return new SecretSource("secret:" + name);
    }

    /** A secret Certify never had (a PFX password where Certify wrote none). */
    SecretSource secret(String name, String what) {
        secrets.putIfAbsent(name, new RequiredSecret(name, what));
        return new SecretSource("secret:" + name);
    }

    List<String> unmapped() {
        return List.copyOf(unmapped);
    }

    List<RequiredSecret> secrets() {
        return List.copyOf(secrets.values());
    }

    CertifyInstallation installation() {
        return installation;
    }

    /**
     * {@code certify-} and the credential id (a GUID) in the secret store's alphabet; an id that
     * does not fit is cut to what does.
     */
    static String secretName(String credentialId) {
        var cleaned = credentialId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^[-._]+", "");
        var name = "certify-" + (cleaned.isEmpty() ? "credential" : cleaned);
        return name.length() > 64 ? name.substring(0, 64).replaceAll("[-._]+$", "") : name;
    }
}
