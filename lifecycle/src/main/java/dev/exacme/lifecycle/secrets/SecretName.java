package dev.exacme.lifecycle.secrets;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.config.WindowsDeviceNames;
import java.util.regex.Pattern;

/**
 * The name of a secret in the {@link SecretStore}: 1 to 64 characters of lower-case
 * letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit, so
 * that it is also a safe file name on every platform.
 *
 * @param value the validated name
 */
public record SecretName(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** Validates {@code value}; use {@link #of(String)} for input from people. */
    public SecretName {
        if (!isValid(value)) {
            throw new IllegalArgumentException(message(value));
        }
    }

    /**
     * The name, validated.
     *
     * @throws InvalidRequest naming the input and the rule
     */
    public static SecretName of(String value) throws InvalidRequest {
        if (!isValid(value)) {
            throw new InvalidRequest(message(value));
        }
        return new SecretName(value);
    }

    /** Whether {@code value} is a valid name. */
    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches() && !WindowsDeviceNames.reserved(value);
    }

    private static String message(String value) {
        if (value != null && WindowsDeviceNames.reserved(value)) {
            return "secret name '" + value + "' is a Windows device name (CON, NUL, COM1...), which cannot be a file;"
                    + " choose another (for example " + value + "-secret).";
        }
        return "secret name '" + value + "' is not valid: use 1 to 64 characters among a-z, 0-9, '.', '_' and '-', "
                + "starting with a letter or a digit (for example cloudflare-token).";
    }

    @Override
    public String toString() {
        return value;
    }
}
