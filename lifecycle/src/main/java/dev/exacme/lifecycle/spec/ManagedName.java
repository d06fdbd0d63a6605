package dev.exacme.lifecycle.spec;

import dev.exacme.acme.failure.InvalidRequest;

/** The name of a managed certificate: it becomes a file name, so it is kept to a safe alphabet. */
public final class ManagedName {

    private ManagedName() {
    }

    /**
     * Checks a certificate name.
     *
     * @return the name
     * @throws InvalidRequest naming it and what is allowed
     */
    public static String check(String name) throws InvalidRequest {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InvalidRequest("'" + name + "' cannot name a managed certificate: use letters, digits, '.', '_'"
                    + " and '-', starting with a letter or digit (e.g. mail or contoso-wildcard).");
        }
        return name;
    }
}
