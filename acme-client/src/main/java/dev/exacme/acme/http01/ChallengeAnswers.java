package dev.exacme.acme.http01;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an HTTP-01 listener answers: the key authorization for a published token under
 * {@code /.well-known/acme-challenge/}, 404 for anything else, 405 for methods other than
 * GET and HEAD. Shared by exacme's Java listener and the http.sys listener on Windows, so
 * that both behave the same and the logic is tested on every platform.
 */
public final class ChallengeAnswers {

    /**
     * One answer.
     *
     * @param status the HTTP status
     * @param body   the body (empty for errors and HEAD)
     */
    public record Answer(int status, byte[] body) {
    }

    private final Map<String, String> answers = new ConcurrentHashMap<>();

    /** Serves this token's answer from now on. */
    public void publish(ChallengeToken token) {
        answers.put(token.token(), token.keyAuthorization());
    }

    /** Stops serving this token. */
    public void withdraw(ChallengeToken token) {
        answers.remove(token.token());
    }

    /** Forgets every token. */
    public void clear() {
        answers.clear();
    }

    /** The answer to {@code method} on the raw (undecoded) request path. */
    public Answer answer(String method, String rawPath) {
        var answer = rawPath.startsWith(ChallengeToken.PATH_PREFIX)
                ? answers.get(rawPath.substring(ChallengeToken.PATH_PREFIX.length())) : null;
        if (answer == null) {
            return new Answer(404, new byte[0]);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new Answer(405, new byte[0]);
        }
        return new Answer(200, method.equals("HEAD") ? new byte[0] : answer.getBytes(StandardCharsets.US_ASCII));
    }
}
