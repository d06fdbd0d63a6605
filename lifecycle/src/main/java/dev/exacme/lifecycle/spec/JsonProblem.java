package dev.exacme.lifecycle.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What is wrong with a JSON file, in words an administrator with a text editor can act on, and
 * where: {@code PATH:LINE:COLUMN: words}, the form editors and terminals jump to. The parser's
 * own messages name Java types and parser features; none of that reaches the person.
 *
 * @param line   the line, from 1; 0 when the place is not known
 * @param column the column, from 1; 0 when the place is not known
 * @param words  what is wrong, naming the field ({@code challenge.port}) when there is one
 */
public record JsonProblem(int line, int column, String words) {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Pattern FOUND = Pattern.compile("Unexpected character \\('(.+?)' \\(code \\d+\\)\\)");
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '(.*?)'");
    private static final Pattern KNOWN_IDS = Pattern.compile("known type ids = \\[(.*?)]");
    private static final Pattern ENUM_VALUES = Pattern.compile("accepted for Enum class: \\[(.*?)]");

    /** {@code file} as the place of this problem, then the words: {@code PATH:LINE:COLUMN: words}. */
    public String at(Path file) {
        return file + (line > 0 ? ":" + line + ":" + column : "") + ": " + words;
    }

    /** A problem found by reading the text rather than by the parser, at {@code location}. */
    public static JsonProblem at(JsonLocation location, String words) {
        return location == null || location.getLineNr() < 1 ? new JsonProblem(0, 0, words)
                : new JsonProblem(location.getLineNr(), Math.max(1, location.getColumnNr()), words);
    }

    /** What the parser's failure {@code e} means. */
    public static JsonProblem of(JsonProcessingException e) {
        return at(e.getLocation(), words(e));
    }

    /**
     * What the parser's failure {@code e} in {@code text} means; a missing {@code type} of a
     * top-level part is placed where that part begins rather than where the parser gave up.
     */
    public static JsonProblem of(JsonProcessingException e, String text) {
        if (e instanceof InvalidTypeIdException type && type.getTypeId() == null && type.getPath().size() == 1
                && type.getPath().get(0).getFieldName() != null) {
            return at(objectStart(text, type.getPath().get(0).getFieldName()), words(e));
        }
        return of(e);
    }

    /**
     * Where the object {@code field} (a top-level field name, or empty text for the whole
     * document) begins in {@code text}: a field that is missing is reported where it belongs.
     */
    public static JsonLocation objectStart(String text, String field) {
        try (var parser = FACTORY.createParser(text)) {
            var root = parser.nextToken();
            if (field.isEmpty() || root != JsonToken.START_OBJECT) {
                return parser.currentTokenLocation();
            }
            var rootLocation = parser.currentTokenLocation();
            for (var token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                var name = parser.currentName();
                parser.nextToken();
                if (name.equals(field)) {
                    return parser.currentTokenLocation();
                }
                parser.skipChildren();
            }
            return rootLocation;
        } catch (IOException e) {
            return null;
        }
    }

    private static String words(JsonProcessingException e) {
        var field = field(e);
        var in = field.isEmpty() ? "" : field + ": ";
        if (e instanceof JsonEOFException || String.valueOf(e.getOriginalMessage()).contains("end-of-input")) {
            return "the file ends too early (cut short?): a value or a closing } or ] is missing";
        }
        if (e instanceof JsonParseException parse) {
            return syntax(parse.getOriginalMessage());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            var known = new TreeSet<String>();
            unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            var parent = field.contains(".") ? field.substring(0, field.lastIndexOf('.')) : "";
            return "unknown field \"" + unknown.getPropertyName() + "\"" + (parent.isEmpty() ? "" : " in " + parent)
                    + " (a misspelling? the fields there are: " + String.join(", ", known) + ")";
        }
        if (e instanceof InvalidTypeIdException type) {
            var choices = typeNames(type);
            return type.getTypeId() == null
                    ? in + "the field \"type\" is missing" + choices
                    : in + "\"" + type.getTypeId() + "\" is not a known type" + choices;
        }
        if (e instanceof InvalidFormatException format) {
            var value = format.getValue() instanceof String text ? "\"" + text + "\"" : String.valueOf(format.getValue());
            return in + "must be " + kind(format.getTargetType(), format.getOriginalMessage()) + ", not " + value;
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (String.valueOf(mismatch.getOriginalMessage()).startsWith("No content to map")) {
                return "the file is empty";
            }
            return mismatch.getTargetType() == null ? in + "a value of the wrong kind"
                    : in + "must be " + kind(mismatch.getTargetType(), mismatch.getOriginalMessage());
        }
        if (e instanceof ValueInstantiationException checked && checked.getCause() != null
                && checked.getCause().getMessage() != null) {
            return in + firstLine(checked.getCause().getMessage());
        }
        return in + "not readable as exacme writes it (" + plain(e.getOriginalMessage()) + ")";
    }

