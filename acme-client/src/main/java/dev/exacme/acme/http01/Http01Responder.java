package dev.exacme.acme.http01;

import java.io.IOException;

/**
 * Makes HTTP-01 challenge answers reachable at
 * {@code http://<name>/.well-known/acme-challenge/<token>} for as long as the CA needs them.
 *
 * <p>Implementations: {@link Http01Listener} (exacme's own HTTP server) and
 * {@link Http01Webroot} (token files under a web server's document root). The order flow
 * publishes every token before asking the CA to validate, withdraws each when its
 * authorization is done, and closes the responder as soon as validation is over, also when
 * it failed. {@link #close()} removes whatever is left and may be called more than once.
 */
public interface Http01Responder extends AutoCloseable {

    /** Serves the answer for this token. */
    void publish(ChallengeToken token) throws IOException;

    /** Stops serving this token. */
    void withdraw(ChallengeToken token) throws IOException;

    /** Describes where answers are served, for messages ("listener on port 80"). */
    String describe();

    @Override
    void close() throws IOException;
}
