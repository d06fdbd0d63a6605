package dev.exacme.acme.revocation;

import dev.exacme.acme.failure.InvalidRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The reasons a subscriber may give for revoking (RFC 5280 reason codes Let's Encrypt accepts from subscribers). */
public enum RevocationReason {
    /** No reason given. */
    UNSPECIFIED(org.shredzone.acme4j.RevocationReason.UNSPECIFIED),
    /** The private key was or may have been disclosed. */
    KEY_COMPROMISE(org.shredzone.acme4j.RevocationReason.KEY_COMPROMISE),
    /** The names no longer belong to the subscriber. */
    AFFILIATION_CHANGED(org.shredzone.acme4j.RevocationReason.AFFILIATION_CHANGED),
    /** A new certificate replaces it. */
    SUPERSEDED(org.shredzone.acme4j.RevocationReason.SUPERSEDED),
    /** The names are no longer in use. */
    CESSATION_OF_OPERATION(org.shredzone.acme4j.RevocationReason.CESSATION_OF_OPERATION);

    private final org.shredzone.acme4j.RevocationReason acme;

    RevocationReason(org.shredzone.acme4j.RevocationReason acme) {
        this.acme = acme;
    }

    org.shredzone.acme4j.RevocationReason acme() {
        return acme;
    }

    /** The reason as typed: {@code keyCompromise}, {@code key-compromise}, {@code superseded}... */
    public static RevocationReason parse(String text) throws InvalidRequest {
        var wanted = text.replaceAll("[-_ ]", "").toLowerCase(Locale.ROOT);
        for (var reason : values()) {
            if (reason.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted)) {
                return reason;
            }
        }
        throw new InvalidRequest("--reason " + text + " is not a revocation reason; choose from " + Arrays.stream(values())
                .map(RevocationReason::label).collect(Collectors.joining(", ")) + ".");
    }

    /** The reason as people write it ({@code keyCompromise}). */
    public String label() {
        var parts = name().toLowerCase(Locale.ROOT).split("_");
        var label = new StringBuilder(parts[0]);
        for (var i = 1; i < parts.length; i++) {
            label.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return label.toString();
    }
}
