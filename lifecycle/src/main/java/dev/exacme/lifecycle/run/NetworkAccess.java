package dev.exacme.lifecycle.run;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.lifecycle.network.ResolvedNetwork;
import java.io.IOException;

/** The network settings of a run (proxy, timeouts), for connections that trust the given roots. */
@FunctionalInterface
public interface NetworkAccess {

    /**
     * The network in force, trusting {@code trust} for TLS.
     *
     * @throws InvalidRequest naming a setting that cannot be used
     */
    ResolvedNetwork resolve(TrustedCertificates trust) throws InvalidRequest, IOException;
}
