package dev.exacme.store;

import java.util.List;

/**
 * Who can open a private key, and whether that is what exacme's services need.
 *
 * @param provider where the key is held (a Windows CSP or KSP, "PEM file", "PKCS#12 file")
 * @param keyFile  the file holding the key, or empty text if unknown
 * @param owner    the key's owner
 * @param rules    the access list in order
 * @param problems what is missing, in words; empty when the key is fit for use
 * @param warnings what may be wrong but only the person can tell (a group nothing asked for
 *                 can read the key), in words; the key is still fit for use
 */
public record KeyAccess(String provider, String keyFile, String owner, List<AccessRule> rules, List<String> problems,
                        List<String> warnings) {

    /** Copies the lists. */
    public KeyAccess {
        rules = List.copyOf(rules);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** Without warnings. */
    public KeyAccess(String provider, String keyFile, String owner, List<AccessRule> rules, List<String> problems) {
        this(provider, keyFile, owner, rules, problems, List.of());
    }

    /** Whether nothing is missing. */
    public boolean fit() {
        return problems.isEmpty();
    }
}
