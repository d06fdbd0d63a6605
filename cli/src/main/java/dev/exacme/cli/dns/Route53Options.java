package dev.exacme.cli.dns;

import dev.exacme.acme.dns.route53.Route53Settings;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.spec.DnsProviderSpec;
import picocli.CommandLine.Option;

/** Options of the {@code route53} provider. */
public final class Route53Options {

    @Option(names = "--route53-access-key-id", paramLabel = "ID",
            description = "route53: access key id (or AWS_ACCESS_KEY_ID).")
    private String accessKeyId;

    @Option(names = "--route53-secret-key-file", paramLabel = "FILE|secret:NAME|env:VAR",
            description = "route53: file with the secret access key, readable only by its owner (or "
                    + "AWS_SECRET_ACCESS_KEY; AWS_SESSION_TOKEN for temporary keys).")
    private String secretFile;

    @Option(names = "--route53-instance-role",
            description = "route53: use the IAM role of the EC2 instance exacme runs on.")
    private boolean instanceRole;

    @Option(names = "--route53-endpoint", paramLabel = "URL", defaultValue = Route53Settings.ENDPOINT,
            description = "route53: API endpoint. Default: ${DEFAULT-VALUE}.")
    private String endpoint = Route53Settings.ENDPOINT;

    DnsProviderSpec spec() throws InvalidRequest {
        if (instanceRole) {
            return new DnsProviderSpec.Route53(null, null, true, endpoint);
        }
        // The key id is no secret: taken from the environment now and written down, like every default.
        var id = accessKeyId != null ? accessKeyId : System.getenv("AWS_ACCESS_KEY_ID");
        var secret = secretFile != null ? SecretSources.file(secretFile)
                : SecretSources.environment("AWS_SECRET_ACCESS_KEY");
        if (id == null || id.isBlank() || secret == null) {
            throw new InvalidRequest("--dns route53 needs an access key (--route53-access-key-id and"
                    + " --route53-secret-key-file, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) or"
                    + " --route53-instance-role.");
        }
        return new DnsProviderSpec.Route53(id, secret, false, endpoint);
    }
}
