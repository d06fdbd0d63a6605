package dev.exacme.cli.dns;

import dev.exacme.acme.dns.cloudflare.CloudflareSettings;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.spec.DnsProviderSpec;
import picocli.CommandLine.Option;

/** Options of the {@code cloudflare} provider. */
public final class CloudflareOptions {

    /** The environment variable that may hold the API token. */
    public static final String TOKEN_VARIABLE = "EXACME_CLOUDFLARE_API_TOKEN";

    @Option(names = "--cloudflare-token-file", paramLabel = "FILE|secret:NAME|env:VAR",
            description = "cloudflare: file with an API token (Zone:Read, DNS:Edit), readable only by its owner. "
                    + "Or set " + TOKEN_VARIABLE + ".")
    private String tokenFile;

    @Option(names = "--cloudflare-api-url", paramLabel = "URL", defaultValue = CloudflareSettings.API,
            description = "cloudflare: API base URL. Default: ${DEFAULT-VALUE}.")
    private String apiUrl = CloudflareSettings.API;

    DnsProviderSpec spec() throws InvalidRequest {
        return new DnsProviderSpec.Cloudflare(SecretSources.fileOrEnvironment(tokenFile, TOKEN_VARIABLE), apiUrl);
    }
}
