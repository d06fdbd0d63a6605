package dev.exacme.lifecycle.importing.winacme;

import dev.exacme.lifecycle.secrets.SecretName;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names of the secrets an import asks for, chosen once per value: a vault entry that several
 * renewals refer to is one secret for all of them, a value kept in one renewal file is a secret
 * of that certificate ({@code NAME-cloudflare-token}). Names follow {@link SecretName}'s rules.
 */
final class SecretNames {

    private static final int LONGEST = 64;

    private final Map<String, String> byValue = new HashMap<>();
    private final Set<String> taken = new HashSet<>();

    /**
     * The secret name for a value.
     *
     * @param identity what the value is, the same text for the same value ({@code vault:json:cf})
     * @param wanted   the name it would best have
     */
    String name(String identity, String wanted) {
        var known = byValue.get(identity);
        if (known != null) {
            return known;
        }
        var base = cleaned(wanted);
        var chosen = base;
        for (int n = 2; !SecretName.isValid(chosen) || taken.contains(chosen); n++) {
            var suffix = "-" + n;
            chosen = base.substring(0, Math.min(base.length(), LONGEST - suffix.length())) + suffix;
        }
        taken.add(chosen);
        byValue.put(identity, chosen);
        return chosen;
    }

    private static String cleaned(String wanted) {
        var text = wanted.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^[^a-z0-9]+", "");
        if (text.length() > LONGEST) {
            // The end says what the secret is for (cloudflare-token), so the start gives way.
            text = text.substring(text.length() - LONGEST).replaceAll("^[^a-z0-9]+", "");
        }
        return text.isEmpty() ? "win-acme-secret" : text;
    }
}
