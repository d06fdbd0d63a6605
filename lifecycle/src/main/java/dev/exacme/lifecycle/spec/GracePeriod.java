package dev.exacme.lifecycle.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.acme.failure.InvalidRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * How long after a deployment the certificates it superseded are kept ({@code --keep-old}),
 * so that a rollback by hand still finds them: a fixed duration when the administrator gives
 * one, otherwise a share of the new certificate's own lifetime, capped.
 *
 * <p>A fixed number of days fits one lifetime only: seven days is a tenth of a 90-day
 * certificate's life but longer than a whole six-day one, whose superseded copies would then
 * pile up in the store (one every three days) and outlive their own expiry. The default
 * {@link #DEFAULT} is a tenth of the lifetime (the same tenth the renewal keeps free for a
 * retry), at most seven days: 7 days for 90-day certificates as before, 4.5 days for 45-day
 * ones, 14.4 hours for six-day ones.
 *
 * <p>In a definition it is written as an ISO-8601 duration ({@code "PT168H"}, as definitions
 * before relative periods recorded it, which keep their fixed period) or as
 * {@code {"shareOfLifetime": 0.1, "atMost": "PT168H"}}, so that a later release's default
 * never changes an existing certificate.
 */
public sealed interface GracePeriod {

    /** A tenth of the lifetime, at most seven days: what {@code --keep-old} is when not given. */
    GracePeriod DEFAULT = new ShareOfLifetime(0.1, Duration.ofDays(7));

    /** The period for a certificate valid from {@code notBefore} to {@code notAfter}. */
    Duration of(Instant notBefore, Instant notAfter);

    /** In words for messages and help: {@code 7d}, {@code a tenth of the certificate's lifetime, at most 7d}. */
    String describe();

    /**
     * Checks the values.
     *
     * @throws InvalidRequest naming {@code --keep-old} and what it takes
     */
    void validate() throws InvalidRequest;

    /** A fixed period: what {@code --keep-old DURATION} gives. */
    static GracePeriod fixed(Duration duration) {
        return new Fixed(duration);
    }

    /** {@code duration} when given, else {@link #DEFAULT}: an option left out means the relative default. */
    static GracePeriod givenOrDefault(Duration duration) {
        return duration == null ? DEFAULT : fixed(duration);
    }

    /**
     * The same duration for every certificate.
     *
     * @param duration the period, zero or more
     */
    record Fixed(Duration duration) implements GracePeriod {
        @Override
        public Duration of(Instant notBefore, Instant notAfter) {
            return duration;
        }

        @Override
        public String describe() {
            return text(duration);
        }

        @Override
        public void validate() throws InvalidRequest {
            if (duration == null || duration.isNegative()) {
                throw new InvalidRequest("--keep-old must be a duration, e.g. 7d (left out: a tenth of the"
                        + " certificate's lifetime, at most 7d).");
            }
        }

        @JsonValue
        String json() {
            return duration == null ? null : duration.toString();
        }
    }

    /**
     * A share of the lifetime of the certificate that superseded the old ones, capped.
     *
     * @param shareOfLifetime more than 0, at most 1: 0.1 is a tenth
     * @param atMost          the longest period, whatever the lifetime
     */
    record ShareOfLifetime(double shareOfLifetime, Duration atMost) implements GracePeriod {
        @Override
        public Duration of(Instant notBefore, Instant notAfter) {
            var lifetime = Duration.between(notBefore, notAfter);
            if (lifetime.isNegative()) {
                return Duration.ZERO;
            }
            // Whole seconds: a lifetime is given in seconds, and a period shown to people should be too.
            var share = Duration.ofSeconds(Math.round(lifetime.toSeconds() * shareOfLifetime));
            return share.compareTo(atMost) > 0 ? atMost : share;
        }

        @Override
        public String describe() {
            var words = shareOfLifetime == 0.1 ? "a tenth" : shareOfLifetime == 0.5 ? "half"
                    : String.format(Locale.ROOT, "%s%%", percent(shareOfLifetime));
            return words + " of the certificate's lifetime, at most " + text(atMost);
        }

        @Override
        public void validate() throws InvalidRequest {
            if (!(shareOfLifetime > 0 && shareOfLifetime <= 1) || atMost == null || atMost.isNegative()) {
                throw new InvalidRequest("keepOld: shareOfLifetime must be more than 0 and at most 1 and atMost a"
                        + " duration; give --keep-old DURATION (e.g. 7d) or leave it out for a tenth of the lifetime.");
            }
        }

        @JsonValue
        java.util.Map<String, Object> json() {
            var node = new LinkedHashMap<String, Object>();
            node.put("shareOfLifetime", shareOfLifetime);
            node.put("atMost", atMost == null ? null : atMost.toString());
            return node;
        }

        private static String percent(double share) {
            var value = share * 100;
            return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
        }
    }

    /**
     * Reads what a definition holds: a duration text, or the object of {@link ShareOfLifetime}.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    @JsonCreator
    static GracePeriod fromJson(JsonNode node) {
        try {
            if (node.isTextual()) {
                return new Fixed(Duration.parse(node.asText()));
            }
            if (node.isObject() && node.path("shareOfLifetime").isNumber() && node.path("atMost").isTextual()) {
                return new ShareOfLifetime(node.get("shareOfLifetime").asDouble(),
                        Duration.parse(node.get("atMost").asText()));
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("keepOld: '" + e.getParsedString() + "' is not an ISO-8601 duration"
                    + " such as PT168H", e);
        }
        throw new IllegalArgumentException("keepOld must be an ISO-8601 duration such as \"PT168H\" or"
                + " {\"shareOfLifetime\": 0.1, \"atMost\": \"PT168H\"}");
    }

    /** A duration as the options take it: {@code 7d}, {@code 14h}, {@code 90m}, {@code 30s}. */
    static String text(Duration duration) {
        var seconds = duration.toSeconds();
        if (seconds == 0) {
            return "0s";
        }
        if (seconds % 86400 == 0) {
            return seconds / 86400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
