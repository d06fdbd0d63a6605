package dev.exacme.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.exacme.lifecycle.spec.SpecJson;
import java.io.IOException;
import java.time.Instant;

/**
 * Definitions and states as they appear in a result document: the files' JSON, with times to
 * the second as everywhere in {@code --json} ({@link Times#json(Instant)}); the files themselves
 * keep what they recorded.
 */
public final class ResultJson {

    private static final ObjectMapper MAPPER = SpecJson.MAPPER.copy()
            .registerModule(new SimpleModule().addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
                @Override
                public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
                        throws IOException {
                    generator.writeString(Times.json(value));
                }
            }));

    private ResultJson() {
    }

    /** {@code value} (a definition, a state, a list of names) as a JSON tree. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
