package dev.exacme.cli.dns;

import dev.exacme.acme.dns.DnsProvider;
import dev.exacme.acme.dns.route53.AwsCredentials;
import dev.exacme.acme.dns.route53.Route53Provider;
import dev.exacme.acme.dns.route53.Route53Settings;
import dev.exacme.acme.dns.route53.Route53Settings.AccessKey;
import dev.exacme.acme.dns.route53.Route53Settings.InstanceRole;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.lifecycle.secrets.SecretFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options of the {@code route53} provider. */
public final class Route53Options {

    @Option(names = "--route53-access-key-id", paramLabel = "ID",
            description = "route53: access key id (or AWS_ACCESS_KEY_ID).")
    private String accessKeyId;

    @Option(names = "--route53-secret-key-file", paramLabel = "FILE",
            description = "route53: file with the secret access key, readable only by its owner (or "
                    + "AWS_SECRET_ACCESS_KEY; AWS_SESSION_TOKEN for temporary keys).")
    private Path secretFile;

    @Option(names = "--route53-instance-role",
            description = "route53: use the IAM role of the EC2 instance exacme runs on.")
    private boolean instanceRole;

    @Option(names = "--route53-endpoint", paramLabel = "URL", defaultValue = Route53Settings.ENDPOINT,
            description = "route53: API endpoint. Default: ${DEFAULT-VALUE}.")
    private String endpoint = Route53Settings.ENDPOINT;

    DnsProvider provider(OutboundNetwork network) throws InvalidRequest {
        Route53Settings.CredentialsSource source;
        if (instanceRole) {
            source = new InstanceRole(URI.create(Route53Settings.METADATA));
        } else {
            var id = accessKeyId != null ? accessKeyId : System.getenv("AWS_ACCESS_KEY_ID");
            String secret = secretFile != null ? SecretFile.read(secretFile, "--route53-secret-key-file")
                    : System.getenv("AWS_SECRET_ACCESS_KEY");
            if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
                throw new InvalidRequest("--dns route53 needs an access key (--route53-access-key-id and "
                        + "--route53-secret-key-file, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) or "
                        + "--route53-instance-role.");
            }
            var token = Optional.ofNullable(System.getenv("AWS_SESSION_TOKEN")).filter(t -> !t.isBlank());
            source = new AccessKey(new AwsCredentials(id.trim(), secret.trim(), token));
        }
        return new Route53Provider(new Route53Settings(source, URI.create(endpoint), Duration.ofMinutes(5)), network,
                Clock.systemUTC());
    }
}
