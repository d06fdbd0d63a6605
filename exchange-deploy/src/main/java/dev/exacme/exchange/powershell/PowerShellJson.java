package dev.exacme.exchange.powershell;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads JSON the way Windows PowerShell 5.1's {@code ConvertTo-Json} writes it: a single
 * result is not wrapped in an array; {@code DateTime} values come as {@code "/Date(ms)/"}
 * (with an optional offset) or, when the object carries PowerShell's extra properties, as
 * {@code {"value": "/Date(ms)/", "DisplayHint": 2, "DateTime": "..."}}; values that passed
 * through a remote session may be ISO 8601 strings instead.
 */
public final class PowerShellJson {

    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");

    private PowerShellJson() {
    }

    /** The elements of a result that may be one object, an array, or nothing. */
    public static List<JsonNode> list(JsonNode node) {
        var items = new ArrayList<JsonNode>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return items;
        }
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        return items;
    }

    /** A date in any form 5.1 writes; empty when absent. */
    public static Optional<Instant> date(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        if (node.isObject()) {
            return date(node.get("value"));
        }
        var text = node.asText();
        var match = MS_DATE.matcher(text);
        if (match.matches()) {
            // The milliseconds are UTC; the offset only says how the value was displayed.
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(match.group(1))));
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            try {
                // A remote session's DateTime without offset: Exchange reports UTC for certificates.
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notIso) {
                throw new IllegalArgumentException("not a date PowerShell writes: " + text);
            }
        }
    }

    /** A string property, empty text when absent or null. */
    public static String text(JsonNode node, String property) {
        var value = node.get(property);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** A list of strings that 5.1 may have written as one string, an array, or null. */
    public static List<String> strings(JsonNode node) {
        return list(node).stream().map(JsonNode::asText).toList();
    }
}
