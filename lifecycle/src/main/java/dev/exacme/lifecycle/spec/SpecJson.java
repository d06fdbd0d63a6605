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

    /**
     * What is wrong with a file, in one line a person can act on, without the parser's internals;
     * {@link JsonProblem} gives the place in the form editors jump to.
     */
    public static String describe(Exception e) {
        if (e instanceof JsonProcessingException json) {
            var problem = JsonProblem.of(json);
            return problem.words() + (problem.line() > 0 ? " (line " + problem.line() + ", column "
                    + problem.column() + ")" : "");
        }
        var cause = e.getCause() instanceof Exception inner && e.getMessage() == null ? inner : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : plain(cause.getMessage());
    }

    /** The first line of a parser's message without its Java type names and quoting. */
    private static String plain(String message) {
        return message.lines().findFirst().orElse("").replace("`", "").replaceAll("java\\.(lang|util)\\.", "")
                .replaceAll("dev\\.exacme\\.[a-z.]+\\.", "").replace(" (although at least one Creator exists)", "")
                .replaceAll(": no String-argument constructor/factory method to deserialize from String value",
                        ", not the text");
    }
}
