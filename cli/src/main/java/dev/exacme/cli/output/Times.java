package dev.exacme.cli.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.lifecycle.timing.TimeText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The two ways exacme writes a point in time: for people {@code 2026-12-01 18:52 UTC}, for
 * scripts ISO-8601 in UTC to the second ({@code 2026-12-01T18:52:07Z}); never the nine
 * fraction digits an {@link Instant} prints by itself.
 */
public final class Times {

    private Times() {
    }

    /** For people; {@code -} when there is none. */
    public static String text(Instant at) {
        return TimeText.of(at);
    }

    /** For {@code --json}: ISO-8601 UTC to the second; null when there is none. */
    public static String json(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Puts {@code at} under {@code key} as {@link #json(Instant)} (a JSON null when there is none). */
    public static ObjectNode put(ObjectNode node, String key, Instant at) {
        return node.put(key, json(at));
    }
}
