package dev.exacme.lifecycle.managed;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.spec.CertificateSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A managed certificate as exacme 0.1 kept it (schema 1): the long options of
 * {@code exacme issue} without their dashes, a string, a list for a repeated option,
 * {@code true} for a switch. Read only to be migrated to a {@link CertificateSpec}; the file is
 * kept beside the new one as {@code NAME.v1.json}.
 *
 * @param schemaVersion 1
 * @param name          the certificate's name
 * @param domains       the names it covers
 * @param options       the {@code exacme issue} options
 * @param created       when it was added
 */
public record V1Definition(int schemaVersion, String name, List<String> domains, Map<String, Object> options,
                           Instant created) {

    /**
     * Copies the collections. exacme 0.1's {@code add} wrote every name twice when given two or
     * more {@code -d} options; the repeats are dropped here, so that such a file migrates.
     */
    public V1Definition {
        domains = domains == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(domains));
        options = options == null ? Map.of() : new LinkedHashMap<>(options);
    }

    /** The {@code exacme issue} arguments this definition stands for. */
    public List<String> issueArguments() {
        var arguments = new ArrayList<String>();
        domains.forEach(domain -> arguments.addAll(List.of("--domain", domain)));
        options.forEach((option, value) -> {
            if (value instanceof Boolean flag) {
                if (flag) {
                    arguments.add("--" + option);
                }
            } else if (value instanceof List<?> values) {
                values.forEach(single -> arguments.addAll(List.of("--" + option, String.valueOf(single))));
            } else {
                arguments.addAll(List.of("--" + option, String.valueOf(value)));
            }
        });
        return arguments;
    }

    /**
     * Turns a version 1 definition into a specification. Version 1 meant "these arguments of
     * {@code exacme issue}", so the command line's parser is the one that knows what they mean:
     * the front end supplies it.
     */
    @FunctionalInterface
    public interface Migration {
        /**
         * The specification {@code definition} stands for, every default resolved.
         *
         * @throws InvalidRequest when its options no longer parse
         */
        CertificateSpec migrate(V1Definition definition) throws InvalidRequest;
    }
}
