package dev.exacme.lifecycle.importing.certify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** How Certify's JSON (Newtonsoft.Json's) is read: property names without regard to case, as Newtonsoft reads them. */
final class CertifyJson {

    /** The mapper of Certify's documents and settings files. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .build();

    private CertifyJson() {
    }

    /**
     * What is wrong with a document, in one line: where, and the parser's words with every quoted
     * value left out, since a document may hold a private key or an acme-dns password.
     */
    static String describe(JsonProcessingException e) {
        var field = dev.exacme.lifecycle.spec.JsonProblem.field(e);
        var message = e.getOriginalMessage() == null ? e.getClass().getSimpleName()
                : e.getOriginalMessage().lines().findFirst().orElse("");
        message = message.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"…\"").replace("`", "")
                .replaceAll("(java\\.(lang|util)\\.|dev\\.exacme\\.[a-z.]+\\.)", "")
                .replaceAll("\\(for Object starting at \\[Source[^)]*\\)\\)?", "").strip();
        var location = e.getLocation();
        var where = location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        return (field.isEmpty() ? "" : field + ": ") + message + where;
    }

    /**
     * A time as Certify writes it: a DateTimeOffset ({@code 2024-05-01T10:00:00.1234567+08:00}),
     * or from older versions a DateTime without offset, taken as UTC.
     */
    static Optional<Instant> time(String text) {
        var trimmed = ManagedItem.present(text);
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(trimmed.get()).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(trimmed.get()).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                return Optional.empty();
            }
        }
    }
}
