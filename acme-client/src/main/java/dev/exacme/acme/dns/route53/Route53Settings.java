package dev.exacme.acme.dns.route53;

import java.net.URI;
import java.time.Duration;

/**
 * Amazon Route 53.
 *
 * @param credentials where signing credentials come from
 * @param endpoint    the API, {@value #ENDPOINT}
 * @param syncTimeout how long to wait for a change to reach every Route 53 server (INSYNC)
 */
public record Route53Settings(CredentialsSource credentials, URI endpoint, Duration syncTimeout) {

    /** Route 53's global endpoint. */
    public static final String ENDPOINT = "https://route53.amazonaws.com/";
    /** The EC2 instance metadata service. */
    public static final String METADATA = "http://169.254.169.254/";

    /** Where the credentials come from. */
    public sealed interface CredentialsSource {
    }

    /** An access key given by the administrator. */
    public record AccessKey(AwsCredentials credentials) implements CredentialsSource {
    }

    /** The IAM role of the EC2 instance exacme runs on, through the metadata service (IMDSv2). */
    public record InstanceRole(URI metadataUrl) implements CredentialsSource {
    }
}
