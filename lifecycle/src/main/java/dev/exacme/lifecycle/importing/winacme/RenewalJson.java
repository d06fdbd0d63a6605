package dev.exacme.lifecycle.importing.winacme;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reading win-acme's JSON the way win-acme does: property names case-insensitive
 * ({@code PropertyNameCaseInsensitive}), {@code null} the same as absent, and a value of the
 * wrong type a damaged file rather than a default. Parser messages are never passed on, since
 * they can quote the file's text (and with it a secret): a damaged file is reported by line and
 * column only.
 */
final class RenewalJson {

    /** The largest file read; renewal files are a few kilobytes. */
    static final long LARGEST = 4L * 1024 * 1024;

    /** Renewal files: plain JSON, as System.Text.Json reads them by default. */
    private static final ObjectMapper RENEWALS = JsonMapper.builder().build();

    /** settings.json: comments and trailing commas allowed ({@code SettingsJson.Insensitive}). */
    private static final ObjectMapper SETTINGS = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA).build();

    private RenewalJson() {
    }

    /** A renewal file's JSON tree. */
    static JsonNode readRenewal(Path file) throws Refusal, IOException {
        return read(RENEWALS, file);
    }

    /** A settings file's JSON tree. */
    static JsonNode readSettings(Path file) throws Refusal, IOException {
        return read(SETTINGS, file);
    }

    private static JsonNode read(ObjectMapper mapper, Path file) throws Refusal, IOException {
        if (Files.size(file) > LARGEST) {
            throw new Refusal("the file is larger than " + LARGEST / 1024 / 1024 + " MiB; a win-acme file is a few"
                    + " kilobytes.");
        }
        var bytes = Files.readAllBytes(file);
        try (JsonParser parser = mapper.createParser(bytes)) {
            JsonNode tree = mapper.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw new Refusal("the file is empty.");
            }
            if (parser.nextToken() != null) {
                throw new Refusal("the file holds more than one JSON value (line "
                        + parser.currentLocation().getLineNr() + ").");
            }
            return tree;
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new Refusal("the file is not valid JSON" + (location == null || location.getLineNr() < 0 ? ""
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")") + ".");
        }
    }

    /** The property of that name in any case, empty when absent, null or not an object's member. */
    static Optional<JsonNode> field(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return Optional.empty();
        }
        var exact = object.get(name);
        if (exact != null) {
            return exact.isNull() ? Optional.empty() : Optional.of(exact);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            var entry = fields.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue().isNull() ? Optional.empty() : Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** A nested property ({@code Csr}, {@code Rsa}, {@code KeyBits}). */
    static Optional<JsonNode> path(JsonNode object, String... names) {
        Optional<JsonNode> node = Optional.ofNullable(object);
        for (var name : names) {
            node = node.flatMap(current -> field(current, name));
        }
        return node;
    }

    /** A text property, empty when absent or blank. */
    static Optional<String> text(JsonNode object, String name) throws Refusal {
        var node = field(object, name);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!node.get().isTextual()) {
            throw new Refusal(name + " is " + kind(node.get()) + ", not text.");
        }
        var value = node.get().asText();
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** A whole-number property, empty when absent; win-acme also writes numbers as they are typed. */
    static Optional<Long> number(JsonNode object, String name) throws Refusal {
        var node = field(object, name);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(wholeNumber(node.get(), name));
    }

    private static long wholeNumber(JsonNode node, String name) throws Refusal {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isTextual() && node.asText().trim().matches("-?\\d{1,18}")) {
            return Long.parseLong(node.asText().trim());
        }
        throw new Refusal(name + " is " + kind(node) + ", not a whole number.");
    }

    /** A true/false property, empty when absent. */
    static Optional<Boolean> bool(JsonNode object, String name) throws Refusal {
        var node = field(object, name);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get().isBoolean()) {
            return Optional.of(node.get().asBoolean());
        }
        if (node.get().isTextual() && node.get().asText().trim().matches("(?i)true|false")) {
            return Optional.of(Boolean.parseBoolean(node.get().asText().trim()));
        }
        throw new Refusal(name + " is " + kind(node.get()) + ", not true or false.");
    }

    /** A list of texts; a single text is taken as a list of one (win-acme before 2.0.7 wrote some so). */
    static List<String> texts(JsonNode object, String name) throws Refusal {
        var node = field(object, name);
        var values = new ArrayList<String>();
        if (node.isEmpty()) {
            return values;
        }
        if (node.get().isTextual()) {
            values.add(node.get().asText());
            return values;
        }
        if (!node.get().isArray()) {
            throw new Refusal(name + " is " + kind(node.get()) + ", not a list of text.");
        }
        for (var item : node.get()) {
            if (!item.isTextual()) {
                throw new Refusal(name + " holds " + kind(item) + ", not text.");
            }
            values.add(item.asText());
        }
        return values;
    }

    /** A list of whole numbers (site ids). */
    static List<Long> numbers(JsonNode object, String name) throws Refusal {
        var node = field(object, name);
        var values = new ArrayList<Long>();
        if (node.isEmpty()) {
            return values;
        }
        if (!node.get().isArray()) {
            values.add(wholeNumber(node.get(), name));
            return values;
        }
        for (var item : node.get()) {
            values.add(wholeNumber(item, name));
        }
        return values;
    }

    /** An object property, or a list of them where a single object is also accepted. */
    static List<JsonNode> objects(JsonNode object, String name) throws Refusal {
        var node = field(object, name);
        var values = new ArrayList<JsonNode>();
        if (node.isEmpty()) {
            return values;
        }
        if (node.get().isObject()) {
            values.add(node.get());
            return values;
        }
        if (!node.get().isArray()) {
            throw new Refusal(name + " is " + kind(node.get()) + ", not a list of plugin options.");
        }
        for (var item : node.get()) {
            if (!item.isObject()) {
                throw new Refusal(name + " holds " + kind(item) + ", not plugin options.");
            }
            values.add(item);
        }
        return values;
    }

    /** The kind of a JSON value, for messages (never the value: it could be a secret). */
    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "true/false";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
