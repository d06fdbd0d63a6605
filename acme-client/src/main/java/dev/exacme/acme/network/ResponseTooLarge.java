package dev.exacme.acme.network;

import java.io.IOException;
import java.net.URI;

/**
 * A server sent, or announced, a larger answer than any answer of its kind can be; exacme
 * stopped reading it rather than hold it in memory. A server doing this misbehaves: trying
 * again will not help until it is fixed.
 */
public final class ResponseTooLarge extends IOException {

    private final URI uri;
    private final long limit;

    /** {@code how} completes "the answer from URL ..." and names the limit. */
    ResponseTooLarge(URI uri, long limit, String how) {
        super("the answer from " + uri + " " + how);
        this.uri = uri;
        this.limit = limit;
    }

    /** The URL whose answer was refused. */
    public URI uri() {
        return uri;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }
}
