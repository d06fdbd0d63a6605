package dev.exacme.lifecycle.importing.certify;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.spec.ManagedName;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * exacme names for Certify's managed certificates: Certify's Name in exacme's alphabet (accents
 * dropped, anything else a hyphen), else the first name, else the item id; unique without regard
 * to case, since it becomes a file name on Windows, by {@code -2}, {@code -3}...
 */
final class ManagedNames {

    private final Set<String> taken = new HashSet<>();

    /** A valid name not given before, from the first candidate that makes one. */
    String allocate(String... candidates) {
        for (var candidate : candidates) {
            var base = valid(candidate);
            if (base.isPresent()) {
                return unique(base.get());
            }
        }
        return unique("certify");
    }

    private String unique(String base) {
        var name = base;
        for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
            var suffix = "-" + n;
            name = trimEnd(base.substring(0, Math.min(base.length(), 64 - suffix.length()))) + suffix;
        }
        return name;
    }

    /** {@code text} made a managed certificate's name, or empty when nothing of it is left. */
    static Optional<String> valid(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        plain = plain.replace("*.", "wildcard.").replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^[^A-Za-z0-9]+", "");
        plain = trimEnd(plain.length() > 64 ? plain.substring(0, 64) : plain);
        if (plain.toLowerCase(Locale.ROOT).endsWith(".v1")) {
            plain = plain.substring(0, plain.length() - 3) + "-v1";
        }
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ManagedName.check(plain));
        } catch (InvalidRequest e) {
            // A Windows device name (CON, NUL...): the same with a suffix is a file name.
            return Optional.of(plain + "-cert");
        }
    }

    private static String trimEnd(String text) {
        return text.replaceAll("[-._]+$", "");
    }
}
