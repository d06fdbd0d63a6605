package dev.exacme.acme.dns;

import java.io.IOException;

/**
 * Writes and removes DNS-01 TXT records in one kind of DNS service. Implementations live
 * in one package each ({@code dev.exacme.acme.dns.<provider>}) with their settings record.
 *
 * <p>Both operations must leave other values of the same name alone. Failures are reported
 * as {@link IOException}s whose message names the provider, the record and what to fix,
 * and never contains a credential.
 */
public interface DnsProvider {

    /** The provider's name on the command line, e.g. {@code rfc2136}. */
    String id();

    /** Adds the record's value. */
    void present(ChallengeRecord record) throws IOException;

    /** Removes the record's value, if it is there. */
    void cleanUp(ChallengeRecord record) throws IOException;
}
