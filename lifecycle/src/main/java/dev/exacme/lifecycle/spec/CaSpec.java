package dev.exacme.lifecycle.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.exacme.acme.ca.CaServer;
import dev.exacme.acme.failure.InvalidRequest;
import java.util.List;

/**
 * The CA and the account there.
 *
 * @param directory      the ACME directory URL, resolved from a name like {@code letsencrypt} when added
 * @param trust          PEM files of extra roots trusted for the CA's TLS (private CAs, Pebble)
 * @param account        what a new account is registered with
 * @param profile        the ACME profile asked for, null for the CA's default
 * @param preferredChain the issuer common name of the preferred alternate chain, null for the default chain
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaSpec(String directory, List<String> trust, AccountSpec account, String profile,
                     String preferredChain) {

    /** Copies the list. */
    public CaSpec {
        trust = trust == null ? List.of() : List.copyOf(trust);
    }

    /** The same CA asking for {@code chosen} ({@code classic}, ...). */
    public CaSpec withProfile(String chosen) {
        return new CaSpec(directory, trust, account, chosen, preferredChain);
    }

    /** The CA server the directory names. */
    public CaServer server() throws InvalidRequest {
        return CaServer.parse(directory);
    }

    void validate() throws InvalidRequest {
        server();
        if (account == null) {
            throw new InvalidRequest("the specification lacks the account settings.");
        }
        account.validate();
    }
}
