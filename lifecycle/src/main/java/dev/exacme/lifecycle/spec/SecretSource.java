package dev.exacme.lifecycle.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.secrets.SecretFile;
import dev.exacme.lifecycle.secrets.SecretName;
import dev.exacme.lifecycle.secrets.SecretReference;
import dev.exacme.lifecycle.secrets.SecretStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a secret comes from, never the secret itself: {@code secret:NAME} (the secret store),
 * {@code env:VARIABLE} (the environment of the run) or the path of an owner-only file. The value
 * is read into memory when a run needs it and handed to its user as a string; it is never
 * written anywhere.
 *
 * @param reference the text as stored
 */
public record SecretSource(String reference) {

    /** The prefix of an environment variable source. */
    public static final String ENVIRONMENT = "env:";

    /** Refuses empty references and bad secret names. */
    @JsonCreator
    public SecretSource {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("an empty secret source");
        }
    }

    @JsonValue
    @Override
    public String reference() {
        return reference;
    }

    /** A source from the command line: {@code secret:NAME}, {@code env:VARIABLE}, else a file path. */
    public static SecretSource of(String text) throws InvalidRequest {
        if (SecretReference.isReference(text)) {
            SecretName.of(text.substring(SecretReference.PREFIX.length()));
        }
        if (text.startsWith(ENVIRONMENT) && !text.substring(ENVIRONMENT.length()).matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidRequest("'" + text + "' does not name an environment variable (env:NAME).");
        }
        return new SecretSource(text);
    }

    /** An environment variable. */
    public static SecretSource environment(String variable) {
        return new SecretSource(ENVIRONMENT + variable);
    }

    /** Whether this is read from the environment of each run (which a scheduled run may not have). */
    public boolean fromEnvironment() {
        return reference.startsWith(ENVIRONMENT);
    }

    /** Whether this names an entry of the secret store. */
    public boolean stored() {
        return SecretReference.isReference(reference);
    }

    /**
     * The secret's value.
     *
     * @param option      the option that named it, for messages
     * @param store       the secret store of the run
     * @param environment the run's environment variables
     * @throws InvalidRequest when it cannot be had, saying how to provide it (never quoting it)
     */
    public String read(String option, SecretStore store, Map<String, String> environment)
            throws InvalidRequest, IOException {
        if (stored()) {
            return SecretReference.resolve(reference, store);
        }
        if (reference.startsWith(ENVIRONMENT)) {
            var variable = reference.substring(ENVIRONMENT.length());
            var value = environment.get(variable);
            if (value == null || value.isBlank()) {
                throw new InvalidRequest(option + ": the environment variable " + variable + " is not set in this run;"
                        + " store the secret with 'exacme secret set NAME' and refer to it as secret:NAME.");
            }
            return value.trim();
        }
        return SecretFile.read(Path.of(reference), option);
    }

    @Override
    public String toString() {
        return reference;
    }
}
