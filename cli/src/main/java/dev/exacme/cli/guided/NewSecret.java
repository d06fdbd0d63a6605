package dev.exacme.cli.guided;

import dev.exacme.lifecycle.secrets.SecretReference;
import java.util.Arrays;

/**
 * A secret typed during the guided setup, stored as {@code exacme secret set NAME} stores it
 * once the commands are confirmed; shown only by its name.
 *
 * @param name  its name in the secret store
 * @param what  what it is, for the commands shown
 * @param value the value as typed
 */
public record NewSecret(String name, String what, char[] value) {

    /** How a definition refers to it: {@code secret:NAME}. */
    public String reference() {
        return SecretReference.PREFIX + name;
    }

    /** Overwrites the value once stored or abandoned. */
    void forget() {
        Arrays.fill(value, '\0');
    }

    @Override
    public String toString() {
        return "secret " + name + " (" + what + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NewSecret secret && secret.name.equals(name) && secret.what.equals(what)
                && Arrays.equals(secret.value, value);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
