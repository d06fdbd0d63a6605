package dev.exacme.acme.failure;

/**
 * The CA could not be reached, did not answer in time, or answered with a server error
 * without a problem document. Usually worth trying again later.
 */
public final class NetworkFailure extends AcmeFailure {

    public NetworkFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public NetworkFailure(String message) {
        super(message, null);
    }
}
