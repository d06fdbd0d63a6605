package dev.exacme.cli.network;

import dev.exacme.lifecycle.network.*;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.cli.DurationConverter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How exacme reaches the internet: proxy, exceptions, credentials, timeouts. */
public final class NetworkOptions {

    @Option(names = "--proxy", paramLabel = "URL|direct",
            description = "HTTP proxy for every outbound connection, http://host:port; 'direct' for none. Default: "
                    + "the saved settings, else HTTPS_PROXY/HTTP_PROXY, else the WinHTTP proxy, else direct.")
    private String proxy;

    @Option(names = "--no-proxy", paramLabel = "LIST",
            description = "Hosts reached without the proxy: names (example.com covers its subdomains), patterns "
                    + "(*.corp.example.com), ranges (10.0.0.0/8), <local>; comma or semicolon separated.")
    private String noProxy;

    @Option(names = "--proxy-credentials-file", paramLabel = "FILE",
            description = "File with user:password for the proxy, readable only by its owner.")
    private Path credentialsFile;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Limit for opening a connection. Default: 10s.")
    private Duration connectTimeout = OutboundNetwork.DEFAULT_CONNECT_TIMEOUT;

    @Option(names = "--request-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Limit for one request and its answer. Default: 30s.")
    private Duration requestTimeout = OutboundNetwork.DEFAULT_REQUEST_TIMEOUT;

    /** The proxy option as given, for saving. */
    Optional<String> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** The no-proxy option as given, for saving. */
    Optional<String> noProxy() {
        return Optional.ofNullable(noProxy);
    }

    /** The credentials file option as given, for saving. */
    Optional<Path> credentialsFile() {
        return Optional.ofNullable(credentialsFile);
    }

    /**
     * The configuration in force for this run.
     *
     * @throws InvalidRequest naming a setting that cannot be used
     * @throws IOException    if the saved settings cannot be read
     */
    public ResolvedNetwork resolve(Path configDirectory, TrustedCertificates trust) throws InvalidRequest, IOException {
        return NetworkResolution.resolve(new NetworkResolution.Inputs(proxy(), noProxy(), credentialsFile(),
                SavedNetwork.load(configDirectory), SavedNetwork.file(configDirectory), System.getenv(),
                WinHttpReader.forThisMachine().read(), connectTimeout, requestTimeout, trust));
    }
}
