package dev.exacme.cli.dns;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.spec.SecretSource;
import java.nio.file.Path;

/**
 * Secret sources from options: the file option's value ({@code secret:NAME}, {@code env:VARIABLE}
 * or a path, made absolute so that a later run from another directory finds it), else the
 * option's environment variable when it is set now, else none.
 */
public final class SecretSources {

    private SecretSources() {
    }

    /** The source a {@code --...-file} option and its environment variable give, null when neither does. */
    public static SecretSource fileOrEnvironment(String file, String variable) throws InvalidRequest {
        if (file != null) {
            return file(file);
        }
        return environment(variable);
    }

    /** A {@code secret:NAME} or {@code env:VARIABLE} as it is, a path made absolute. */
    public static SecretSource file(String text) throws InvalidRequest {
        if (text.startsWith("secret:") || text.startsWith(SecretSource.ENVIRONMENT)) {
            return SecretSource.of(text);
        }
        try {
            return SecretSource.of(Path.of(text).toAbsolutePath().toString());
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidRequest("'" + text + "' is neither a file path nor secret:NAME.");
        }
    }

    /** The variable as a source when it is set in this run, else null. */
    public static SecretSource environment(String variable) {
        var value = System.getenv(variable);
        return value == null || value.isBlank() ? null : SecretSource.environment(variable);
    }
}
