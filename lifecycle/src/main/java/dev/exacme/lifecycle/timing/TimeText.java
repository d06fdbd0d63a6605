package dev.exacme.lifecycle.timing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A point in time as exacme writes it for people, in every message, table and notification:
 * {@code 2026-12-01 18:52 UTC}.
 */
public final class TimeText {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TimeText() {
    }

    /** {@code at} for people; {@code -} when there is none. */
    public static String of(Instant at) {
        return at == null ? "-" : FORMAT.format(at);
    }
}
