package dev.exacme.exchange.powershell;

import dev.exacme.store.Thumbprint;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A PowerShell script built from code-owned templates and typed values only. A template's
 * {@code {}} placeholders take values that become literals: strings quoted
 * ({@link PowerShellLiteral}), thumbprints validated and quoted, numbers and booleans as
 * PowerShell writes them, lists of strings as {@code @('a','b')}. Nothing a person or a
 * server supplied is ever spliced in as code.
 *
 * @param text the script
 */
public record PowerShellScript(String text) {

    /** Builds a script line by line. */
    public static final class Builder {

        private final List<String> lines = new ArrayList<>();

        /** Appends {@code template} with each {@code {}} replaced by the next value as a literal. */
        public Builder line(String template, Object... values) {
            var line = new StringBuilder();
            var next = 0;
            var at = 0;
            while (true) {
                var placeholder = template.indexOf("{}", at);
                if (placeholder < 0) {
                    break;
                }
                if (next >= values.length) {
                    throw new IllegalArgumentException("more placeholders than values in: " + template);
                }
                line.append(template, at, placeholder).append(literal(values[next++]));
                at = placeholder + 2;
            }
            if (next != values.length) {
                throw new IllegalArgumentException("more values than placeholders in: " + template);
            }
            lines.add(line.append(template.substring(at)).toString());
            return this;
        }

        /** Appends another script. */
        public Builder append(PowerShellScript script) {
            lines.add(script.text());
            return this;
        }

        /** The script. */
        public PowerShellScript build() {
            return new PowerShellScript(String.join("\n", lines));
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    static String literal(Object value) {
        if (value instanceof Thumbprint thumbprint) {
            return PowerShellLiteral.quote(thumbprint);
        }
        if (value instanceof String text) {
            return PowerShellLiteral.quote(text);
        }
        if (value instanceof Boolean bool) {
            return bool ? "$true" : "$false";
        }
        if (value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PowerShellScript::literal).collect(Collectors.joining(",", "@(", ")"));
        }
        throw new IllegalArgumentException("not a value PowerShell scripts take: " + value.getClass().getName());
    }
}
