package dev.exacme.cli.schedule;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Durations written the way systemd writes time spans: {@code 4h}, {@code 1h 30min},
 * {@code 90s}, {@code 0}. Used in the units themselves and for every duration a person reads
 * in {@code exacme schedule show}, whichever scheduler holds it.
 */
public final class DurationWords {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})\\s*(hours?|hr|h|minutes?|min|m|seconds?|sec|s)?");

    private DurationWords() {
    }

    /** {@code 4h}, {@code 1h 30min}, {@code 45s}; {@code 0} for zero. Whole seconds only. */
    public static String of(Duration duration) {
        if (duration.isZero()) {
            return "0";
        }
        var text = new StringBuilder();
        append(text, duration.toHours(), "h");
        append(text, duration.toMinutesPart(), "min");
        append(text, duration.toSecondsPart(), "s");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(text.length() == 0 ? "" : " ").append(amount).append(unit);
        }
    }

    /**
     * Reads what {@link #of} writes, and the common systemd spellings ({@code 14400},
     * {@code 4 hours}, {@code 2h30min}); empty for anything else.
     */
    public static Optional<Duration> parse(String text) {
        var rest = text.trim().toLowerCase(Locale.ROOT);
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        var total = Duration.ZERO;
        var matcher = PART.matcher(rest);
        int position = 0;
        while (position < rest.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                return Optional.empty();
            }
            var amount = Long.parseLong(matcher.group(1));
            var unit = matcher.group(2) == null ? "s" : matcher.group(2);
            total = total.plus(unit.startsWith("h") ? Duration.ofHours(amount)
                    : unit.startsWith("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount));
            position = matcher.end();
            while (position < rest.length() && rest.charAt(position) == ' ') {
                position++;
            }
        }
        return Optional.of(total);
    }
}
