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
        if (dev.exacme.lifecycle.config.WindowsDeviceNames.reserved(name)) {
            throw new InvalidRequest("'" + name + "' cannot name a managed certificate: it is a Windows device name"
                    + " (CON, NUL, COM1...), which cannot be a file; choose another (e.g. " + name + "-cert).");
        }
        // NAME.v1.json is where a migrated version 1 definition is kept.
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".v1")) {
            throw new InvalidRequest("'" + name + "' cannot name a managed certificate: names ending in .v1 are kept"
                    + " for migrated definitions; choose another (e.g. " + name.substring(0, name.length() - 3)
                    + "-v1).");
        }
        return name;
    }
}
