package dev.exacme.acme.http01;

import java.util.regex.Pattern;

/**
 * One HTTP-01 challenge to answer: the CA fetches
 * {@code http://<name>/.well-known/acme-challenge/<token>} and expects
 * {@code keyAuthorization} as the body.
 *
 * @param token            the token, base64url as the CA sent it
 * @param keyAuthorization the expected body: token, a dot, the account key thumbprint
 */
public record ChallengeToken(String token, String keyAuthorization) {

    /** The URL path prefix the CA requests. */
    public static final String PATH_PREFIX = "/.well-known/acme-challenge/";

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    /** Refuses tokens that are not base64url, so a token can never name another path. */
    public ChallengeToken {
        if (!BASE64URL.matcher(token).matches()) {
            throw new IllegalArgumentException("the CA sent an HTTP-01 token that is not base64url");
        }
    }

    @Override
    public String toString() {
        return "ChallengeToken[" + token + "]";
    }
}
