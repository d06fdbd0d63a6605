package dev.exacme.lifecycle.importing.winacme;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * win-acme's settings as they apply to one renewal: simple-acme's per-renewal {@code Settings}
 * over the server directory's {@code settings.json} over the global {@code settings.json},
 * where a missing or {@code null} value falls through to the next (simple-acme's
 * {@code InheritSettings}; win-acme has the global file only). When no layer has a value,
 * the caller uses win-acme's built-in default and says so.
 *
 * @param layers   the settings objects, most specific first
 * @param problems settings files that could not be read, each with why (for the unmapped lines)
 */
record WinAcmeSettings(List<JsonNode> layers, List<String> problems) {

    /** Copies the lists. */
    WinAcmeSettings {
        layers = List.copyOf(layers);
        problems = List.copyOf(problems);
    }

    /** No settings at all: every value is win-acme's default. */
    static WinAcmeSettings none() {
        return new WinAcmeSettings(List.of(), List.of());
    }

    /** These settings under a more specific layer. */
    WinAcmeSettings under(JsonNode moreSpecific) {
        if (moreSpecific == null || !moreSpecific.isObject()) {
            return this;
        }
        var more = new ArrayList<JsonNode>();
        more.add(moreSpecific);
        more.addAll(layers);
        return new WinAcmeSettings(more, problems);
    }

    /** These settings with one more problem to report. */
    WinAcmeSettings withProblem(String problem) {
        var more = new ArrayList<>(problems);
        more.add(problem);
        return new WinAcmeSettings(layers, more);
    }

    /** The first layer's value at that path ({@code "Csr", "Rsa", "KeyBits"}). */
    Optional<JsonNode> value(String... path) {
        for (var layer : layers) {
            var found = RenewalJson.path(layer, path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** A text setting; blank is absent. */
    Optional<String> text(String... path) throws Refusal {
        var node = value(path);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!node.get().isTextual()) {
            throw new Refusal("settings.json " + String.join(".", path) + " is " + RenewalJson.kind(node.get())
                    + ", not text.");
        }
        return node.get().asText().isBlank() ? Optional.empty() : Optional.of(node.get().asText());
    }

    /** A whole-number setting. */
    Optional<Long> number(String... path) throws Refusal {
        var node = value(path);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get().isIntegralNumber() && node.get().canConvertToLong()) {
            return Optional.of(node.get().asLong());
        }
        throw new Refusal("settings.json " + String.join(".", path) + " is " + RenewalJson.kind(node.get())
                + ", not a whole number.");
    }

    /** A true/false setting. */
    Optional<Boolean> bool(String... path) throws Refusal {
        var node = value(path);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get().isBoolean()) {
            return Optional.of(node.get().asBoolean());
        }
        throw new Refusal("settings.json " + String.join(".", path) + " is " + RenewalJson.kind(node.get())
                + ", not true or false.");
    }

    /** A list-of-text setting ({@code Validation.DnsServers}). */
    List<String> texts(String... path) throws Refusal {
        var node = value(path);
        var values = new ArrayList<String>();
        if (node.isEmpty()) {
            return values;
        }
        if (!node.get().isArray()) {
            throw new Refusal("settings.json " + String.join(".", path) + " is " + RenewalJson.kind(node.get())
                    + ", not a list.");
        }
        for (var item : node.get()) {
            if (item.isTextual() && !item.asText().isBlank()) {
                values.add(item.asText().trim());
            }
        }
        return values;
    }
}
