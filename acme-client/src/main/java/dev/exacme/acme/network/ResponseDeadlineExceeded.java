package dev.exacme.acme.network;

import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A whole exchange (request, headers and body) took longer than the request timeout: the
 * server was silent, or it trickled its answer. It is a timeout like the JDK's own, so code
 * that treats {@link HttpTimeoutException} as "try again later" treats this one so too.
 */
public final class ResponseDeadlineExceeded extends HttpTimeoutException {

    private final URI uri;
    private final Duration limit;

    ResponseDeadlineExceeded(URI uri, Duration limit) {
        super("no complete answer from " + uri + " within the request timeout of " + Sizes.words(limit));
        this.uri = uri;
        this.limit = limit;
    }

    /** The URL that did not answer in time. */
    public URI uri() {
        return uri;
    }

    /** The request timeout that ran out. */
    public Duration limit() {
        return limit;
    }
}
