package dev.exacme.lifecycle.importing.winacme;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paths as win-acme stores them, made into paths exacme can use as they are: a pair of double
 * quotes around the whole path (which its documentation has people type, and which then ends
 * up in the file) is taken off, and {@code %VARIABLE%}, which win-acme expands at each run of a
 * script ({@code Environment.ExpandEnvironmentVariables}), is expanded now from the import's
 * environment, since exacme runs the path as written.
 */
final class WinAcmePaths {

    private static final Pattern VARIABLE = Pattern.compile("%([A-Za-z_][A-Za-z0-9_()]*)%");

    private WinAcmePaths() {
    }

    /** The path without surrounding quotes; the removal is noted. */
    static String unquoted(String path, String field, RenewalContext context) {
        var trimmed = path.strip();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            var inner = trimmed.substring(1, trimmed.length() - 1);
            context.unmapped(field + " is written in double quotes (" + trimmed + "); exacme takes the path inside"
                    + " them, " + inner + ".");
            return inner;
        }
        return trimmed;
    }

    /** The path with {@code %VARIABLE%} expanded from the import's environment; unknown ones are noted. */
    static String expanded(String path, String field, RenewalContext context) {
        Matcher matcher = VARIABLE.matcher(path);
        var result = new StringBuilder();
        var expanded = false;
        while (matcher.find()) {
            var value = lookup(context.environment(), matcher.group(1));
            if (value == null) {
                context.unmapped(field + " " + path + " uses %" + matcher.group(1) + "%, which win-acme expanded at"
                        + " each run and this import's environment lacks; exacme runs the path as written: give it"
                        + " in full with 'exacme edit'.");
                matcher.appendReplacement(result, Matcher.quoteReplacement(matcher.group()));
            } else {
                expanded = true;
                matcher.appendReplacement(result, Matcher.quoteReplacement(value));
            }
        }
        matcher.appendTail(result);
        if (expanded) {
            context.unmapped(field + " " + path + ": the environment variables are expanded now (" + result
                    + "), since exacme does not expand them at each run as win-acme did.");
        }
        return result.toString();
    }

    private static String lookup(Map<String, String> environment, String name) {
        // Windows environment variable names ignore case.
        return environment.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** Whether a path is relative (to win-acme's program folder, where its task starts). */
    static boolean relative(String path) {
        return !(path.startsWith("\\\\") || path.startsWith("/") || path.matches("(?i)[a-z]:[\\\\/].*"));
    }
}
