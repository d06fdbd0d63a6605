package dev.exacme.lifecycle.importing;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.spec.ManagedName;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Names for the definitions one import makes, from what the other tool calls a certificate
 * (a friendly name, then a common name, then its id), kept to {@link ManagedName}'s alphabet
 * and unique among that import without regard to case (the name becomes a file name, and
 * Windows file names ignore case): a second {@code mail} becomes {@code mail-2}. Accents are
 * dropped ({@code Bücher Shop} becomes {@code Bucher-Shop}); a candidate left with nothing of
 * that alphabet falls through to the next, and when none is left the tool's own name is used.
 */
public final class ManagedNames {

    private static final int LONGEST = 64;

    private final String fallback;
    private final Set<String> taken = new HashSet<>();

    /**
     * Names for one import.
     *
     * @param fallback the name when no candidate gives one, such as {@code win-acme} or {@code certify}
     * @throws IllegalArgumentException when the fallback is itself no managed name
     */
    public ManagedNames(String fallback) {
        if (!valid(fallback)) {
            throw new IllegalArgumentException("'" + fallback + "' cannot name a managed certificate");
        }
        this.fallback = fallback;
    }

    /**
     * A free name from the first candidate that gives one, reserved until {@link #release}.
     *
     * @param candidates in the order they are tried, nulls skipped
     */
    public String reserve(String... candidates) {
        for (var candidate : candidates) {
            var name = cleaned(candidate);
            if (name.isPresent()) {
                return unique(name.get());
            }
        }
        return unique(fallback);
    }

    /** Gives a name back (the certificate it was reserved for was refused, so it names nothing). */
    public void release(String name) {
        taken.remove(name.toLowerCase(Locale.ROOT));
    }

    private String unique(String name) {
        var chosen = name;
        for (int n = 2; !valid(chosen) || taken.contains(chosen.toLowerCase(Locale.ROOT)); n++) {
            var suffix = "-" + n;
            chosen = trimEnd(name.substring(0, Math.min(name.length(), LONGEST - suffix.length()))) + suffix;
        }
        taken.add(chosen.toLowerCase(Locale.ROOT));
        return chosen;
    }

    /** The candidate in the managed-name alphabet, or empty when nothing of it is left. */
    static Optional<String> cleaned(String candidate) {
        if (candidate == null) {
            return Optional.empty();
        }
        var text = candidate.strip();
        // A wildcard's star would vanish below and make it look like the bare domain.
        if (text.startsWith("*.")) {
            text = "wildcard." + text.substring(2);
        }
        text = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        // A run of other characters, with the hyphens around it, is one hyphen; xn-- stays as it is.
        text = text.replaceAll("-*+(?:[^A-Za-z0-9._-]++-*+)++", "-");
        text = text.replaceAll("^[^A-Za-z0-9]+", "");
        if (text.length() > LONGEST) {
            text = text.substring(0, LONGEST);
        }
        text = trimEnd(text);
        if (text.toLowerCase(Locale.ROOT).endsWith(".v1")) {
            text = text.substring(0, text.length() - 3) + "-v1";
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (!valid(text)) {
            // A Windows device name (CON, NUL.txt...) before the first dot: the check's own advice, there.
            var dot = text.indexOf('.');
            var device = dot < 0 ? text : text.substring(0, dot);
            text = device + "-cert" + (dot < 0 ? "" : text.substring(dot));
            text = trimEnd(text.substring(0, Math.min(text.length(), LONGEST)));
        }
        return valid(text) ? Optional.of(text) : Optional.empty();
    }

    private static String trimEnd(String text) {
        return text.replaceAll("[._-]+$", "");
    }

    private static boolean valid(String name) {
        try {
            ManagedName.check(name);
            return true;
        } catch (InvalidRequest e) {
            return false;
        }
    }
}
