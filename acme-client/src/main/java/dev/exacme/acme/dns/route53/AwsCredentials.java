package dev.exacme.acme.dns.route53;

import java.util.Optional;

/**
 * AWS credentials for signing: an access key, or the temporary credentials of a role.
 *
 * @param accessKeyId     the key id, e.g. {@code AKIA...}
 * @param secretAccessKey a secret; never printed
 * @param sessionToken    present for temporary credentials (roles)
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=(hidden)"
                + sessionToken.map(token -> ", sessionToken=(hidden)").orElse("") + "]";
    }
}
