package dev.exacme.acme.challenge;

import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.order.DomainName;
import java.io.IOException;
import java.util.List;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.challenge.Challenge;

/**
 * Proves control of names to the CA with one challenge type. The order flow calls
 * {@link #prepare} for every pending authorization, then {@link #awaitVisible} once, then
 * triggers the challenges, calls {@link #done} per finished authorization and
 * {@link #close} when validation is over, also after a failure.
 */
public interface ChallengeSolver extends AutoCloseable {

    /** The ACME challenge type, e.g. {@code http-01}. */
    String type();

    /** Refuses names this challenge type cannot validate, before anything is sent. */
    void check(List<DomainName> names) throws InvalidRequest;

    /**
     * Makes the answer for this authorization available.
     *
     * @return the challenge to trigger
     */
    Challenge prepare(Authorization authorization) throws AcmeFailure, IOException;

    /** Returns once every prepared answer is visible to the CA (DNS propagation). */
    void awaitVisible() throws AcmeFailure, IOException;

    /** The authorization is decided; its answer may be withdrawn. */
    void done(Authorization authorization) throws IOException;

    /** Where answers are served, for messages. */
    String describe();

    /** Removes every answer still in place. */
    @Override
    void close() throws IOException;
}
