package dev.exacme.store;

import java.util.List;

/**
 * What an install put where.
 *
 * @param thumbprint the installed certificate's thumbprint
 * @param location   where the certificate is (store name, directory, file)
 * @param keyAccess  who can open the private key, read back after the install
 * @param warnings   what the person should know (e.g. an ECDSA key Exchange may not accept)
 */
public record Installation(Thumbprint thumbprint, String location, KeyAccess keyAccess, List<String> warnings) {

    /** Copies the list. */
    public Installation {
        warnings = List.copyOf(warnings);
    }
}
