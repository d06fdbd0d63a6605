package dev.exacme.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as people write them: {@code 90}, {@code 90s}, {@code 5m}, {@code 2h}. */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        var text = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            var unit = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
            var number = Character.isDigit(unit) ? text : text.substring(0, text.length() - 1);
            var amount = Long.parseLong(number);
            if (amount <= 0) {
                throw new TypeConversionException("'" + value + "' must be positive");
            }
            return switch (unit) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> {
                    if (Character.isDigit(unit)) {
                        yield Duration.ofSeconds(amount);
                    }
                    throw new TypeConversionException("'" + value + "' is not a duration: use e.g. 90s, 5m or 1h");
                }
            };
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a duration: use e.g. 90s, 5m or 1h");
        }
    }
}
