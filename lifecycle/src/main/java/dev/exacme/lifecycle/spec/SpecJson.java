package dev.exacme.lifecycle.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** How specifications and state are written: indented JSON, ISO-8601 times and durations, no nulls. */
public final class SpecJson {

    /** The mapper of every specification and state file. */
    public static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();

    private SpecJson() {
    }

    /** What is wrong with a file, in one line a person can act on, without the parser's internals. */
    public static String describe(Exception e) {
        if (e instanceof JsonProcessingException json) {
            var location = json.getLocation();
            var where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            return json.getOriginalMessage().lines().findFirst().orElse("not JSON") + where;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
}
