package dev.exacme.cli.managed;

import dev.exacme.acme.failure.InvalidRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A managed certificate as {@code certificates/NAME.json} holds it: what to order and where
 * to put it, renewed unattended by {@code exacme renew}. Schema version 1:
 *
 * <pre>
 * {
 *   "schemaVersion": 1,
 *   "name": "mail",
 *   "domains": ["mail.contoso.com", "autodiscover.contoso.com"],
 *   "options": { "store": "windows", "deploy": "exchange", "dns": "cloudflare",
 *                "cloudflare-token-file": "secret:cloudflare-token", "acl-read": ["CONTOSO\\svc"] },
 *   "created": "2026-11-25T10:00:00Z"
 * }
 * </pre>
 *
 * {@code options} are the long options of {@code exacme issue} without their dashes: a string
 * value, a list for a repeated option, {@code true} for a switch. Secrets are never held
 * here, only references to them.
 *
 * @param schemaVersion 1
 * @param name          the certificate's name, also its file name
 * @param domains       the names it covers
 * @param options       the {@code exacme issue} options
 * @param created       when it was added
 */
public record CertificateDefinition(int schemaVersion, String name, List<String> domains, Map<String, Object> options,
                                    Instant created) {

    /** The schema this version of exacme writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    /** Copies the collections. */
    public CertificateDefinition {
        domains = List.copyOf(domains);
        options = new LinkedHashMap<>(options);
    }

    /**
     * Checks a certificate name: it becomes a file name.
     *
     * @throws InvalidRequest naming it
     */
    public static String checkName(String name) throws InvalidRequest {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InvalidRequest("'" + name + "' cannot name a managed certificate: use letters, digits, '.', '_'"
                    + " and '-', starting with a letter or digit (e.g. mail or contoso-wildcard).");
        }
        return name;
    }

    /** The {@code exacme issue} arguments this definition stands for (without global options). */
    public List<String> issueArguments() {
        var arguments = new ArrayList<String>();
        domains.forEach(domain -> arguments.addAll(List.of("--domain", domain)));
        options.forEach((option, value) -> {
            if (value instanceof Boolean flag) {
                if (flag) {
                    arguments.add("--" + option);
                }
            } else if (value instanceof List<?> values) {
                values.forEach(single -> arguments.addAll(List.of("--" + option, String.valueOf(single))));
            } else {
                arguments.addAll(List.of("--" + option, String.valueOf(value)));
            }
        });
        return arguments;
    }
}
