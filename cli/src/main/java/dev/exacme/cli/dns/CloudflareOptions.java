package dev.exacme.cli.dns;

import dev.exacme.acme.dns.DnsProvider;
import dev.exacme.acme.dns.cloudflare.CloudflareProvider;
import dev.exacme.acme.dns.cloudflare.CloudflareSettings;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.lifecycle.secrets.SecretFile;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of the {@code cloudflare} provider. */
public final class CloudflareOptions {

    /** The environment variable that may hold the API token. */
    public static final String TOKEN_VARIABLE = "EXACME_CLOUDFLARE_API_TOKEN";

    @Option(names = "--cloudflare-token-file", paramLabel = "FILE",
            description = "cloudflare: file with an API token (Zone:Read, DNS:Edit), readable only by its owner. "
                    + "Or set " + TOKEN_VARIABLE + ".")
    private Path tokenFile;

    @Option(names = "--cloudflare-api-url", paramLabel = "URL", defaultValue = CloudflareSettings.API,
            description = "cloudflare: API base URL. Default: ${DEFAULT-VALUE}.")
    private String apiUrl = CloudflareSettings.API;

    DnsProvider provider(OutboundNetwork network) throws InvalidRequest {
        var token = SecretFile.fromFileOrEnvironment(tokenFile, "--cloudflare-token-file", TOKEN_VARIABLE,
                "--dns cloudflare needs an API token: --cloudflare-token-file FILE or " + TOKEN_VARIABLE + ".");
        return new CloudflareProvider(new CloudflareSettings(token, URI.create(apiUrl)), network);
    }
}