    /** The type names a polymorphic part takes, as {@code  (one of: a, b)}; from its declaration, not the message. */
    private static String typeNames(InvalidTypeIdException e) {
        var base = e.getBaseType() == null ? null : e.getBaseType().getRawClass().getAnnotation(JsonSubTypes.class);
        if (base == null) {
            var ids = KNOWN_IDS.matcher(String.valueOf(e.getOriginalMessage()));
            return ids.find() ? " (one of: " + ids.group(1) + ")" : "";
        }
        var names = new ArrayList<String>();
        for (var type : base.value()) {
            names.add(type.name());
        }
        return " (one of: " + String.join(", ", names) + ")";
    }

    /** The field the parser was in when it failed, as {@code challenge.port} or {@code identifiers[2]}; empty at the top. */
    public static String field(JsonProcessingException e) {
        var field = new StringBuilder();
        if (e instanceof JsonMappingException mapping) {
            for (var reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    field.append(field.length() == 0 ? "" : ".").append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    field.append('[').append(reference.getIndex()).append(']');
                }
            }
        }
        return field.toString();
    }

    /** A syntax error in the words of someone who edits JSON by hand. */
    private static String syntax(String message) {
        var text = String.valueOf(message);
        var found = FOUND.matcher(text);
        var what = found.find() ? "'" + found.group(1) + "'" : null;
        if (text.contains("was expecting double-quote to start field name")) {
            return "a field name in double quotes was expected here, not " + what
                    + " (a comma too many before it, or a name without quotes?)";
        }
        if (text.contains("was expecting comma to separate Object entries")) {
            return "a comma or } was expected here, not " + what + " (a comma missing between two fields?)";
        }
        if (text.contains("was expecting comma to separate Array entries")) {
            return "a comma or ] was expected here, not " + what + " (a comma missing between two values?)";
        }
        if (text.contains("was expecting a colon")) {
            return "a colon after the field name was expected here, not " + what;
        }
        if (text.contains("Unexpected close marker")) {
            return what + " closes nothing that was opened (one } or ] too many?)";
        }
        var token = TOKEN.matcher(text);
        if (token.find()) {
            return "'" + token.group(1) + "' is not a JSON value (text goes in double quotes; true, false and null"
                    + " in lower case)";
        }
        if (what != null) {
            return what + " is not allowed here in JSON";
        }
        return "not valid JSON here (" + plain(text) + ")";
    }

    /** The kind of value a field takes, as a person would name it. */
    private static String kind(Class<?> type, String message) {
        if (type == null) {
            return "a value of another kind";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text in double quotes";
        }
        if (type == Instant.class) {
            return "a time such as \"2026-12-01T18:52:00Z\"";
        }
        if (type == Duration.class) {
            return "a duration such as \"PT5M\"";
        }
        if (type.isEnum()) {
            var values = ENUM_VALUES.matcher(String.valueOf(message));
            return values.find() ? "one of " + values.group(1) : "one of the names exacme writes";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list in [ ]";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || type.isInterface()) {
            return "an object in { }";
        }
        return "a value of another kind";
    }

    /** A parser message that has no plainer words here: its first line without Java names and quoting. */
    private static String plain(String message) {
        return firstLine(String.valueOf(message)).replace("`", "").replaceAll("\\(code \\d+\\)", "")
                .replaceAll("(java\\.(lang|util|time)\\.|dev\\.exacme\\.[a-z.]+\\.|com\\.fasterxml\\.[a-zA-Z.]+)", "")
                .replaceAll("\\s*\\(for Object starting at \\[Source[^)]*\\)\\)?", "").strip();
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse("");
    }
}
