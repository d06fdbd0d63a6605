package dev.exacme.cli;

import dev.exacme.acme.ca.AcmeCa;
import dev.exacme.acme.ca.CaServer;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.lifecycle.spec.AccountSpec;
import dev.exacme.lifecycle.spec.CaSpec;
import dev.exacme.cli.network.NetworkOptions;
import dev.exacme.lifecycle.network.ResolvedNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which CA to talk to, which roots to trust for its TLS, and through which network. */
public final class CaOptions {

    @Option(names = "--server", paramLabel = "URL|NAME", defaultValue = "letsencrypt",
            description = "ACME directory URL, or letsencrypt, letsencrypt-staging, zerossl, google, "
                    + "google-staging. Default: ${DEFAULT-VALUE}.")
    private String server;

    @Option(names = "--trust", paramLabel = "PEM",
            description = "Also trust the CA certificates in this PEM file for the ACME server's TLS "
                    + "(private CAs, Pebble). Repeatable. Verification is never turned off.")
    private List<Path> trust = new ArrayList<>();

    @Mixin
    private NetworkOptions network;

    /**
     * The CA part of a specification: the directory URL resolved from a name, the trust files
     * made absolute.
     */
    public CaSpec spec(AccountSpec account, String profile, String preferredChain) throws InvalidRequest {
        return new CaSpec(server().directory().toString(), trust.stream().map(path -> path.toAbsolutePath().toString())
                .toList(), account, profile, preferredChain);
    }

    /** The network options of the run. */
    public NetworkOptions networkOptions() {
        return network;
    }

    /** The CA as given. */
    public CaServer server() throws InvalidRequest {
        return CaServer.parse(server);
    }

    /** The extra roots plus the runtime's. */
    public TrustedCertificates trust() throws InvalidRequest {
        return trust.isEmpty() ? TrustedCertificates.systemDefault() : TrustedCertificates.withPemFiles(trust);
    }

    /** The network configuration in force. */
    public ResolvedNetwork network(Path configDirectory) throws InvalidRequest, IOException {
        return network.resolve(configDirectory, trust());
    }

    /**
     * A session with the CA through the configured network; nothing is sent yet. Failures
     * to connect will say which proxy, if any, was in the way.
     */
    public AcmeCa connect(GlobalOptions global) throws InvalidRequest, IOException {
        return connect(global, network(global.configDirectory()));
    }

    /** As {@link #connect(GlobalOptions)}, with a network configuration already resolved. */
    public AcmeCa connect(GlobalOptions global, ResolvedNetwork resolved) throws InvalidRequest {
        global.console().onNetworkFailure(resolved.route());
        return AcmeCa.connect(server(), resolved.network());
    }
}
