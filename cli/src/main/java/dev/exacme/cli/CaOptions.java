package dev.exacme.cli;

import dev.exacme.acme.ca.AcmeCa;
import dev.exacme.acme.ca.CaServer;
import dev.exacme.acme.ca.TrustedCertificates;
import dev.exacme.acme.failure.InvalidRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which CA to talk to and which roots to trust for its TLS. */
public final class CaOptions {

    @Option(names = "--server", paramLabel = "URL|NAME", defaultValue = "letsencrypt",
            description = "ACME directory URL, or letsencrypt, letsencrypt-staging, zerossl, google, "
                    + "google-staging. Default: ${DEFAULT-VALUE}.")
    private String server;

    @Option(names = "--trust", paramLabel = "PEM",
            description = "Also trust the CA certificates in this PEM file for the ACME server's TLS "
                    + "(private CAs, Pebble). Repeatable. Verification is never turned off.")
    private List<Path> trust = new ArrayList<>();

    /** The CA as given. */
    public CaServer server() throws InvalidRequest {
        return CaServer.parse(server);
    }

    /** A session with the CA; nothing is sent yet. */
    public AcmeCa connect() throws InvalidRequest {
        var trusted = trust.isEmpty() ? TrustedCertificates.systemDefault() : TrustedCertificates.withPemFiles(trust);
        return AcmeCa.connect(server(), trusted, AcmeCa.DEFAULT_REQUEST_TIMEOUT);
    }
}
